import Foundation
import GRDB

/// What `dispatchd status` shows, read in one read-only transaction.
public struct StatusSnapshot: Sendable {
    public var incidents: [IncidentRecord]
    public var areaModes: [AreaModeRecord]
    public var openOrders: [OrderRecord]
    public var pendingDemands: [PendingDemandRecord]
    public var unpublishedMessages: Int

    public static func read(stateDirectory: String) throws -> StatusSnapshot {
        try read(from: StateStore.openReadOnly(directory: stateDirectory))
    }

    /// One read through a store kept open (`status --watch` reads on every change).
    public static func read(from store: StateStore) throws -> StatusSnapshot {
        try store.database.read { db in
            StatusSnapshot(incidents: try IncidentRecord.open(in: db),
                           areaModes: try AreaModeRecord.all(in: db).filter { $0.mode == .emergency },
                           openOrders: try OrderRecord.allOpen(in: db),
                           pendingDemands: try PendingDemandRecord.byUrgency(in: db),
                           unpublishedMessages: try OutboxRecord.unpublishedCount(in: db))
        }
    }
}
