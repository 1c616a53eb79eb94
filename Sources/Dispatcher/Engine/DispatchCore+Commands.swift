import Foundation
import GRDB
import Logging
import Rules

/// Operator commands (SPEC §14): each is applied in the input's transaction, with the messages
/// it causes, a `command` history row naming the person, the uid and `via`, and its input row.
///
/// Invariants:
/// - A command either applies whole or changes nothing: it runs in a savepoint, and a command
///   that cannot apply (unknown id, an order already closed, a team with no free capacity …)
///   is rolled back and refused with an `InputError` that says what to do.
/// - A repeated identical file (same SHA-256) is a duplicate with no effect (key
///   `command|SHA256`).
/// - The `command` history row comes before the rows of its effects, so the timeline reads
///   in cause-then-effect order.
extension DispatchCore {
    /// Why a command cannot apply; caught by `apply(_:facts:…)` and turned into a rejection.
    struct CommandRefused: Error {
        var error: InputError
        init(_ message: String, remedy: String) { error = InputError(message, remedy: remedy) }
    }

    /// What an applied command did: the incident it concerned (if any) and a summary.
    struct CommandResult {
        var incidentID: String?
        var summary: String
    }

    public func apply(_ command: OperatorCommand, facts: InputFacts, transaction tx: inout EngineTransaction,
                      db: Database) throws -> InputOutcome {
        let key = "command|" + facts.sha256
        if let identity = try checkIdentity(key: key, facts: facts, incidentID: nil, tx: tx, db: db) { return identity }
        let actor = HistoryActor(by: command.by, ownerUID: facts.ownerUID, via: command.via)
        let mark = tx.mark
        var result: CommandResult?
        var refusal: InputError?
        try db.inSavepoint {
            do {
                result = try perform(command, actor: actor, tx: &tx, db: db)
                return .commit
            } catch let refused as CommandRefused {
                refusal = refused.error
                return .rollback
            }
        }
        guard let result else {
            tx.rollBack(to: mark)
            let error = refusal ?? InputError("the command could not apply")
            try record(key: key, facts: facts, incidentID: nil, outcome: .rejected(error), tx: tx, db: db)
            logger.warning("operator command refused", metadata: [
                "event": "command_refused", "command": "\(command.kind.rawValue)", "by": "\(command.by)",
                "uid": "\(facts.ownerUID.map(String.init) ?? "-")", "reason": "\(error.message)"])
            return .rejected(error)
        }
        try record(key: key, facts: facts, incidentID: result.incidentID, outcome: .applied(result.summary), tx: tx, db: db)
        logger.notice("operator command applied", metadata: [
            "event": "command_applied", "command": "\(command.kind.rawValue)", "by": "\(command.by)",
            "uid": "\(facts.ownerUID.map(String.init) ?? "-")", "via": "\(command.via ?? "-")",
            "incident.id": "\(result.incidentID ?? "-")", "detail": "\(result.summary)"])
        try fillPendingDemands(transaction: &tx, db: db)
        return .applied(result.summary)
    }

    private func perform(_ command: OperatorCommand, actor: HistoryActor, tx: inout EngineTransaction,
                         db: Database) throws -> CommandResult {
        switch command.action {
        case .cancel(let incidentID):
            let incident = try openIncident(incidentID, db: db)
            guard incident.state == .active else {
                throw CommandRefused("incident \(incidentID) is already lifted; its engaged teams are still at work",
                                     remedy: "to end the response and stand everyone down, use `dispatchd close \(incidentID)`")
            }
            try recordCommand(command, actor: actor, incidentID: incidentID, tx: tx, db: db)
            let outcome = try lift(incident, reason: .cancel, sent: nil, tx: &tx, db: db)
            return CommandResult(incidentID: incidentID, summary: Self.summary(outcome))
        case .close(let incidentID):
            let incident = try openIncident(incidentID, db: db)
            try recordCommand(command, actor: actor, incidentID: incidentID, tx: tx, db: db)
            let outcome = try close(incident, sent: nil, tx: &tx, db: db)
            return CommandResult(incidentID: incidentID, summary: Self.summary(outcome))
        case .dispatch(let manual):
            return try dispatchManually(manual, command: command, actor: actor, tx: &tx, db: db)
        case .standdown(let orderID, let reason):
            let order = try openOrder(orderID, db: db, verb: "stand down")
            try recordCommand(command, actor: actor, incidentID: order.incidentID, tx: tx, db: db)
            try standDown(order, reason: .operator, note: reason ?? command.note, tx: &tx, db: db)
            if DemandKey(text: order.demandKey) != nil {
                try DemandWaiverRecord.waiveOne(incidentID: order.incidentID, demandKey: order.demandKey, in: db)
            }
            try closeIfFinished(order.incidentID, tx: &tx, db: db)
            return CommandResult(incidentID: order.incidentID, summary: "order \(orderID) stood down (operator)")
        case .reassign(let orderID, let teamID):
            return try reassignByOperator(orderID, to: teamID, command: command, actor: actor, tx: &tx, db: db)
        case .team(let change):
            return try changeAvailability(change, command: command, actor: actor, tx: &tx, db: db)
        case .duty(let change):
            return try handOver(change, command: command, actor: actor, tx: tx, db: db)
        }
    }

