import Foundation
import GRDB
import Logging
import Rules

/// Due timers (SPEC §7): escalation steps, exhausted chains, incident expiry.
extension DispatchCore {
    /// Handles one due timer. A stale one (the order moved on, the incident was extended) does
    /// nothing but re-arm what is really pending.
    public func fire(_ timerID: EngineTimer, transaction tx: inout EngineTransaction, db: Database) throws {
        try fireTimer(timerID, tx: &tx, db: db)
        try fillPendingDemands(transaction: &tx, db: db)
    }

    private func fireTimer(_ timerID: EngineTimer, tx: inout EngineTransaction, db: Database) throws {
        switch timerID.kind {
        case .order(let orderID):
            try fireOrder(orderID, tx: &tx, db: db)
        case .team(let teamID):
            try fireTeamTimer(teamID, tx: &tx, db: db)
        case .expire(let incidentID):
            guard let incident = try IncidentRecord.find(incidentID, in: db), incident.state == .active,
                  let expires = incident.expires else { return }
            guard expires <= tx.now else {
                tx.effects.arm(timerID, at: expires)
                return
            }
            try recordTimer(.expiry, due: expires, incidentID: incidentID, tx: tx, db: db)
            _ = try lift(incident, reason: .expired, sent: nil, tx: &tx, db: db)
        }
    }

    private func fireOrder(_ orderID: String, tx: inout EngineTransaction, db: Database) throws {
        guard var order = try OrderRecord.find(orderID, in: db), order.state.isOpen, order.nextDeadline != nil,
              let snapshot = OrderSnapshot.decode(order.snapshot) else { return }
        let timeline = EscalationTimeline(start: order.chainStart, ackWithin: snapshot.ackWithin,
                                          stepAfters: snapshot.chain.map(\.after))
        let timerID = EngineEffects.orderTimer(orderID)
        switch timeline.due(at: tx.now, fired: order.step) {
        case .nothing:
            order.nextDeadline = timeline.nextDeadline(afterFiring: order.step)
            try order.update(db)
            tx.effects.arm(timerID, at: order.nextDeadline)
        case .step(let step, let skipped, let dueAt):
            try recordTimer(.escalationStep, due: dueAt, incidentID: order.incidentID, orderID: orderID, skipped: skipped,
                            tx: tx, db: db)
            order.step = step
            if order.chain == .ack { order.state = .escalated }
            order.nextDeadline = timeline.nextDeadline(afterFiring: step)
            try order.update(db)
            tx.effects.arm(timerID, at: order.nextDeadline)
            try writeEscalation(order, snapshot, step: step, timeline: timeline, skipped: skipped, dueAt: dueAt, tx: &tx, db: db)
        case .exhausted(let skipped, let dueAt):
            try recordTimer(.chainExhausted, due: dueAt, incidentID: order.incidentID, orderID: orderID, skipped: skipped,
                            tx: tx, db: db)
            tx.release(order)
            order.state = .unacknowledged
            order.closedAt = tx.now
            order.nextDeadline = nil
            try order.update(db)
            tx.effects.arm(timerID, at: nil)
            let last = snapshot.chain.last
            try writer.append(.unacknowledged, id: orderID, incidentID: order.incidentID, exercise: order.exercise,
                              recipients: try postRecipients(last?.dutyPostID, fallback: last?.recipients ?? [], db: db),
                              issuedAt: tx.now, fields: [
                                  ("order_id", .string(orderID)),
                                  ("team_id", .string(order.teamID)),
                                  ("team_name", .string(snapshot.team.name)),
                                  ("steps", .number(order.step)),
                                  ("chain", .string(order.chain.rawValue)),
                                  ("duty_post", .optional(last?.dutyPostID)),
                                  ("on_unacknowledged", .string(snapshot.onUnacknowledged.rawValue)),
                              ], in: db)
            tx.effects.messages += 1
            try HistoryRecord.append(incidentID: order.incidentID, at: tx.now, event: "unacknowledged",
                                     detail: jsonText(["order_id": .string(orderID), "steps": .number(order.step)]), in: db)
            logger.critical("escalation chain ran out with no answer",
                            metadata: ["event": "order_unacknowledged", "incident.id": "\(order.incidentID)",
                                       "order.id": "\(orderID)", "team.id": "\(order.teamID)",
                                       "escalation.step": "\(order.step)", "late_seconds": "\(Int(tx.now.timeIntervalSince(dueAt)))",
                                       "skipped_steps": "\(skipped.map(String.init).joined(separator: ","))"])
            if snapshot.onUnacknowledged == .reassign { try reassign(order, reason: .unacknowledged, tx: &tx, db: db) }
            try closeIfFinished(order.incidentID, tx: &tx, db: db)
        }
    }

    private func writeEscalation(_ order: OrderRecord, _ snapshot: OrderSnapshot, step: Int, timeline: EscalationTimeline,
                                 skipped: [Int], dueAt: Date, tx: inout EngineTransaction, db: Database) throws {
        let target = snapshot.chain[step - 1]
        let next: Date? = step < snapshot.chain.count ? timeline.fireTime(ofStep: step + 1) : nil
        let late = tx.now.timeIntervalSince(dueAt)
        var fields: [(String, JSONValue)] = [
            ("order_id", .string(order.orderID)),
            ("team_id", .string(order.teamID)),
            ("team_name", .string(snapshot.team.name)),
            ("step", .number(step)),
            ("duty_post", .string(target.dutyPostID)),
            ("duty_post_name", .string(target.dutyPostName)),
            ("ack_deadline", writer.time(next)),
            ("chain", .string(order.chain.rawValue)),
            ("area", .string(snapshot.area)),
            ("area_name", .string(snapshot.areaName)),
            ("team_recipients", MessageWriter.recipients(snapshot.team.recipients)),
        ]
        if !skipped.isEmpty { fields.append(("skipped_steps", .array(skipped.map { .number($0) }))) }
        try writer.append(.escalation, id: order.orderID, incidentID: order.incidentID, exercise: order.exercise,
                          recipients: try postRecipients(target.dutyPostID, fallback: target.recipients, db: db),
                          issuedAt: tx.now, fields: fields, in: db)
        tx.effects.messages += 1
        try HistoryRecord.append(incidentID: order.incidentID, at: tx.now, event: "escalation",
                                 detail: jsonText(["order_id": .string(order.orderID), "step": .number(step),
                                                   "duty_post": .string(target.dutyPostID)]), in: db)
        var metadata: Logger.Metadata = ["event": "order_escalated", "incident.id": "\(order.incidentID)",
                                         "order.id": "\(order.orderID)", "team.id": "\(order.teamID)",
                                         "escalation.step": "\(step)", "duty_post": "\(target.dutyPostID)"]
        if late > 1 || !skipped.isEmpty {
            metadata["late_seconds"] = "\(Int(late))"
            metadata["skipped_steps"] = "\(skipped.map(String.init).joined(separator: ","))"
            logger.warning("order escalated late", metadata: metadata)
        } else {
            logger.warning("order escalated: no answer", metadata: metadata)
        }
    }
}
