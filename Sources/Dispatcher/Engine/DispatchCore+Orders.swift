import Foundation
import GRDB
import Rules

/// Issuing, standing down and reassigning orders (SPEC §6, §7).
extension DispatchCore {
    enum StanddownReason: String {
        case cancel, expired, downgrade, closed
        case realIncident = "real-incident"
        /// SPEC §14: an operator's `standdown`, and the order an operator's `reassign` moved away.
        case `operator`, reassigned
    }

    enum ReassignReason: String {
        case declined, unacknowledged
        /// SPEC §14: an operator's `reassign`.
        case `operator`
    }

    /// Issues one order for one assignment: the order row, its snapshot, its first deadline,
    /// and an `order` (or `reassign`) message.
    func issue(_ assignment: Assignment, sequence: Int, incident: IncidentRecord,
               replacing: (order: OrderRecord, reason: ReassignReason)?, filling pending: PendingDemandRecord? = nil,
               tx: inout EngineTransaction, db: Database) throws {
        guard let team = county.team(id: assignment.teamID),
              let rule = county.rule(id: assignment.ruleID) else { return }
        let orderID = "\(incident.incidentID)-o\(sequence)"
        let ackDeadline = tx.now.addingTimeInterval(TimeInterval(rule.ackWithin.seconds))
        let chain = matcher.escalationChain(rule: rule, teamArea: team.area, incidentArea: assignment.area).map { step in
            let post = duty.post(id: step.dutyPostID).map { duty.posts[$0] }
            return OrderSnapshot.ChainStep(step: step.step, after: step.after.seconds, dutyPostID: step.dutyPostID,
                                           dutyPostName: post?.name ?? step.dutyPostID, recipients: post?.recipients ?? [])
        }
        let areaName = county.areas.fullName(of: assignment.area)
        let response = incident.responseLevel
        let snapshot = OrderSnapshot(
            team: .init(id: team.id, name: team.name, kind: team.kind, area: county.areas[team.area].path,
                        recipients: team.recipients),
            ruleID: rule.id, responseLevel: response, demand: demandText(rule, assignment.demand.demandIndex),
            area: county.areas[assignment.area].path, areaName: areaName, ring: assignment.ring,
            ackWithin: rule.ackWithin.seconds, arriveWithin: rule.arriveWithin?.seconds,
            onUnacknowledged: rule.onUnacknowledged, chain: chain,
            instructions: InstructionsText.render(rule.instructions, incidentTitle: incident.title, areaName: areaName,
                                                  teamName: team.name, responseLevel: response ?? "",
                                                  ackDeadline: ackDeadline, timeZone: county.settings.timeZone,
                                                  exercise: incident.exercise),
            ackDeadline: ackDeadline)
        let timeline = EscalationTimeline(start: ackDeadline, ackWithin: snapshot.ackWithin, stepAfters: chain.map(\.after))
        let order = OrderRecord(
            orderID: orderID, incidentID: incident.incidentID, teamID: team.id, ruleID: rule.id,
            demandKey: assignment.demand.description, areaPath: snapshot.area, exercise: incident.exercise,
            issuedAt: tx.now, chainStart: ackDeadline, nextDeadline: timeline.nextDeadline(afterFiring: 0),
            replacesOrderID: replacing?.order.orderID, snapshot: snapshot.encoded())
        try order.insert(db)
        tx.live.hold(order)
        tx.effects.arm(EngineEffects.orderTimer(orderID), at: order.nextDeadline)

        var fields = writer.orderFields(order, snapshot, incident: incident)
        if let replacing {
            fields += [("replaces_order_id", .string(replacing.order.orderID)), ("reason", .string(replacing.reason.rawValue))]
        }
        if let pending {
            fields += [("fills_demand", .string(pending.demandKey)), ("pending_since", writer.time(pending.since))]
        }
        try writer.append(replacing == nil ? .order : .reassign, id: orderID, incidentID: incident.incidentID,
                          exercise: incident.exercise, recipients: team.recipients, issuedAt: tx.now, fields: fields, in: db)
        tx.effects.messages += 1
        var detail: [(String, JSONValue)] = [("order_id", .string(orderID)), ("team_id", .string(team.id)),
                                             ("rule_id", .string(rule.id)), ("demand", .string(order.demandKey)),
                                             ("ring", .number(assignment.ring))]
        if let replacing {
            detail += [("replaces_order_id", .string(replacing.order.orderID)), ("reason", .string(replacing.reason.rawValue))]
        }
        try HistoryRecord.append(replacing == nil ? .order : .reassign, at: tx.now, incidentID: incident.incidentID,
                                 teamID: team.id, detail: JSONWriter.string(.object(detail)), in: db)
        logger.notice(replacing == nil ? "order issued" : "order reassigned",
                      metadata: ["event": replacing == nil ? "order_issued" : "order_reassigned",
                                 "incident.id": "\(incident.incidentID)", "order.id": "\(orderID)",
                                 "team.id": "\(team.id)", "rule.id": "\(rule.id)", "area": "\(snapshot.area)",
                                 "response.level": "\(response ?? "-")"])
    }

