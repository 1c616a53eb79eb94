import Foundation

/// A team's answer to an order (SPEC §7), as dropped in `acks/`:
/// `{"order_id": "...", "status": "accept|decline|arrived|complete", "by": "姓名", "at": "...", "note": "..."}`.
///
/// `at` is when the team answered, if the writer says so (the daemon otherwise uses the time it
/// read the file); `by` is who answered, recorded beside the file owner's uid.
public struct Acknowledgement: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable, Codable {
        case accept, decline, arrived, complete
    }

    public var orderID: String
    public var status: Status
    public var by: String
    public var at: Date?
    public var note: String?

    public init(orderID: String, status: Status, by: String, at: Date? = nil, note: String? = nil) {
        self.orderID = orderID
        self.status = status
        self.by = by
        self.at = at
        self.note = note
    }
}
