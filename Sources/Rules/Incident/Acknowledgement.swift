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
    /// How it was entered (`cli`, `console`, …) and by which login, when someone entered the
    /// ack for the team that phoned in (SPEC §17); written, never needed to read an ack.
    public var via: String?
    public var enteredBy: String?

    public init(orderID: String, status: Status, by: String, at: Date? = nil, note: String? = nil,
                via: String? = nil, enteredBy: String? = nil) {
        self.via = via
        self.enteredBy = enteredBy
        self.orderID = orderID
        self.status = status
        self.by = by
        self.at = at
        self.note = note
    }
}
