import GRDB

/// `incident_exclusions`: teams an operator reassigned away from an incident (SPEC §14
/// `reassign`). Like a team that declined, such a team is never picked for that incident again
/// by a plan, a reassign or a pending fill; an operator may still name it.
enum IncidentExclusions {
    static func teams(incidentID: String, in db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db.cachedStatement(sql: "SELECT team_id FROM incident_exclusions WHERE incident_id = ?"),
                                arguments: [incidentID]))
    }

    static func exclude(teamID: String, incidentID: String, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO incident_exclusions (incident_id, team_id) VALUES (?, ?)")
            .execute(arguments: [incidentID, teamID])
    }
}
