import Foundation
import GRDB

/// One row of `pending_demands`: a demand of an active incident that got fewer teams than it
/// asked for, waiting for a team to free up (issue 4). Deleted when filled, or when its
/// incident is lifted or closed.
public struct PendingDemandRecord: StoredRecord, PersistableRecord {
    public static let databaseTableName = "pending_demands"

    public var incidentID: String
    /// `DemandKey.description`: `rule#index@area`.
    public var demandKey: String
    public var ruleID: String
    public var areaPath: String
    /// `capability NAME` or `kind NAME`.
    public var selector: String
    public var requested: Int
    public var dispatched: Int
    /// Higher is more urgent: real incidents above exercises, then by response level.
    public var urgency: Int
    /// When the demand first went short.
    public var since: Date

    public init(incidentID: String, demandKey: String, ruleID: String, areaPath: String, selector: String,
                requested: Int, dispatched: Int, urgency: Int, since: Date) {
        self.incidentID = incidentID
        self.demandKey = demandKey
        self.ruleID = ruleID
        self.areaPath = areaPath
        self.selector = selector
        self.requested = requested
        self.dispatched = dispatched
        self.urgency = urgency
        self.since = since
    }

    enum CodingKeys: String, CodingKey {
        case incidentID = "incident_id", demandKey = "demand_key", ruleID = "rule_id", areaPath = "area_path"
        case selector, requested, dispatched, urgency, since
    }

    public static func find(incidentID: String, demandKey: String, in db: Database) throws -> PendingDemandRecord? {
        try fetchOne(db.cachedStatement(sql: "SELECT * FROM pending_demands WHERE incident_id = ? AND demand_key = ?"),
                     arguments: [incidentID, demandKey])
    }

    /// Every pending demand, most urgent first (urgency, then oldest).
    public static func byUrgency(in db: Database) throws -> [PendingDemandRecord] {
        try order(Column("urgency").desc, Column("since"), Column("incident_id"), Column("demand_key")).fetchAll(db)
    }

    public static func forIncident(_ incidentID: String, in db: Database) throws -> [PendingDemandRecord] {
        try fetchAll(db.cachedStatement(sql: "SELECT * FROM pending_demands WHERE incident_id = ? ORDER BY demand_key"),
                     arguments: [incidentID])
    }

    public static func deleteAll(incidentID: String, in db: Database) throws {
        try filter(Column("incident_id") == incidentID).deleteAll(db)
    }
}
