import Foundation
import GRDB
import Rules

/// Incident inputs (SPEC §3.3, §8): identity, ordering, alert/update re-planning, cancel, close.
extension DispatchCore {
    public func apply(_ message: IncidentMessage, facts: InputFacts, transaction tx: inout EngineTransaction,
                      db: Database) throws -> InputOutcome {
        var message = message
        message.incidentID = try chainIncident(of: message, db: db)
        let outcome = try applyResolved(message, facts: facts, tx: &tx, db: db)
        try fillPendingDemands(transaction: &tx, db: db)
        return outcome
    }

    /// An input that is valid but dispatches nothing by design (a CAP Test or Ack, say): it is
    /// recorded under its key, so a later conflicting copy is still caught, and filed.
    public func fileWithoutEffect(_ message: IncidentMessage, reason: String, facts: InputFacts,
                                  transaction tx: EngineTransaction, db: Database) throws -> InputOutcome {
        if let identity = try checkIdentity(key: message.inputKey, facts: facts, incidentID: nil, tx: tx, db: db) {
            return identity
        }
        let outcome = InputOutcome.noEffect(reason)
        try record(key: message.inputKey, facts: facts, incidentID: nil, outcome: outcome, tx: tx, db: db)
        logger.notice("input dispatches nothing by design", metadata: ["event": "input_ignored", "file": "\(facts.fileName)",
                                                                      "reason": "\(reason)"])
        return outcome
    }

    /// A CAP update or cancel names earlier messages (`references`); the incident is the one
    /// the oldest known of them belongs to (the chain's first message). Native inputs, and CAP
    /// messages whose references are all unknown, keep the decoder's id.
    func chainIncident(of message: IncidentMessage, db: Database) throws -> String {
        for reference in message.references {
            let known = try InputRecord.filter(Column("input_key") == reference && Column("incident_id") != nil)
                .limit(1).fetchOne(db)
            if let incidentID = known?.incidentID { return incidentID }
        }
        return message.incidentID
    }

    private func applyResolved(_ message: IncidentMessage, facts: InputFacts, tx: inout EngineTransaction,
                               db: Database) throws -> InputOutcome {
        let format: IncidentRecord.Format = message.sender == nil ? .json : .cap
        if let identity = try checkIdentity(key: message.inputKey, facts: facts, incidentID: message.incidentID, tx: tx, db: db) {
            return identity
        }
        let existing = try IncidentRecord.find(message.incidentID, in: db)
        let outcome: InputOutcome
        if let existing, existing.state == .closed {
            outcome = .noEffect("incident \(message.incidentID) is closed; inputs after a close have no effect")
        } else if let existing, message.sent < existing.lastSent {
            outcome = .stale("stale: sent \(writer.time(message.sent)) is older than the newest input already applied")
        } else {
            switch message.msgType {
            case .alert, .update:
                outcome = try raise(message, existing: existing, format: format, tx: &tx, db: db)
            case .cancel:
                guard let existing else { outcome = .noEffect("cancel for unknown incident \(message.incidentID)"); break }
                outcome = try lift(existing, reason: .cancel, sent: message.sent, tx: &tx, db: db)
            case .close:
                guard let existing else { outcome = .noEffect("close for unknown incident \(message.incidentID)"); break }
                outcome = try close(existing, sent: message.sent, tx: &tx, db: db)
            }
        }
        try record(key: message.inputKey, facts: facts, incidentID: message.incidentID, outcome: outcome, tx: tx, db: db)
        return outcome
    }

    /// Duplicate (same key, same bytes) or conflict (same key, other bytes); nil for a new key.
    func checkIdentity(key: String, facts: InputFacts, incidentID: String?, tx: EngineTransaction,
                       db: Database) throws -> InputOutcome? {
        // Indexed look-ups that stop at the first row: a flood of copies of one file stays
        // linear (reading every earlier row of the key made it quadratic).
        guard let first = try InputRecord.firstTaken(key: key, in: db) else { return nil }
        if try InputRecord.isTaken(key: key, sha256: facts.sha256, in: db) {
            try record(key: key, facts: facts, incidentID: incidentID, outcome: .duplicate, tx: tx, db: db)
            return .duplicate
        }
        let error = InputError(
            "conflict: an input with the same key (\(key)) but different content was already taken as '\(first.fileName)'",
            remedy: "send a new message (an update with a later 'sent') instead of changing one already sent")
        try record(key: key, facts: facts, incidentID: incidentID, outcome: .rejected(error), tx: tx, db: db, conflict: true)
        return .rejected(error)
    }

