import Foundation
import GRDB

/// One row of `outbox`: a message with its SEQ, moving `pending → staged → published`.
public struct OutboxRecord: StoredRecord, PersistableRecord {
    public enum State: String, Codable, Sendable, CaseIterable {
        /// Committed with its cause; no file written yet.
        case pending
        /// Its file is fsynced in `outgoing/.staging/` (or was already renamed if we crashed).
        case staged
        /// Renamed into `outgoing/` and the directory fsynced.
        case published
    }

    public static let databaseTableName = "outbox"

    public var seq: Int64
    public var type: OutgoingMessage.MessageType
    /// The unescaped id the file name was made from.
    public var objectID: String
    public var incidentID: String
    public var messageID: String
    public var fileName: String
    public var body: Data
    public var state: State
    public var appendedAt: Date
    public var stagedAt: Date?
    public var publishedAt: Date?

    enum CodingKeys: String, CodingKey {
        case seq, type, objectID = "object_id", incidentID = "incident_id", messageID = "message_id"
        case fileName = "file_name", body, state, appendedAt = "appended_at", stagedAt = "staged_at"
        case publishedAt = "published_at"
    }

    /// The columns by hand, in `CodingKeys`' names and `StoredRecord`'s forms.
    public func encode(to container: inout PersistenceContainer) {
        container["seq"] = seq
        container["type"] = type.rawValue
        container["object_id"] = objectID
        container["incident_id"] = incidentID
        container["message_id"] = messageID
        container["file_name"] = fileName
        container["body"] = body
        container["state"] = state.rawValue
        container["appended_at"] = appendedAt.timeIntervalSince1970
        container["staged_at"] = stagedAt?.timeIntervalSince1970
        container["published_at"] = publishedAt?.timeIntervalSince1970
    }

    public var bodyBytes: [UInt8] { [UInt8](body) }

    public static func find(seq: Int64, in db: Database) throws -> OutboxRecord? {
        try fetchOne(db, key: seq)
    }

    /// Rows in one state, in SEQ order.
    public static func inState(_ state: State, limit: Int? = nil, in db: Database) throws -> [OutboxRecord] {
        try inStateRequest(state, limit: limit).fetchAll(db)
    }

    /// The request behind `inState`. For `pending` and `staged` it repeats the partial index's
    /// own term, `state <> 'published'`: SQLite uses a partial index only for a query whose
    /// WHERE implies the index's, and it does not reason from `state = 'pending'` to it. Without
    /// the term every call scanned the whole outbox (every message ever written) on the path of
    /// every input. Published rows are never asked for on a hot path.
    static func inStateRequest(_ state: State, limit: Int? = nil) -> QueryInterfaceRequest<OutboxRecord> {
        let filtered = state == .published ? filter(Column("state") == state.rawValue)
            : filter(Column("state") != State.published.rawValue && Column("state") == state.rawValue)
        let request = filtered.order(Column("seq"))
        return limit.map { request.limit($0) } ?? request
    }

    /// How many rows are not yet published (for sd_notify `STATUS=` and `status`).
    public static func unpublishedCount(in db: Database) throws -> Int {
        try filter(Column("state") != State.published.rawValue).fetchCount(db)
    }

    /// Every message of one incident, in SEQ order (after-action review).
    public static func forIncident(_ incidentID: String, in db: Database) throws -> [OutboxRecord] {
        try filter(Column("incident_id") == incidentID).order(Column("seq")).fetchAll(db)
    }
}
