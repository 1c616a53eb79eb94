import Foundation
import GRDB

/// The few order columns start-up needs, read without decoding whole `OrderRecord`s (whose
/// snapshots and a dozen other columns cost most of a restart with 100,000 open orders).
///
/// Invariant: the same rows, in the same order, as `OrderRecord.allOpen` (for the holdings);
/// times follow `StoredRecord`'s REAL unix-seconds convention.
enum OrderStartupRows {
    /// Team and exercise flag of every open order, by issue time (what `LiveState` holds).
    struct Holding {
        var orderID: String
        var teamID: String
        var exercise: Bool
    }

    static func openHoldings(in db: Database) throws -> [Holding] {
        let states = OrderRecord.State.open.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT order_id, team_id, exercise FROM orders WHERE state IN (\(states)) ORDER BY issued_at, order_id
            """)
        var holdings: [Holding] = []
        while let row = try rows.next() {
            holdings.append(Holding(orderID: row[0], teamID: row[1], exercise: row[2]))
        }
        return holdings
    }

    /// Order id and next deadline of every order that has one, by deadline.
    static func deadlines(in db: Database) throws -> [(orderID: String, at: Date)] {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT order_id, next_deadline FROM orders WHERE next_deadline IS NOT NULL ORDER BY next_deadline, order_id
            """)
        var deadlines: [(orderID: String, at: Date)] = []
        while let row = try rows.next() {
            let seconds: Double = row[1]
            deadlines.append((row[0], Date(timeIntervalSince1970: seconds)))
        }
        return deadlines
    }
}
