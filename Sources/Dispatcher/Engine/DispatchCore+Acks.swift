import Foundation
import GRDB
import Rules

/// Acknowledgements (SPEC §7): accept, decline, arrived, complete; idempotent; recorded with
/// who gave them.
extension DispatchCore {
    public func apply(_ ack: Acknowledgement, facts: InputFacts, transaction tx: inout EngineTransaction,
                      db: Database) throws -> InputOutcome {
        guard var order = try OrderRecord.find(ack.orderID, in: db) else {
            let error = InputError("no order '\(ack.orderID)' is known to this dispatchd",
                                   remedy: "check the order id in the order message; `dispatchd status` lists open orders")
            try record(key: nil, facts: facts, incidentID: nil, outcome: .rejected(error), tx: tx, db: db)
            return .rejected(error)
        }
        let before = order.state
        var effect: String
        switch (ack.status, order.state) {
        case (_, .completed), (_, .declined), (_, .stoodDown), (_, .unacknowledged):
            effect = "recorded; the order is already \(order.state.rawValue), nothing revived"
        case (.accept, .issued), (.accept, .escalated):
            order.state = .accepted
            order.acceptedAt = tx.now
            startArrivalChain(&order)
            effect = "accepted"
        case (.arrived, .issued), (.arrived, .escalated), (.arrived, .accepted):
            if order.acceptedAt == nil { order.acceptedAt = tx.now }
            order.state = .arrived
            order.arrivedAt = tx.now
            order.nextDeadline = nil
            effect = "arrived"
        case (.complete, _):
            if order.acceptedAt == nil { order.acceptedAt = tx.now }
            order.state = .completed
            order.closedAt = tx.now
            order.nextDeadline = nil
            tx.release(order)
            effect = "completed"
        case (.decline, _):
            order.state = .declined
            order.closedAt = tx.now
            order.nextDeadline = nil
            tx.release(order)
            effect = "declined"
        case (.accept, _), (.arrived, _):
            effect = "repeated; the order is already \(order.state.rawValue)"
        }
        if order.state != before {
            try order.update(db)
            tx.effects.arm(EngineEffects.orderTimer(order.orderID), at: order.nextDeadline)
        }
        var row = AckRecord(orderID: order.orderID, status: AckRecord.Status(rawValue: ack.status.rawValue) ?? .accept,
                            by: ack.by, at: ack.at, note: ack.note ?? "", ownerUID: facts.ownerUID, receivedAt: tx.now,
                            fileName: facts.fileName, sha256: facts.sha256, effect: effect)
        try row.insert(db)
        try HistoryRecord.append(.ack, at: tx.now, incidentID: order.incidentID, teamID: order.teamID,
                                 actor: HistoryActor(by: ack.by, ownerUID: facts.ownerUID),
                                 detail: jsonText(["order_id": .string(order.orderID), "status": .string(ack.status.rawValue),
                                                   "by": .string(ack.by), "owner_uid": facts.ownerUID.map { .number(Int($0)) } ?? .null,
                                                   "effect": .string(effect)]), in: db)
        logger.notice("acknowledgement", metadata: ["event": "ack_\(ack.status.rawValue)", "incident.id": "\(order.incidentID)",
                                                    "order.id": "\(order.orderID)", "team.id": "\(order.teamID)",
                                                    "by": "\(ack.by)", "effect": "\(effect)"])
        if order.state != before {
            if order.state == .declined { try reassign(order, reason: .declined, tx: &tx, db: db) }
            if order.state == .completed || order.state == .declined { try closeIfFinished(order.incidentID, tx: &tx, db: db) }
        }
        try record(key: "ack|\(order.orderID)|\(facts.sha256)", facts: facts, incidentID: order.incidentID,
                   outcome: .applied(effect), tx: tx, db: db)
        try fillPendingDemands(transaction: &tx, db: db)
        return .applied(effect)
    }

    /// After an accept: with `arrive_within`, a second chain waits for `arrived`.
    private func startArrivalChain(_ order: inout OrderRecord) {
        guard let snapshot = OrderSnapshot.decode(order.snapshot), let arriveWithin = snapshot.arriveWithin,
              let acceptedAt = order.acceptedAt else {
            order.nextDeadline = nil
            return
        }
        order.chain = .arrive
        order.step = 0
        order.chainStart = acceptedAt.addingTimeInterval(TimeInterval(arriveWithin))
        let timeline = EscalationTimeline(start: order.chainStart, ackWithin: snapshot.ackWithin,
                                          stepAfters: snapshot.chain.map(\.after))
        order.nextDeadline = timeline.nextDeadline(afterFiring: 0)
    }
}