    private func demandText(_ rule: Rule, _ index: Int) -> String {
        index < rule.mobilize.count ? "\(rule.mobilize[index].selector)" : ""
    }

    /// Stands an open order down with a `standdown` message; frees the team's capacity.
    func standDown(_ order: OrderRecord, reason: StanddownReason, note: String? = nil, tx: inout EngineTransaction,
                   db: Database) throws {
        var order = order
        tx.release(order)
        order.state = .stoodDown
        order.closedAt = tx.now
        order.nextDeadline = nil
        try order.update(db)
        tx.effects.arm(EngineEffects.orderTimer(order.orderID), at: nil)
        let snapshot = OrderSnapshot.decode(order.snapshot)
        var fields: [(String, JSONValue)] = [
            ("order_id", .string(order.orderID)),
            ("team_id", .string(order.teamID)),
            ("team_name", .optional(snapshot?.team.name)),
            ("reason", .string(reason.rawValue)),
        ]
        if let note { fields.append(("note", .string(note))) }
        try writer.append(.standdown, id: order.orderID, incidentID: order.incidentID, exercise: order.exercise,
                          recipients: snapshot?.team.recipients ?? [], issuedAt: tx.now, fields: fields, in: db)
        tx.effects.messages += 1
        try HistoryRecord.append(.standdown, at: tx.now, incidentID: order.incidentID, teamID: order.teamID,
                                 detail: jsonText(["order_id": .string(order.orderID), "reason": .string(reason.rawValue),
                                                   "note": .optional(note)]), in: db)
        logger.notice("order stood down",
                      metadata: ["event": "order_stood_down", "incident.id": "\(order.incidentID)",
                                 "order.id": "\(order.orderID)", "team.id": "\(order.teamID)", "reason": "\(reason.rawValue)"])
    }

    /// Picks the next available team for the demand a failed order served and issues a
    /// `reassign`; with no team free, reports a shortfall. Only while the incident is active.
    func reassign(_ failed: OrderRecord, reason: ReassignReason, tx: inout EngineTransaction, db: Database) throws {
        guard let incident = try IncidentRecord.find(failed.incidentID, in: db), incident.state == .active,
              let key = DemandKey(text: failed.demandKey) else { return }
        let orders = try OrderRecord.forIncident(incident.incidentID, in: db)
        let open = orders.filter { $0.state.isOpen }
        // A temporary occupancy: gone before `issue` changes the load it shares (see `replan`).
        if let assignment = matcher.nextTeam(for: key, message: matchMessage(for: incident),
                                             occupancy: try occupancy(open: open, all: orders, tx: tx, db: db)) {
            try issue(assignment, sequence: orders.count + 1, incident: incident, replacing: (failed, reason), tx: &tx, db: db)
            return
        }
        guard let rule = county.rule(id: key.ruleID), key.demandIndex < rule.mobilize.count,
              let area = county.areas.indexByPath[key.areaPath] else { return }
        let demand = rule.mobilize[key.demandIndex]
        let serving = open.filter { $0.demandKey == failed.demandKey }.count
        try reportShortfall(key, selector: demand.selector, area: area, requested: demand.count, dispatched: serving,
                            incident: incident, tx: &tx, db: db)
        try markPending(incident, key: key, selector: demand.selector, requested: demand.count, dispatched: serving,
                        tx: tx, db: db)
    }
}
