import Foundation
import GRDB

/// One row of `acks`: an acknowledgement as received, who gave it (the `by` field and the
/// file owner's uid) and what it did. Recorded even when it revives nothing (SPEC §7).
public struct AckRecord: StoredRecord {
    public enum Status: String, Codable, Sendable, CaseIterable { case accept, decline, arrived, complete }

    public static let databaseTableName = "acks"

    public var id: Int64?
    public var orderID: String
    public var status: Status
    public var by: String
    /// The `at` the acker wrote, when given.
    public var at: Date?
    public var note: String
    public var ownerUID: UInt32?
    public var receivedAt: Date
    public var fileName: String
    public var sha256: String
    /// What the ack did (`accepted`, `reassigned`, `none: already declined`, …).
    public var effect: String

    public init(id: Int64? = nil, orderID: String, status: Status, by: String, at: Date?, note: String = "",
                ownerUID: UInt32?, receivedAt: Date, fileName: String, sha256: String, effect: String = "") {
        self.id = id
        self.orderID = orderID
        self.status = status
        self.by = by
        self.at = at
        self.note = note
        self.ownerUID = ownerUID
        self.receivedAt = receivedAt
        self.fileName = fileName
        self.sha256 = sha256
        self.effect = effect
    }

    enum CodingKeys: String, CodingKey {
        case id, orderID = "order_id", status, by, at, note, ownerUID = "owner_uid"
        case receivedAt = "received_at", fileName = "file_name", sha256, effect
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Every ack of one order, in arrival order.
    public static func forOrder(_ orderID: String, in db: Database) throws -> [AckRecord] {
        try filter(Column("order_id") == orderID).order(Column("id")).fetchAll(db)
    }
}
