import Foundation
import GRDB
import Logging
import Rules

/// Orders an operator gives (SPEC §14): `dispatch` (a manual order outside the rules) and
/// `reassign` (an order moved to a named team, or to the next candidate of its demand).
///
/// A manual order has `rule_id` null and `dispatched_by` in its message; in the state its rule
/// is `manual` and its demand key `manual` (which no rule demand can be: those are
/// `rule#index@area`), so re-plans never count it toward, or stand it down from, a rule's
/// demand. Its chain is the command's, else the config's `manual:` (`County.manual`).
extension DispatchCore {
    /// The demand key of every manual order.
    static let manualDemandKey = "manual"

    func dispatchManually(_ manual: ManualDispatch, command: OperatorCommand, actor: HistoryActor,
                          tx: inout EngineTransaction, db: Database) throws -> CommandResult {
        let incident = try openIncident(manual.incidentID, db: db)
        guard incident.state == .active else {
            throw CommandRefused("incident \(incident.incidentID) is lifted: it takes no new orders",
                                 remedy: "report a new incident (`dispatchd report`) if teams are needed again")
        }
        let team = try dispatchableTeam(manual.teamID, for: incident, tx: tx, db: db)
        let rule = try manualRule(manual)
        try recordCommand(command, actor: actor, incidentID: incident.incidentID, tx: tx, db: db)
        let orderID = try issueManual(team: team, rule: rule, instructions: manual.instructions, incident: incident,
                                      actor: actor, replacing: nil, tx: &tx, db: db)
        return CommandResult(incidentID: incident.incidentID, summary: "manual order \(orderID) to \(team.id)")
    }

    /// The config's `manual:` chain with what the command overrides, checked like a rule's.
    private func manualRule(_ manual: ManualDispatch) throws -> Rule {
        var rule = county.manual
        if let ackWithin = manual.ackWithin { rule.ackWithin = ackWithin }
        if let onUnacknowledged = manual.onUnacknowledged { rule.onUnacknowledged = onUnacknowledged }
        if let steps = manual.escalate {
            let levels = county.areas.levelNames
            rule.escalate = try steps.map { step in
                if levels.contains(step.to) { return EscalationStep(after: step.after, to: .level(step.to)) }
                if county.dutyPost(id: step.to) != nil { return EscalationStep(after: step.after, to: .dutyPost(step.to)) }
                throw CommandRefused("escalation target '\(step.to)' is neither an area level nor a duty post id",
                                     remedy: "use a level (\(levels.joined(separator: ", "))) or a duty post id from the duty file")
            }
        }
        var previous: ConfigDuration?
        for step in rule.escalate {
            guard step.after >= rule.ackWithin, previous.map({ step.after > $0 }) ?? true else {
                throw CommandRefused("escalation steps must not come before ack_within (\(rule.ackWithin)) and must increase",
                                     remedy: "give each step an `after` at least `ack_within`, each later than the one before")
            }
            previous = step.after
        }
        return rule
    }

    /// Issues a manual order (an `order`, or a `reassign` when it replaces one) and returns its id.
    @discardableResult
    func issueManual(team: Team, rule: Rule, instructions: String?, incident: IncidentRecord, actor: HistoryActor,
                     replacing: OrderRecord?, tx: inout EngineTransaction, db: Database) throws -> String {
        let orders = try OrderRecord.forIncident(incident.incidentID, in: db)
        let orderID = "\(incident.incidentID)-o\(orders.count + 1)"
        let incidentAreas = incident.areas.compactMap { county.areas.indexByPath[$0] }
        let area = incidentAreas.first { county.areas.contains($0, team.area) } ?? incidentAreas.first ?? team.area
        let ackDeadline = tx.now.addingTimeInterval(TimeInterval(rule.ackWithin.seconds))
        let chain = matcher.escalationChain(rule: rule, teamArea: team.area, incidentArea: area).map { step in
            let post = duty.post(id: step.dutyPostID).map { duty.posts[$0] }
            return OrderSnapshot.ChainStep(step: step.step, after: step.after.seconds, dutyPostID: step.dutyPostID,
                                           dutyPostName: post?.name ?? step.dutyPostID, recipients: post?.recipients ?? [])
        }
        let areaName = county.areas.fullName(of: area)
        let snapshot = OrderSnapshot(
            team: .init(id: team.id, name: team.name, kind: team.kind, area: county.areas[team.area].path,
                        recipients: team.recipients),
            ruleID: ManualDefaults.ruleID, responseLevel: incident.responseLevel, demand: Self.manualDemandKey,
            area: county.areas[area].path, areaName: areaName, ring: 0,
            ackWithin: rule.ackWithin.seconds, arriveWithin: rule.arriveWithin?.seconds,
            onUnacknowledged: rule.onUnacknowledged, chain: chain,
            instructions: InstructionsText.render(instructions ?? rule.instructions, incidentTitle: incident.title,
                                                  areaName: areaName, teamName: team.name,
                                                  responseLevel: incident.responseLevel ?? "", ackDeadline: ackDeadline,
                                                  timeZone: county.settings.timeZone, exercise: incident.exercise),
            ackDeadline: ackDeadline)
        let timeline = EscalationTimeline(start: ackDeadline, ackWithin: snapshot.ackWithin, stepAfters: chain.map(\.after))
        let order = OrderRecord(
            orderID: orderID, incidentID: incident.incidentID, teamID: team.id, ruleID: ManualDefaults.ruleID,
            demandKey: Self.manualDemandKey, areaPath: snapshot.area, exercise: incident.exercise, issuedAt: tx.now,
            chainStart: ackDeadline, nextDeadline: timeline.nextDeadline(afterFiring: 0),
            replacesOrderID: replacing?.orderID, snapshot: snapshot.encoded())
        try order.insert(db)
        tx.live.hold(order)
        tx.effects.arm(EngineEffects.orderTimer(orderID), at: order.nextDeadline)

        var fields = writer.orderFields(order, snapshot, incident: incident).map { key, value in
            (key, key == "rule_id" ? JSONValue.null : value)
        }
        fields.append(("dispatched_by", .string(actor.by)))
        if let replacing {
            fields += [("replaces_order_id", .string(replacing.orderID)), ("reason", .string(ReassignReason.operator.rawValue))]
        }
        try writer.append(replacing == nil ? .order : .reassign, id: orderID, incidentID: incident.incidentID,
                          exercise: incident.exercise, recipients: team.recipients, issuedAt: tx.now, fields: fields, in: db)
        tx.effects.messages += 1
        var detail: [(String, JSONValue)] = [("order_id", .string(orderID)), ("team_id", .string(team.id)),
                                             ("rule_id", .null), ("demand", .string(Self.manualDemandKey)),
                                             ("dispatched_by", .string(actor.by))]
        if let replacing { detail.append(("replaces_order_id", .string(replacing.orderID))) }
        try HistoryRecord.append(replacing == nil ? .order : .reassign, at: tx.now, incidentID: incident.incidentID,
                                 teamID: team.id, actor: actor, detail: JSONWriter.string(.object(detail)), in: db)
        logger.notice(replacing == nil ? "manual order issued" : "order reassigned by an operator",
                      metadata: ["event": replacing == nil ? "order_issued" : "order_reassigned",
                                 "incident.id": "\(incident.incidentID)", "order.id": "\(orderID)", "team.id": "\(team.id)",
                                 "rule.id": "-", "by": "\(actor.by)", "area": "\(snapshot.area)"])
        return orderID
    }

