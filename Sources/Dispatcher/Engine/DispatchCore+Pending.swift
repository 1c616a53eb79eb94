import Foundation
import GRDB
import Rules

/// Pending demands (issue 4): a demand that could not be filled stays open while its incident
/// is active, and is filled as soon as a suitable team frees up, most urgent first (real
/// before exercise, then the highest response level, then the oldest).
extension DispatchCore {
    /// Real incidents outrank exercises; then response I > II > III > IV.
    func urgency(of incident: IncidentRecord) -> Int {
        (incident.exercise ? 0 : 10) + (incident.response.map { 5 - $0.rawValue } ?? 0)
    }

    /// Makes `pending_demands` match what a (re)plan left short for this incident.
    func syncPending(_ incident: IncidentRecord, shortfalls: [Shortfall], tx: EngineTransaction, db: Database) throws {
        let short = Dictionary(shortfalls.map { ($0.demand.description, $0) }, uniquingKeysWith: { $1 })
        for existing in try PendingDemandRecord.forIncident(incident.incidentID, in: db) where short[existing.demandKey] == nil {
            try existing.delete(db)
        }
        for shortfall in shortfalls {
            try markPending(incident, key: shortfall.demand, selector: shortfall.selector, requested: shortfall.requested,
                            dispatched: shortfall.dispatched, tx: tx, db: db)
        }
    }

    func markPending(_ incident: IncidentRecord, key: DemandKey, selector: Demand.Selector, requested: Int, dispatched: Int,
                     tx: EngineTransaction, db: Database) throws {
        let existing = try PendingDemandRecord.find(incidentID: incident.incidentID, demandKey: key.description, in: db)
        try PendingDemandRecord(incidentID: incident.incidentID, demandKey: key.description, ruleID: key.ruleID,
                                areaPath: key.areaPath, selector: "\(selector)", requested: requested,
                                dispatched: dispatched, urgency: urgency(of: incident),
                                since: existing?.since ?? tx.now).upsert(db)
    }

    /// Fills pending demands with teams that have come free. Runs at the end of every input
    /// and timer that released capacity (and after a reload, `force`), inside its transaction.
    public func fillPendingDemands(transaction tx: inout EngineTransaction, db: Database, force: Bool = false) throws {
        guard tx.effects.capacityReleased || force else { return }
        tx.effects.capacityReleased = false
        var progress = true
        while progress {
            progress = false
            for pending in try PendingDemandRecord.byUrgency(in: db) {
                guard let incident = try IncidentRecord.find(pending.incidentID, in: db), incident.state == .active,
                      let key = DemandKey(text: pending.demandKey) else {
                    try pending.delete(db)
                    continue
                }
                let orders = try OrderRecord.forIncident(incident.incidentID, in: db)
                let open = orders.filter { $0.state.isOpen }
                let serving = open.filter { $0.demandKey == pending.demandKey }.count
                    + (try DemandWaiverRecord.forIncident(incident.incidentID, in: db)[pending.demandKey] ?? 0)
                guard serving < pending.requested else {
                    try pending.delete(db)
                    continue
                }
                // A temporary occupancy: gone before `issue` changes the load it shares (see `replan`).
                guard let assignment = matcher.nextTeam(for: key, message: matchMessage(for: incident),
                                                        occupancy: try occupancy(open: open, all: orders, tx: tx, db: db))
                else { continue }
                try issue(assignment, sequence: orders.count + 1, incident: incident, replacing: nil, filling: pending,
                          tx: &tx, db: db)
                if serving + 1 >= pending.requested {
                    try pending.delete(db)
                } else {
                    var updated = pending
                    updated.dispatched = serving + 1
                    try updated.update(db)
                }
                progress = true
            }
        }
        tx.effects.capacityReleased = false
    }
}

extension EngineTransaction {
    /// Frees the capacity an order held and notes that pending demands may now be filled.
    mutating func release(_ order: OrderRecord) {
        live.release(order)
        effects.capacityReleased = true
    }
}