    func record(key: String?, facts: InputFacts, incidentID: String?, outcome: InputOutcome, tx: EngineTransaction,
                db: Database, conflict: Bool = false) throws {
        let (kind, detail): (InputRecord.Outcome, String) = switch outcome {
        case .applied(let text): (.applied, text)
        case .duplicate: (.duplicate, "")
        case .noEffect(let text): (.ignored, text)
        case .stale(let text): (.stale, text)
        case .rejected(let error): (conflict ? .conflict : .rejected, error.description)
        }
        var row = InputRecord(inputKey: key, sha256: facts.sha256, size: facts.size, ownerUID: facts.ownerUID,
                              fileName: facts.fileName, receivedAt: tx.now, incidentID: incidentID, outcome: kind,
                              detail: detail)
        try row.insert(db)
        if let incidentID, try IncidentRecord.find(incidentID, in: db) != nil {
            try HistoryRecord.append(incidentID: incidentID, at: tx.now, event: "input",
                                     detail: jsonText(["file": .string(facts.fileName), "sha256": .string(facts.sha256),
                                                       "owner_uid": facts.ownerUID.map { .number(Int($0)) } ?? .null,
                                                       "outcome": .string(kind.rawValue), "detail": .string(detail),
                                                       "config_hash": .string(county.configHash)]), in: db)
        }
    }

    /// An alert or update: create or merge the incident, then re-plan it.
    private func raise(_ message: IncidentMessage, existing: IncidentRecord?, format: IncidentRecord.Format,
                       tx: inout EngineTransaction, db: Database) throws -> InputOutcome {
        var incident = existing ?? IncidentRecord(
            incidentID: message.incidentID, kind: message.kind, level: message.level, exercise: message.exercise,
            areas: [], firstSent: message.sent, lastSent: message.sent, format: format, capSender: message.sender,
            createdAt: tx.now, updatedAt: tx.now)
        let oldAreas = existing?.areas ?? []
        incident.kind = message.kind ?? incident.kind
        incident.level = message.level.name
        if !message.areaReferences.isEmpty { incident.areas = resolvedPaths(message.areaReferences) }
        if !message.title.isEmpty { incident.title = message.title }
        if !message.description.isEmpty { incident.incidentDescription = message.description }
        if let expires = message.expires { incident.expires = expires }
        if let location = message.location { incident.locationLat = location.lat; incident.locationLon = location.lon }
        incident.lastSent = message.sent
        incident.updatedAt = tx.now
        incident.state = .active

        if let expires = incident.expires, expires <= tx.now {
            if existing == nil {
                incident.state = .closed
                try incident.insert(db)
                logger.warning("incident arrived already expired: nothing dispatched",
                               metadata: ["event": "incident_expired_on_arrival", "incident.id": "\(incident.incidentID)"])
                return .applied("already expired on arrival: nothing dispatched")
            }
            try incident.update(db)
            return try lift(incident, reason: .expired, sent: message.sent, tx: &tx, db: db)
        }
        if existing == nil { try incident.insert(db) } else { try incident.update(db) }
        if incident.areas.isEmpty {
            logger.warning("incident names no area of this county: accepted, nothing dispatched",
                           metadata: ["event": "incident_outside_county", "incident.id": "\(incident.incidentID)",
                                      "areas": "\(message.areaReferences.joined(separator: ","))"])
        }
        let summary = try replan(&incident, message: message, tx: &tx, db: db)
        tx.effects.arm(EngineEffects.expiryTimer(incident.incidentID), at: incident.expires)
        try updateModes(for: incident, previousAreas: oldAreas, tx: &tx, db: db)
        logger.notice(existing == nil ? "incident opened" : "incident updated",
                      metadata: ["event": existing == nil ? "incident_opened" : "incident_updated",
                                 "incident.id": "\(incident.incidentID)", "kind": "\(incident.kind ?? "-")",
                                 "level": "\(incident.level)", "response.level": "\(incident.responseLevel ?? "-")",
                                 "area": "\(incident.areas.joined(separator: ","))"])
        return .applied(summary)
    }

    /// Area references resolved to full paths, those outside the county dropped.
    func resolvedPaths(_ references: [String]) -> [String] {
        var paths: [String] = []
        for reference in references {
            if let index = county.areas.resolve(reference), !paths.contains(county.areas[index].path) {
                paths.append(county.areas[index].path)
            }
        }
        return paths
    }

    /// The message the matcher sees for an incident as it now stands.
    func matchMessage(for incident: IncidentRecord) -> IncidentMessage {
        IncidentMessage(incidentID: incident.incidentID, inputKey: "", kind: incident.kind,
                        level: incident.warningLevel ?? .white, areaReferences: incident.areas, title: incident.title,
                        description: incident.incidentDescription, sent: incident.firstSent, expires: incident.expires,
                        exercise: incident.exercise, location: incident.location)
    }
}

func jsonText(_ members: KeyValuePairs<String, JSONValue>) -> String {
    JSONWriter.string(.object(members))
}
