import Foundation
import GRDB
import Rules

/// Re-planning an incident (SPEC §5, §8): fill only the gaps of its demands, stand down what
/// is no longer required, report shortfalls.
extension DispatchCore {
    /// Plans `incident` against the current rules and open orders, writes the orders and
    /// messages, updates its response level. Returns a one-line summary.
    func replan(_ incident: inout IncidentRecord, message: IncidentMessage, tx: inout EngineTransaction,
                db: Database) throws -> String {
        let orders = try OrderRecord.forIncident(incident.incidentID, in: db)
        let open = orders.filter { $0.state.isOpen }
        // The occupancy shares `tx.live`'s load tables; it must be gone before `issue` changes
        // them, or the first change copies a table of every loaded team (copy on write).
        let plan = matcher.plan(for: matchMessage(for: incident), occupancy: try occupancy(open: open, all: orders, tx: tx, db: db))
        try HistoryRecord.append(.matched, at: tx.now, incidentID: incident.incidentID, detail: jsonText([
            "rules": .array(plan.rules.map { .string($0) }), "response_level": .optional(plan.responseLevel?.name),
            "config_hash": .string(county.configHash)]), in: db)

        incident.responseLevel = plan.responseLevel?.name
        try incident.update(db)
        tx.live.setCoverage(incident.incidentID, LiveState.Coverage(
            areas: incident.areas, response: plan.responseLevel, exercise: incident.exercise))

        // Demands no longer required, or required fewer times: stand down the excess.
        let required = Dictionary(uniqueKeysWithValues: plan.required.map { ($0.key.description, $0.value) })
        var stoodDown = 0
        for (key, held) in Dictionary(grouping: open, by: \.demandKey) where key != Self.manualDemandKey {
            let excess = held.count - (required[key] ?? 0)
            guard excess > 0 else { continue }
            for order in downgradeOrder(held).prefix(excess) {
                try standDown(order, reason: .downgrade, tx: &tx, db: db)
                stoodDown += 1
            }
        }
        for orderID in plan.preemptedExerciseOrders {
            if let order = try OrderRecord.find(orderID, in: db), order.state.isOpen {
                try standDown(order, reason: .realIncident, tx: &tx, db: db)
            }
        }
        var sequence = orders.count
        for assignment in plan.assignments {
            sequence += 1
            try issue(assignment, sequence: sequence, incident: incident, replacing: nil, tx: &tx, db: db)
        }
        // A shortfall is reported when it is new or its figures changed, not again on every
        // re-plan that leaves the same gap (the duty post already has that request).
        let known = Dictionary(try PendingDemandRecord.forIncident(incident.incidentID, in: db).map { ($0.demandKey, $0) },
                               uniquingKeysWith: { $1 })
        for shortfall in plan.shortfalls {
            let previous = known[shortfall.demand.description]
            guard previous?.requested != shortfall.requested || previous?.dispatched != shortfall.dispatched else { continue }
            try reportShortfall(shortfall.demand, selector: shortfall.selector, area: shortfall.area,
                                requested: shortfall.requested, dispatched: shortfall.dispatched,
                                incident: incident, tx: &tx, db: db)
        }
        try syncPending(incident, shortfalls: plan.shortfalls, tx: tx, db: db)
        return "rules [\(plan.rules.joined(separator: ","))], response \(plan.responseLevel?.name ?? "none"), "
            + "\(plan.assignments.count) orders, \(stoodDown) stood down, \(plan.shortfalls.count) shortfalls"
    }

