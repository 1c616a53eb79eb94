import Foundation
import GRDB
import Logging
import Rules

/// Live team availability and duty shifts (SPEC §14 `team`, `duty`; §15).
///
/// Invariants:
/// - A team is unavailable exactly while it has a `team_status` row; the matcher never picks
///   it (it is in every occupancy's `excluded`), its open orders stay as they are.
/// - `until` is a timer (`team:ID`) re-armed from `team_status` at start-up, so it is
///   restart-safe; a team that becomes available (by command or timer) lets pending demands fill.
/// - Messages to a duty post (escalations, shortfalls, unacknowledged chains, modes) go to the
///   persons on duty there (`duty_shifts`) when a `duty` command set any, else to its contact.
/// - Every change is a history row: `team_unavailable` / `team_available` with the team, a
///   `handover` with the post (who handed over to whom); each with who did it.
extension DispatchCore {
    func changeAvailability(_ change: TeamAvailability, command: OperatorCommand, actor: HistoryActor,
                            tx: inout EngineTransaction, db: Database) throws -> CommandResult {
        guard county.team(id: change.teamID) != nil else {
            throw CommandRefused("no team '\(change.teamID)' in the roster", remedy: "check the team id in the teams file")
        }
        let existing = try TeamStatusRecord.find(change.teamID, in: db)
        let timer = EngineEffects.teamTimer(change.teamID)
        switch change.status {
        case .unavailable:
            if let until = change.until, until <= tx.now {
                throw CommandRefused("`until` \(writer.time(until).stringValue ?? "") has already passed",
                                     remedy: "give a time in the future, or leave `until` out")
            }
            try recordCommand(command, actor: actor, teamID: change.teamID, tx: tx, db: db)
            let record = TeamStatusRecord(teamID: change.teamID, reason: change.reason, until: change.until,
                                          since: existing?.since ?? tx.now, by: actor.by, ownerUID: actor.ownerUID)
            try record.upsert(db)
            try HistoryRecord.append(.teamUnavailable, at: tx.now, teamID: change.teamID, actor: actor, detail: JSONWriter.string(.object([
                ("reason", .optional(change.reason)), ("until", writer.time(change.until)),
            ])), in: db)
            tx.effects.arm(timer, at: change.until)
            logger.notice("team unavailable", metadata: ["event": "team_unavailable", "team.id": "\(change.teamID)",
                                                         "reason": "\(change.reason ?? "-")", "by": "\(actor.by)"])
            let until = change.until.map { " until \(writer.time($0).stringValue ?? "")" } ?? ""
            return CommandResult(incidentID: nil, summary: "team \(change.teamID) unavailable\(until)")
        case .available:
            guard existing != nil else {
                throw CommandRefused("team \(change.teamID) is already available", remedy: "nothing to do")
            }
            try recordCommand(command, actor: actor, teamID: change.teamID, tx: tx, db: db)
            try makeAvailable(change.teamID, actor: actor, detail: [("reason", .string("command"))], tx: &tx, db: db)
            return CommandResult(incidentID: nil, summary: "team \(change.teamID) available")
        }
    }

    /// Removes the team's unavailability, cancels its timer and lets pending demands fill.
    private func makeAvailable(_ teamID: String, actor: HistoryActor?, detail: [(String, JSONValue)],
                               tx: inout EngineTransaction, db: Database) throws {
        try TeamStatusRecord.remove(teamID, in: db)
        tx.effects.arm(EngineEffects.teamTimer(teamID), at: nil)
        tx.effects.capacityReleased = true
        try HistoryRecord.append(.teamAvailable, at: tx.now, teamID: teamID, actor: actor,
                                 detail: JSONWriter.string(.object(detail)), in: db)
        logger.notice("team available again", metadata: ["event": "team_available", "team.id": "\(teamID)",
                                                          "by": "\(actor?.by ?? "until")"])
    }

