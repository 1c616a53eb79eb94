import Foundation
import GRDB

/// The incident columns the start-up's timers need, read without decoding whole
/// `IncidentRecord`s (through GRDB's `Codable` decoder a tenth of a restart with 10,000 open
/// incidents; see docs/PERFORMANCE.md).
///
/// Invariant: the same incidents and times as `IncidentRecord.open` filtered to active ones
/// with an `expires`; times follow `StoredRecord`'s REAL unix-seconds convention.
enum IncidentStartupRows {
    /// Id and `expires` of every active incident that has one, by id.
    static func expiries(in db: Database) throws -> [(incidentID: String, expires: Date)] {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT incident_id, expires FROM incidents
            WHERE state = 'active' AND expires IS NOT NULL ORDER BY incident_id
            """)
        var expiries: [(incidentID: String, expires: Date)] = []
        while let row = try rows.next() {
            let seconds: Double = row[1]
            expiries.append((row[0], Date(timeIntervalSince1970: seconds)))
        }
        return expiries
    }
}
