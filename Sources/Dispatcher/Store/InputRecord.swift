import Foundation
import GRDB

/// One row of `inputs`: the append-only history of every input file the daemon took in
/// (SPEC §2, §3.3, §9). Rows are never updated or deleted (a trigger refuses it).
public struct InputRecord: StoredRecord {
    public enum Outcome: String, Codable, Sendable, CaseIterable {
        case applied, duplicate, stale, ignored, conflict, rejected
    }

    public static let databaseTableName = "inputs"

    /// Assigned by SQLite on insert.
    public var id: Int64?
    /// SPEC §3.3 identity; nil for an input too broken to have one.
    public var inputKey: String?
    /// Lowercase hex SHA-256 of the raw bytes.
    public var sha256: String
    public var size: Int64
    public var ownerUID: UInt32?
    /// The name the file was dropped under.
    public var fileName: String
    public var receivedAt: Date
    public var incidentID: String?
    public var outcome: Outcome
    /// Why (for stale, ignored, conflict, rejected) or what it did (for applied).
    public var detail: String

    public init(id: Int64? = nil, inputKey: String?, sha256: String, size: Int64, ownerUID: UInt32?, fileName: String,
                receivedAt: Date, incidentID: String?, outcome: Outcome, detail: String = "") {
        self.id = id
        self.inputKey = inputKey
        self.sha256 = sha256
        self.size = size
        self.ownerUID = ownerUID
        self.fileName = fileName
        self.receivedAt = receivedAt
        self.incidentID = incidentID
        self.outcome = outcome
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case id, inputKey = "input_key", sha256, size, ownerUID = "owner_uid", fileName = "file_name"
        case receivedAt = "received_at", incidentID = "incident_id", outcome, detail
    }

    /// The columns by hand, in `CodingKeys`' names and `StoredRecord`'s forms.
    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["input_key"] = inputKey
        container["sha256"] = sha256
        container["size"] = size
        container["owner_uid"] = ownerUID.map { Int64($0) }
        container["file_name"] = fileName
        container["received_at"] = receivedAt.timeIntervalSince1970
        container["incident_id"] = incidentID
        container["outcome"] = outcome.rawValue
        container["detail"] = detail
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Every earlier input with this key, oldest first (duplicate and conflict detection).
    public static func withKey(_ inputKey: String, in db: Database) throws -> [InputRecord] {
        try filter(Column("input_key") == inputKey).order(Column("id")).fetchAll(db)
    }

    /// Outcomes of inputs that were not taken (SQL list for the two look-ups below).
    private static let notTaken = "('\(Outcome.rejected.rawValue)', '\(Outcome.conflict.rawValue)')"

    /// The oldest input with this key that was taken (neither rejected nor a conflict): what
    /// makes a later one a duplicate or a conflict. One indexed row, however many copies came.
    public static func firstTaken(key: String, in db: Database) throws -> InputRecord? {
        try fetchOne(db.cachedStatement(sql: """
            SELECT * FROM inputs WHERE input_key = ? AND outcome NOT IN \(notTaken) ORDER BY id LIMIT 1
            """), arguments: [key])
    }

    /// Whether an input with this key and these bytes was taken.
    public static func isTaken(key: String, sha256: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM inputs WHERE input_key = ? AND sha256 = ? AND outcome NOT IN \(notTaken))
            """), arguments: [key, sha256]) ?? false
    }

    /// The input history of one incident, oldest first.
    public static func forIncident(_ incidentID: String, in db: Database) throws -> [InputRecord] {
        try filter(Column("incident_id") == incidentID).order(Column("id")).fetchAll(db)
    }
}