    /// The `team:ID` timer: the team's `until` has come.
    func fireTeamTimer(_ teamID: String, tx: inout EngineTransaction, db: Database) throws {
        guard let status = try TeamStatusRecord.find(teamID, in: db), let until = status.until else { return }
        guard until <= tx.now else {
            tx.effects.arm(EngineEffects.teamTimer(teamID), at: until)
            return
        }
        try recordTimer(.teamUntil, due: until, teamID: teamID, tx: tx, db: db)
        try makeAvailable(teamID, actor: nil, detail: [("reason", .string("until")), ("until", writer.time(until)),
                                                       ("late_seconds", .number(Int(tx.now.timeIntervalSince(until))))],
                          tx: &tx, db: db)
    }

    /// `duty`: the persons on duty at a post from now on; a `handover` row says from whom to whom.
    func handOver(_ change: DutyChange, command: OperatorCommand, actor: HistoryActor, tx: EngineTransaction,
                  db: Database) throws -> CommandResult {
        guard let post = county.dutyPost(id: change.postID) else {
            throw CommandRefused("no duty post '\(change.postID)' in the duty file", remedy: "check the post id in the duty file")
        }
        let previous = try DutyShiftRecord.find(change.postID, in: db)
        try recordCommand(command, actor: actor, postID: change.postID, tx: tx, db: db)
        try DutyShiftRecord(postID: change.postID, onDuty: change.onDuty, since: tx.now, by: actor.by,
                            ownerUID: actor.ownerUID).upsert(db)
        try HistoryRecord.append(.handover, at: tx.now, postID: change.postID, actor: actor, detail: JSONWriter.string(.object([
            ("from", MessageWriter.recipients(previous?.onDuty ?? [])),
            ("from_since", writer.time(previous?.since)),
            ("from_set_by", .optional(previous?.by)),
            ("to", MessageWriter.recipients(change.onDuty)),
            ("contact", MessageWriter.recipients(post.recipients)),
        ])), in: db)
        logger.notice("duty handover", metadata: ["event": "duty_handover", "duty_post": "\(change.postID)",
                                                  "on_duty": "\(change.onDuty.map(\.name).joined(separator: ","))",
                                                  "by": "\(actor.by)"])
        let names = change.onDuty.isEmpty ? "nobody (the post's contact)" : change.onDuty.map(\.name).joined(separator: ", ")
        return CommandResult(incidentID: nil, summary: "\(change.postID) on duty: \(names)")
    }

    /// Who a message to `postID` goes to: the persons on duty there, else `fallback` (the
    /// post's contact as configured or as the order's snapshot has it).
    func postRecipients(_ postID: String?, fallback: [Recipient], db: Database) throws -> [Recipient] {
        guard let postID, let shift = try DutyShiftRecord.find(postID, in: db) else { return fallback }
        let persons = shift.onDuty
        return persons.isEmpty ? fallback : persons
    }

    /// What kind of timer fired, for its `timer` history row.
    enum FiredTimer: String {
        case escalationStep = "escalation_step", chainExhausted = "chain_exhausted", expiry, teamUntil = "team_until"
    }

    /// A `timer` history row: which timer fired, when it was due, and how late it ran.
    func recordTimer(_ timer: FiredTimer, due: Date, incidentID: String? = nil, orderID: String? = nil,
                     teamID: String? = nil, skipped: [Int] = [], tx: EngineTransaction, db: Database) throws {
        var detail: [(String, JSONValue)] = [("timer", .string(timer.rawValue)), ("due_at", writer.time(due)),
                                             ("late_seconds", .number((max(0, tx.now.timeIntervalSince(due)) * 1000).rounded() / 1000))]
        if let orderID { detail.append(("order_id", .string(orderID))) }
        if !skipped.isEmpty { detail.append(("skipped_steps", .array(skipped.map { .number($0) }))) }
        try HistoryRecord.append(.timer, at: tx.now, incidentID: incidentID, teamID: teamID,
                                 detail: JSONWriter.string(.object(detail)), in: db)
    }

    /// Timers of unavailable teams with an `until`, for start-up.
    func teamTimers(in db: Database) throws -> [(id: EngineTimer, at: Date)] {
        try TeamStatusRecord.all(in: db).compactMap { status in
            status.until.map { (EngineEffects.teamTimer(status.teamID), $0) }
        }
    }
}

extension EngineEffects {
    static func teamTimer(_ teamID: String) -> EngineTimer { .team(teamID) }
}
