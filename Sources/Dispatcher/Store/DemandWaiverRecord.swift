import GRDB

/// One row of `demand_waivers`: how many orders of one demand of an incident an operator stood
/// down (SPEC §14: "its demand is not refilled"). The waived count serves the demand as if
/// the orders were open, so neither a re-plan nor a pending fill replaces them.
struct DemandWaiverRecord: StoredRecord, PersistableRecord {
    static let databaseTableName = "demand_waivers"

    var incidentID: String
    var demandKey: String
    var waived: Int

    enum CodingKeys: String, CodingKey {
        case incidentID = "incident_id", demandKey = "demand_key", waived
    }

    /// demand key → waived count, for one incident.
    static func forIncident(_ incidentID: String, in db: Database) throws -> [String: Int] {
        let rows = try fetchAll(db.cachedStatement(sql: "SELECT * FROM demand_waivers WHERE incident_id = ?"),
                                arguments: [incidentID])
        return Dictionary(rows.map { ($0.demandKey, $0.waived) }, uniquingKeysWith: +)
    }

    /// Counts one more stood-down order against the demand.
    static func waiveOne(incidentID: String, demandKey: String, in db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO demand_waivers (incident_id, demand_key, waived) VALUES (?, ?, 1)
            ON CONFLICT (incident_id, demand_key) DO UPDATE SET waived = waived + 1
            """).execute(arguments: [incidentID, demandKey])
    }
}
