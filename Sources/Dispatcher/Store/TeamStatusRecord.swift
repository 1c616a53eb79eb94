import Foundation
import GRDB

/// One row of `team_status`: a team an operator made unavailable (SPEC §14 `team`). A team
/// without a row is available. An unavailable team is never picked for a new order or a
/// pending demand; its open orders stay as they are. With `until`, a restart-safe timer makes
/// it available again at that time (re-armed from this table at start-up).
public struct TeamStatusRecord: StoredRecord, PersistableRecord {
    public static let databaseTableName = "team_status"

    public var teamID: String
    public var status: String = "unavailable"
    public var reason: String?
    public var until: Date?
    /// Since when it is unavailable.
    public var since: Date
    public var by: String
    public var ownerUID: UInt32?

    public init(teamID: String, reason: String?, until: Date?, since: Date, by: String, ownerUID: UInt32?) {
        self.teamID = teamID
        self.reason = reason
        self.until = until
        self.since = since
        self.by = by
        self.ownerUID = ownerUID
    }

    enum CodingKeys: String, CodingKey {
        case teamID = "team_id", status, reason, until, since, by, ownerUID = "owner_uid"
    }

    public static func find(_ teamID: String, in db: Database) throws -> TeamStatusRecord? {
        try fetchOne(db.cachedStatement(sql: "SELECT * FROM team_status WHERE team_id = ?"), arguments: [teamID])
    }

    /// Every unavailable team, by id.
    public static func all(in db: Database) throws -> [TeamStatusRecord] {
        try fetchAll(db.cachedStatement(sql: "SELECT * FROM team_status ORDER BY team_id"))
    }

    /// The ids of the unavailable teams (read on every plan: a cached statement).
    static func unavailableIDs(in db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db.cachedStatement(sql: "SELECT team_id FROM team_status")))
    }

    static func remove(_ teamID: String, in db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM team_status WHERE team_id = ?").execute(arguments: [teamID])
    }
}
