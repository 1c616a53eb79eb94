import Foundation
import GRDB

/// One row of `history`: an append-only after-action event of one incident (SPEC §9): an
/// input taken, the rules matched (with the config hash), a message written, an ack received.
/// A trigger refuses UPDATE and DELETE.
public struct HistoryRecord: StoredRecord {
    public static let databaseTableName = "history"

    public var id: Int64?
    public var incidentID: String
    public var at: Date
    /// A stable event name (`input`, `matched`, `message`, `ack`, …).
    public var event: String
    /// JSON text with the event's data.
    public var detail: String

    public init(id: Int64? = nil, incidentID: String, at: Date, event: String, detail: String = "{}") {
        self.id = id
        self.incidentID = incidentID
        self.at = at
        self.event = event
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case id, incidentID = "incident_id", at, event, detail
    }

    /// The columns by hand, in `CodingKeys`' names and `StoredRecord`'s forms.
    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["incident_id"] = incidentID
        container["at"] = at.timeIntervalSince1970
        container["event"] = event
        container["detail"] = detail
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Appends one event and returns its row id.
    @discardableResult
    public static func append(incidentID: String, at: Date, event: String, detail: String = "{}",
                              in db: Database) throws -> Int64 {
        var record = HistoryRecord(incidentID: incidentID, at: at, event: event, detail: detail)
        try record.insert(db)
        return record.id ?? db.lastInsertedRowID
    }

    /// The history of one incident, oldest first.
    public static func forIncident(_ incidentID: String, in db: Database) throws -> [HistoryRecord] {
        try filter(Column("incident_id") == incidentID).order(Column("id")).fetchAll(db)
    }
}
