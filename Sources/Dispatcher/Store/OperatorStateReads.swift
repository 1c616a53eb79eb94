import Foundation
import GRDB
import Rules

/// Read-only queries over the operators' state and the history (SPEC §14–§16), for `show`,
/// `history`, `handover`, `status` and the console. Every function takes the `Database` of a
/// read (`store.database.read { db in … }`, on a store opened with
/// `StateStore.openReadOnly(directory:)` while the daemon runs); none writes.
public enum OperatorStateReads {
    /// The schema this dispatchd writes: the last migration identifier (`v3-operators`).
    public static var schemaVersion: String { StoreSchema.current.identifiers.last ?? "" }

    /// The schema of the database at hand: its last applied migration identifier.
    public static func schemaVersion(in db: Database) throws -> String {
        let applied = try StoreSchema.current.migrator.appliedIdentifiers(db)
        return StoreSchema.current.identifiers.last(where: applied.contains) ?? ""
    }

    /// Teams an operator made unavailable (every other configured team is available), by id.
    public static func unavailableTeams(in db: Database) throws -> [TeamStatusRecord] {
        try TeamStatusRecord.all(in: db)
    }

    /// Every duty post whose shift a `duty` command set, by id.
    public static func dutyShifts(in db: Database) throws -> [DutyShiftRecord] {
        try DutyShiftRecord.all(in: db)
    }

    /// Who messages to `post` reach now: the persons on duty, else the post's contact — what
    /// the daemon puts in `recipients` (SPEC §15). `since` is nil while nobody was set on duty.
    public static func onDuty(at post: DutyPost, in db: Database) throws -> (persons: [Recipient], since: Date?, setBy: String?, isContact: Bool) {
        if let shift = try DutyShiftRecord.find(post.id, in: db), !shift.onDuty.isEmpty {
            return (shift.onDuty, shift.since, shift.by, false)
        }
        let shift = try DutyShiftRecord.find(post.id, in: db)
        return (post.recipients, shift?.since, shift?.by, true)
    }

    /// The history of one incident, oldest first.
    public static func history(incidentID: String, in db: Database) throws -> [HistoryRecord] {
        try HistoryRecord.forIncident(incidentID, in: db)
    }

    /// The history of one duty post (its handovers), oldest first.
    public static func history(postID: String, in db: Database) throws -> [HistoryRecord] {
        try HistoryRecord.filter(Column("post_id") == postID).order(Column("id")).fetchAll(db)
    }

    /// The history of one team (availability changes, and the orders and commands that name it), oldest first.
    public static func history(teamID: String, in db: Database) throws -> [HistoryRecord] {
        try HistoryRecord.filter(Column("team_id") == teamID).order(Column("id")).fetchAll(db)
    }

    /// Every history row at or after `since`, oldest first (the handover report's "since the
    /// last handover").
    public static func history(since: Date, in db: Database) throws -> [HistoryRecord] {
        try HistoryRecord.filter(Column("at") >= since.timeIntervalSince1970).order(Column("id")).fetchAll(db)
    }

    /// The last handover at a post, if any.
    public static func lastHandover(postID: String, in db: Database) throws -> HistoryRecord? {
        try HistoryRecord.filter(Column("post_id") == postID && Column("event") == HistoryEvent.handover.rawValue)
            .order(Column("id").desc).fetchOne(db)
    }

    /// Pending demands (unfilled, waiting for a team), most urgent first.
    public static func pendingDemands(in db: Database) throws -> [PendingDemandRecord] {
        try PendingDemandRecord.byUrgency(in: db)
    }

    /// How many orders of each demand of an incident an operator stood down (not refilled).
    public static func waivedDemands(incidentID: String, in db: Database) throws -> [String: Int] {
        try DemandWaiverRecord.forIncident(incidentID, in: db)
    }
}

extension OrderRecord {
    /// Whether an operator gave this order (`dispatch`), outside the rules.
    public var isManual: Bool { demandKey == DispatchCore.manualDemandKey }
}
