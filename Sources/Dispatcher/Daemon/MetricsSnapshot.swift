import Foundation
import GRDB

/// The figures behind the console's `/metrics` (SPEC §17), read in one read-only transaction:
/// gauges of the live state, totals from the append-only tables (inputs, history), and the
/// issue-to-accept latency of every order ever accepted. Queries use the tables' indexes where
/// they have one; a scrape every 15 s costs a few milliseconds on a county's state.
public struct MetricsSnapshot: Sendable {
    public var incidentsByState: [String: Int] = [:]
    public var ordersByState: [String: Int] = [:]
    public var ordersOverdue = 0
    public var pendingDemands = 0
    public var outboxUnpublished = 0
    public var outboxOldestUnpublished: Date?
    public var inputsByOutcome: [String: Int] = [:]
    public var escalationsByStep: [Int: Int] = [:]
    /// Seconds from issue to accept, one per accepted order.
    public var ackLatencies: [Double] = []
    public var areasInEmergencyByLevel: [String: Int] = [:]

    public static func read(stateDirectory: String, now: Date) throws -> MetricsSnapshot {
        let store = try StateStore.openReadOnly(directory: stateDirectory)
        return try store.database.read { db in
            var m = MetricsSnapshot()
            func counts(_ sql: String, arguments: StatementArguments = []) throws -> [String: Int] {
                var result: [String: Int] = [:]
                for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                    result[row[0] as String? ?? ""] = row[1] as Int
                }
                return result
            }
            m.incidentsByState = try counts("SELECT state, count(*) FROM incidents GROUP BY state")
            m.ordersByState = try counts("SELECT state, count(*) FROM orders GROUP BY state")
            m.ordersOverdue = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM orders WHERE next_deadline < ? AND state IN ('issued', 'escalated', 'accepted', 'arrived')
                """, arguments: [now.timeIntervalSince1970]) ?? 0
            m.pendingDemands = try Int.fetchOne(db, sql: "SELECT count(*) FROM pending_demands") ?? 0
            m.outboxUnpublished = try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE state <> 'published'") ?? 0
            m.outboxOldestUnpublished = try Double.fetchOne(db, sql: "SELECT min(appended_at) FROM outbox WHERE state <> 'published'")
                .map { Date(timeIntervalSince1970: $0) }
            m.inputsByOutcome = try counts("SELECT outcome, count(*) FROM inputs GROUP BY outcome")
            for row in try Row.fetchAll(db, sql: """
                SELECT CAST(json_extract(detail, '$.step') AS INTEGER), count(*) FROM history WHERE event = 'escalation' GROUP BY 1
                """) {
                m.escalationsByStep[row[0] as Int? ?? 0] = row[1] as Int
            }
            m.ackLatencies = try Double.fetchAll(db, sql: "SELECT accepted_at - issued_at FROM orders WHERE accepted_at IS NOT NULL")
            m.areasInEmergencyByLevel = try counts(
                "SELECT coalesce(response_level, 'none'), count(*) FROM area_modes WHERE mode = 'emergency' GROUP BY 1")
            return m
        }
    }

    /// When the daemon last wrote the state: the newest modification time of the database and
    /// its WAL file (every commit writes the WAL), or nil when neither exists.
    public static func lastCommit(stateDirectory: String) -> Date? {
        [StateStore.fileName, StateStore.fileName + "-wal"].compactMap { name in
            (try? FileManager.default.attributesOfItem(atPath: stateDirectory + "/" + name))?[.modificationDate] as? Date
        }.max()
    }
}
