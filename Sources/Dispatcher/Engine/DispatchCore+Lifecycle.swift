import Foundation
import GRDB
import Rules

/// Lifting, closing and area modes (SPEC §8).
extension DispatchCore {
    /// A cancel or `expires`: orders not yet accepted stand down; engaged teams keep working;
    /// the incident is `lifted`, or `closed` when nothing is engaged.
    func lift(_ incident: IncidentRecord, reason: StanddownReason, sent: Date?, tx: inout EngineTransaction,
              db: Database) throws -> InputOutcome {
        let (incident, stoodDown, engaged) = try endWarning(incident, standingDown: { $0 == .issued || $0 == .escalated },
                                                             reason: reason, sent: sent, tx: &tx, db: db)
        try HistoryRecord.append(incidentID: incident.incidentID, at: tx.now, event: "lifted",
                                 detail: jsonText(["reason": .string(reason.rawValue), "stood_down": .number(stoodDown),
                                                   "engaged": .number(engaged)]), in: db)
        logger.notice("warning lifted", metadata: ["event": "incident_lifted", "incident.id": "\(incident.incidentID)",
                                                   "reason": "\(reason.rawValue)", "state": "\(incident.state.rawValue)"])
        return .applied("lifted (\(reason.rawValue)): \(stoodDown) stood down, \(engaged) still engaged")
    }

    /// Command ends the response: every open order stands down, the incident closes at once.
    func close(_ incident: IncidentRecord, sent: Date?, tx: inout EngineTransaction, db: Database) throws -> InputOutcome {
        let (incident, stoodDown, _) = try endWarning(incident, standingDown: { $0.isOpen }, reason: .closed, sent: sent,
                                                       tx: &tx, db: db)
        try HistoryRecord.append(incidentID: incident.incidentID, at: tx.now, event: "closed",
                                 detail: jsonText(["stood_down": .number(stoodDown)]), in: db)
        logger.notice("response ended", metadata: ["event": "incident_closed", "incident.id": "\(incident.incidentID)"])
        return .applied("closed: \(stoodDown) stood down")
    }

    /// What lifting and closing share: stand down the orders `standingDown` selects, drop
    /// pending demands, set the state (`closed` once nothing is engaged, else `lifted`),
    /// cancel the expiry timer, and recompute modes.
    private func endWarning(_ incident: IncidentRecord, standingDown: (OrderRecord.State) -> Bool,
                            reason: StanddownReason, sent: Date?, tx: inout EngineTransaction,
                            db: Database) throws -> (IncidentRecord, stoodDown: Int, engaged: Int) {
        var incident = incident
        var stoodDown = 0
        for order in try OrderRecord.forIncident(incident.incidentID, in: db) where standingDown(order.state) {
            try standDown(order, reason: reason, tx: &tx, db: db)
            stoodDown += 1
        }
        try PendingDemandRecord.deleteAll(incidentID: incident.incidentID, in: db)
        let engaged = try OrderRecord.forIncident(incident.incidentID, in: db).filter { $0.state.isOpen }.count
        incident.state = engaged == 0 ? .closed : .lifted
        if let sent { incident.lastSent = max(incident.lastSent, sent) }
        incident.updatedAt = tx.now
        try incident.update(db)
        tx.effects.arm(EngineEffects.expiryTimer(incident.incidentID), at: nil)
        try setLiveCoverage(incident, tx: &tx)
        try updateModes(for: incident, previousAreas: incident.areas, tx: &tx, db: db)
        return (incident, stoodDown, engaged)
    }

    /// Closes a lifted incident once its last engaged order has finished.
    func closeIfFinished(_ incidentID: String, tx: inout EngineTransaction, db: Database) throws {
        guard var incident = try IncidentRecord.find(incidentID, in: db), incident.state == .lifted else { return }
        guard try OrderRecord.forIncident(incidentID, in: db).allSatisfy({ !$0.state.isOpen }) else { return }
        incident.state = .closed
        incident.updatedAt = tx.now
        try incident.update(db)
        try setLiveCoverage(incident, tx: &tx)
        try updateModes(for: incident, previousAreas: incident.areas, tx: &tx, db: db)
        try HistoryRecord.append(incidentID: incidentID, at: tx.now, event: "closed", detail: "{}", in: db)
        logger.notice("incident closed: last engaged team finished",
                      metadata: ["event": "incident_closed", "incident.id": "\(incidentID)"])
    }

    private func setLiveCoverage(_ incident: IncidentRecord, tx: inout EngineTransaction) throws {
        tx.live.setCoverage(incident.incidentID, incident.state == .closed ? nil : LiveState.Coverage(
            areas: incident.areas, response: incident.response, exercise: incident.exercise))
    }

    /// Recomputes the mode of every area the incident names (now or before) and writes one
    /// `mode` message per area whose mode or level changed (not per descendant).
    func updateModes(for incident: IncidentRecord, previousAreas: [String], tx: inout EngineTransaction,
                     db: Database) throws {
        guard !incident.exercise else { return }
        var seen = Set<String>()
        for path in previousAreas + incident.areas where seen.insert(path).inserted {
            guard let index = county.areas.indexByPath[path] else { continue }
            let lineage = county.areas.lineage(of: index).map { county.areas[$0].path }
            let level = tx.live.highestLevel(namingAnyOf: lineage)
            let mode: AreaModeRecord.Mode = level == nil ? .peacetime : .emergency
            let current = try AreaModeRecord.find(path, in: db)
            if (current?.mode ?? .peacetime) == mode && current?.response == level { continue }
            try AreaModeRecord(areaPath: path, mode: mode, responseLevel: level).save(in: db)
            let posture = level.flatMap { county.settings.postures[$0] }
            let post = duty.post(serving: index).map { duty.posts[$0] }
            try writer.append(.mode, id: path, incidentID: incident.incidentID, exercise: false,
                              recipients: try postRecipients(post?.id, fallback: post?.recipients ?? [], db: db),
                              issuedAt: tx.now, fields: [
                                  ("area", .string(path)),
                                  ("area_name", .string(county.areas.fullName(of: index))),
                                  ("mode", .string(mode.rawValue)),
                                  ("response_level", .optional(level?.name)),
                                  ("posture", .optional(posture)),
                              ], in: db)
            tx.effects.messages += 1
            logger.notice("area mode changed",
                          metadata: ["event": "mode_changed", "incident.id": "\(incident.incidentID)", "area": "\(path)",
                                     "mode": "\(mode.rawValue)", "response.level": "\(level?.name ?? "-")"])
        }
    }
}