    /// The `command` history row: the command as given (its fields, `by`, `at`, `note`, `via`).
    func recordCommand(_ command: OperatorCommand, actor: HistoryActor, incidentID: String? = nil, teamID: String? = nil,
                       postID: String? = nil, tx: EngineTransaction, db: Database) throws {
        try HistoryRecord.append(.command, at: tx.now, incidentID: incidentID, teamID: teamID, postID: postID, actor: actor,
                                 detail: JSONWriter.string(OperatorCommandEncoder.value(command, timeZone: county.settings.timeZone)),
                                 in: db)
    }

    /// An incident that is not closed, or a refusal.
    func openIncident(_ incidentID: String, db: Database) throws -> IncidentRecord {
        guard let incident = try IncidentRecord.find(incidentID, in: db) else {
            throw CommandRefused("no incident '\(incidentID)' is known to this dispatchd",
                                 remedy: "check the incident id; `dispatchd status` lists open incidents")
        }
        guard incident.state != .closed else {
            throw CommandRefused("incident \(incidentID) is already closed", remedy: "nothing to do; a closed incident takes no commands")
        }
        return incident
    }

    /// An order that is still open, or a refusal.
    func openOrder(_ orderID: String, db: Database, verb: String) throws -> OrderRecord {
        guard let order = try OrderRecord.find(orderID, in: db) else {
            throw CommandRefused("no order '\(orderID)' is known to this dispatchd",
                                 remedy: "check the order id; `dispatchd status` lists open orders")
        }
        guard order.state.isOpen else {
            throw CommandRefused("order \(orderID) is already \(order.state.rawValue); there is nothing to \(verb)",
                                 remedy: "check `dispatchd show \(order.incidentID)` for the incident's open orders")
        }
        return order
    }

    /// A configured team that may take a new order now, or a refusal.
    func dispatchableTeam(_ teamID: String, for incident: IncidentRecord, tx: EngineTransaction, db: Database) throws -> Team {
        guard let team = county.team(id: teamID) else {
            throw CommandRefused("no team '\(teamID)' in the roster", remedy: "check the team id in the teams file")
        }
        if let status = try TeamStatusRecord.find(teamID, in: db) {
            throw CommandRefused("team \(teamID) is unavailable (\(status.reason ?? "no reason given"), set by \(status.by))",
                                 remedy: "make it available first (`dispatchd team \(teamID) --available`), or choose another team")
        }
        let onIncident = try OrderRecord.forIncident(incident.incidentID, in: db).first { $0.teamID == teamID && $0.state.isOpen }
        if let onIncident {
            throw CommandRefused("team \(teamID) already serves incident \(incident.incidentID) (order \(onIncident.orderID))",
                                 remedy: "choose another team")
        }
        if !incident.exercise, (tx.live.realLoad[teamID] ?? 0) >= team.capacity {
            throw CommandRefused("team \(teamID) has no free capacity (\(team.capacity) of \(team.capacity) in use by open orders)",
                                 remedy: "stand one of its orders down first, or choose another team")
        }
        return team
    }

    private static func summary(_ outcome: InputOutcome) -> String {
        switch outcome {
        case .applied(let text), .noEffect(let text): text
        case .duplicate: "duplicate"
        case .rejected(let error): error.message
        }
    }
}