    /// `reassign`: the order stands down (`reassigned`) and a `reassign` (reason `operator`)
    /// goes to the named team, else to the next candidate of its demand, else the demand waits
    /// with a `shortfall`.
    func reassignByOperator(_ orderID: String, to teamID: String?, command: OperatorCommand, actor: HistoryActor,
                            tx: inout EngineTransaction, db: Database) throws -> CommandResult {
        let order = try openOrder(orderID, db: db, verb: "reassign")
        guard let incident = try IncidentRecord.find(order.incidentID, in: db), incident.state == .active else {
            throw CommandRefused("incident \(order.incidentID) is no longer active: it takes no new orders",
                                 remedy: "stand the order down instead (`dispatchd standdown \(orderID)`)")
        }
        let key = DemandKey(text: order.demandKey)
        if let teamID {
            guard teamID != order.teamID else {
                throw CommandRefused("order \(orderID) already belongs to team \(teamID)", remedy: "name another team, or leave --team out")
            }
            let team = try dispatchableTeam(teamID, for: incident, tx: tx, db: db)
            if let key, county.rule(id: key.ruleID) == nil || county.areas.indexByPath[key.areaPath] == nil {
                throw CommandRefused("the rule or area of order \(orderID) is no longer in the config",
                                     remedy: "stand it down and give a manual order instead (`dispatchd dispatch`)")
            }
            try recordCommand(command, actor: actor, incidentID: incident.incidentID, tx: tx, db: db)
            try standDown(order, reason: .reassigned, tx: &tx, db: db)
            if let key, let area = county.areas.indexByPath[key.areaPath] {
                let sequence = try OrderRecord.forIncident(incident.incidentID, in: db).count + 1
                try issue(Assignment(demand: key, teamID: team.id, area: area, ring: 0, ringArea: area), sequence: sequence,
                          incident: incident, replacing: (order, .operator), tx: &tx, db: db)
            } else {
                try issueManual(team: team, rule: county.manual, instructions: nil, incident: incident, actor: actor,
                                replacing: order, tx: &tx, db: db)
            }
            return CommandResult(incidentID: incident.incidentID, summary: "order \(orderID) reassigned to \(team.id)")
        }
        guard let key, let rule = county.rule(id: key.ruleID), key.demandIndex < rule.mobilize.count,
              let area = county.areas.indexByPath[key.areaPath] else {
            throw CommandRefused("order \(orderID) serves no rule demand (a manual order, or its rule left the config), so there is no next candidate",
                                 remedy: "name the team to take it over with `--team TEAM` (`team_id`)")
        }
        try recordCommand(command, actor: actor, incidentID: incident.incidentID, tx: tx, db: db)
        try standDown(order, reason: .reassigned, tx: &tx, db: db)
        let orders = try OrderRecord.forIncident(incident.incidentID, in: db)
        let open = orders.filter { $0.state.isOpen }
        var occupancy = try occupancy(open: open, all: orders, tx: tx, db: db)
        occupancy.excluded.insert(order.teamID)
        if let assignment = matcher.nextTeam(for: key, message: matchMessage(for: incident), occupancy: occupancy) {
            try issue(assignment, sequence: orders.count + 1, incident: incident, replacing: (order, .operator), tx: &tx, db: db)
            return CommandResult(incidentID: incident.incidentID, summary: "order \(orderID) reassigned to \(assignment.teamID)")
        }
        let demand = rule.mobilize[key.demandIndex]
        let serving = open.filter { $0.demandKey == order.demandKey }.count
        try reportShortfall(key, selector: demand.selector, area: area, requested: demand.count, dispatched: serving,
                            incident: incident, tx: &tx, db: db)
        try markPending(incident, key: key, selector: demand.selector, requested: demand.count, dispatched: serving, tx: tx, db: db)
        return CommandResult(incidentID: incident.incidentID, summary: "order \(orderID) stood down; no team free, the demand waits")
    }
}
