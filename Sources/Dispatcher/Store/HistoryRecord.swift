import Foundation
import GRDB

/// One row of `history`: an append-only after-action event (SPEC §9, §16): an input taken,
/// the rules matched (with the config hash), a message written, an ack received, an operator
/// command, a timer that fired, a team's availability, a duty handover. A trigger refuses
/// UPDATE and DELETE.
///
/// An event belongs to an incident (`incidentID`), or, for team and duty events, to a team
/// (`teamID`) or a duty post (`postID`); a command on an incident's order names both. `by`,
/// `ownerUID` and `via` say who caused it (a person's name, the file owner's uid, `cli` or
/// `console`); all three are nil for what the daemon did by itself (a timer) and for rows
/// written before schema v3.
public struct HistoryRecord: StoredRecord {
    public static let databaseTableName = "history"

    public var id: Int64?
    public var incidentID: String?
    public var teamID: String?
    public var postID: String?
    public var at: Date
    /// A stable event name: one of `HistoryEvent`'s raw values (`input`, `order`, `ack`, …).
    public var event: String
    public var by: String?
    public var ownerUID: UInt32?
    public var via: String?
    /// JSON text with the event's data.
    public var detail: String

    public init(id: Int64? = nil, incidentID: String?, teamID: String? = nil, postID: String? = nil, at: Date,
                event: String, actor: HistoryActor? = nil, detail: String = "{}") {
        self.id = id
        self.incidentID = incidentID
        self.teamID = teamID
        self.postID = postID
        self.at = at
        self.event = event
        self.by = actor?.by
        self.ownerUID = actor?.ownerUID
        self.via = actor?.via
        self.detail = detail
    }

    /// The event as a type, when it is one this dispatchd knows.
    public var kind: HistoryEvent? { HistoryEvent(rawValue: event) }

    enum CodingKeys: String, CodingKey {
        case id, incidentID = "incident_id", teamID = "team_id", postID = "post_id", at, event, by
        case ownerUID = "owner_uid", via, detail
    }

    /// The columns by hand, in `CodingKeys`' names and `StoredRecord`'s forms.
    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["incident_id"] = incidentID
        container["team_id"] = teamID
        container["post_id"] = postID
        container["at"] = at.timeIntervalSince1970
        container["event"] = event
        container["by"] = by
        container["owner_uid"] = ownerUID.map { Int64($0) }
        container["via"] = via
        container["detail"] = detail
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Appends one event of an incident and returns its row id.
    @discardableResult
    public static func append(incidentID: String, at: Date, event: String, detail: String = "{}",
                              in db: Database) throws -> Int64 {
        var record = HistoryRecord(incidentID: incidentID, at: at, event: event, detail: detail)
        try record.insert(db)
        return record.id ?? db.lastInsertedRowID
    }

    /// Appends one typed event.
    @discardableResult
    public static func append(_ event: HistoryEvent, at: Date, incidentID: String? = nil, teamID: String? = nil,
                              postID: String? = nil, actor: HistoryActor? = nil, detail: String = "{}",
                              in db: Database) throws -> Int64 {
        var record = HistoryRecord(incidentID: incidentID, teamID: teamID, postID: postID, at: at,
                                   event: event.rawValue, actor: actor, detail: detail)
        try record.insert(db)
        return record.id ?? db.lastInsertedRowID
    }

    /// The history of one incident, oldest first.
    public static func forIncident(_ incidentID: String, in db: Database) throws -> [HistoryRecord] {
        try filter(Column("incident_id") == incidentID).order(Column("id")).fetchAll(db)
    }
}

/// Who caused a history event: a person's name, the uid owning the file that carried it,
/// and where it was given (`cli`, `console`).
public struct HistoryActor: Sendable, Equatable {
    public var by: String
    public var ownerUID: UInt32?
    public var via: String?

    public init(by: String, ownerUID: UInt32?, via: String? = nil) {
        self.by = by
        self.ownerUID = ownerUID
        self.via = via
    }
}

/// The events the history records (`HistoryRecord.event`).
public enum HistoryEvent: String, Sendable, CaseIterable, Codable {
    /// An input file taken (file, SHA-256, owner, outcome, config hash).
    case input
    /// The rules an incident matched, with the response level and the config hash (v3).
    case matched
    case order, reassign, standdown, shortfall, escalation, unacknowledged, ack, lifted, closed
    /// An operator command applied (kind, its fields, by, uid, via) (v3).
    case command
    /// A team made unavailable or available again (by a command, or by its `until` timer) (v3).
    case teamUnavailable = "team_unavailable"
    case teamAvailable = "team_available"
    /// A `duty` command: who handed over to whom at a post (v3).
    case handover
    /// A timer that fired: which, when it was due, how late (v3).
    case timer
}