    /// What the matcher must know about open orders (SPEC §5 capacity and gap filling):
    /// orders an operator stood down still count toward their demand (never refilled), teams
    /// an operator reassigned away are excluded like those that declined, and unavailable
    /// teams are never picked (SPEC §14).
    func occupancy(open: [OrderRecord], all: [OrderRecord], tx: EngineTransaction, db: Database) throws -> Occupancy {
        var byDemand: [DemandKey: [String]] = [:]
        for order in open {
            if let key = DemandKey(text: order.demandKey) { byDemand[key, default: []].append(order.orderID) }
        }
        var failed = Set(all.filter { $0.state == .declined || $0.state == .unacknowledged }.map(\.teamID))
        if let incidentID = all.first?.incidentID {
            for (text, waived) in try DemandWaiverRecord.forIncident(incidentID, in: db) {
                if let key = DemandKey(text: text) { byDemand[key, default: []] += Array(repeating: "waived", count: waived) }
            }
            failed.formUnion(try IncidentExclusions.teams(incidentID: incidentID, in: db))
        }
        return Occupancy(realLoad: tx.live.realLoad, exerciseOrders: tx.live.exerciseOrders, openByDemand: byDemand,
                         teamsOnIncident: Set(open.map(\.teamID)),
                         excluded: failed.union(try TeamStatusRecord.unavailableIDs(in: db)))
    }

    /// Which orders of one demand a downgrade stands down first: never an arrived team; orders
    /// not yet accepted before accepted ones; the farthest ring first; the newest first.
    func downgradeOrder(_ orders: [OrderRecord]) -> [OrderRecord] {
        // Each snapshot decoded once, not twice per comparison.
        let candidates = orders.filter { $0.state != .arrived }.map { ($0, OrderSnapshot.decode($0.snapshot)?.ring ?? 0) }
        return candidates.sorted { lhs, rhs in
            let lhsAccepted = lhs.0.state == .accepted, rhsAccepted = rhs.0.state == .accepted
            if lhsAccepted != rhsAccepted { return !lhsAccepted }
            if lhs.1 != rhs.1 { return lhs.1 > rhs.1 }
            return (lhs.0.issuedAt, lhs.0.orderID) > (rhs.0.issuedAt, rhs.0.orderID)
        }.map(\.0)
    }

    /// Writes a `shortfall` message to the duty post serving the demand's area.
    func reportShortfall(_ key: DemandKey, selector: Demand.Selector, area: Int, requested: Int, dispatched: Int,
                         incident: IncidentRecord, tx: inout EngineTransaction, db: Database) throws {
        let post = duty.post(serving: area).map { duty.posts[$0] }
        var fields: [(String, JSONValue)] = [
            ("rule_id", .string(key.ruleID)),
            ("area", .string(key.areaPath)),
            ("area_name", .string(county.areas.fullName(of: area))),
        ]
        switch selector {
        case .capability(let name): fields.append(("capability", .string(name)))
        case .kind(let name): fields.append(("kind", .string(name)))
        }
        fields += [
            ("demand", .string(key.description)),
            ("requested", .number(requested)),
            ("dispatched", .number(dispatched)),
            ("duty_post", .optional(post?.id)),
            ("duty_post_name", .optional(post?.name)),
            ("incident_title", .string(incident.title)),
        ]
        try writer.append(.shortfall, id: incident.incidentID, incidentID: incident.incidentID,
                          exercise: incident.exercise,
                          recipients: try postRecipients(post?.id, fallback: post?.recipients ?? [], db: db), issuedAt: tx.now,
                          fields: fields, in: db)
        tx.effects.messages += 1
        try HistoryRecord.append(incidentID: incident.incidentID, at: tx.now, event: "shortfall",
                                 detail: jsonText(["demand": .string(key.description), "requested": .number(requested),
                                                   "dispatched": .number(dispatched)]), in: db)
        logger.warning("shortfall: fewer teams available than demanded",
                       metadata: ["event": "shortfall", "incident.id": "\(incident.incidentID)", "rule.id": "\(key.ruleID)",
                                  "area": "\(key.areaPath)", "demand": "\(selector)", "requested": "\(requested)",
                                  "dispatched": "\(dispatched)"])
    }
}

extension DemandKey {
    /// Parses `DemandKey.description` (`rule#index@area`) back.
    init?(text: String) {
        guard let at = text.lastIndex(of: "@"), let hash = text[..<at].lastIndex(of: "#"),
              let index = Int(text[text.index(after: hash)..<at]) else { return nil }
        self.init(ruleID: String(text[..<hash]), demandIndex: index, areaPath: String(text[text.index(after: at)...]))
    }
}
