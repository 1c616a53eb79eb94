import Foundation
import GRDB

/// One incident as it is now, with its orders (open and closed), pending demands and history
/// rows, read in one read-only transaction (the console's incident page, SPEC §16, §17).
public struct IncidentSnapshot: Sendable {
    public var incident: IncidentRecord
    public var orders: [OrderRecord]
    public var pendingDemands: [PendingDemandRecord]
    public var history: [HistoryRecord]

    /// nil for an unknown incident.
    public static func read(_ incidentID: String, stateDirectory: String) throws -> IncidentSnapshot? {
        let store = try StateStore.openReadOnly(directory: stateDirectory)
        return try store.database.read { db in
            guard let incident = try IncidentRecord.find(incidentID, in: db) else { return nil }
            return IncidentSnapshot(incident: incident,
                                    orders: try OrderRecord.forIncident(incidentID, in: db),
                                    pendingDemands: try PendingDemandRecord.forIncident(incidentID, in: db),
                                    history: try HistoryRecord.forIncident(incidentID, in: db))
        }
    }
}
