import Foundation
import GRDB
import Testing
@testable import Dispatcher

/// The publisher's queries stay O(unpublished), not O(every message ever written): they run on
/// the path of every input, and a county's outbox only grows.
@Suite struct OutboxQueryPlanTests {
    @Test(arguments: [OutboxRecord.State.pending, .staged])
    func unpublishedRowsAreFoundThroughThePartialIndex(_ state: OutboxRecord.State) throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let store = try StateStore.open(directory: directory.path, logger: storeQuietLogger)
        try store.database.write { db throws in
            for index in 0..<50 {
                _ = try Outbox.append(OutgoingMessage(type: .order, id: "O-\(index)", incidentID: "GM-1", body: [0x7B, 0x7D]), in: db)
            }
            try db.execute(sql: "UPDATE outbox SET state = 'published' WHERE seq <= 40")
            try db.execute(sql: "UPDATE outbox SET state = 'staged' WHERE seq > 45")
        }
        let plan = try store.database.read { db throws in
            let statement = try OutboxRecord.inStateRequest(state, limit: 100).makePreparedRequest(db).statement
            return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + statement.sql, arguments: statement.arguments)
                .map { $0["detail"] as String? ?? "" }.joined(separator: "; ")
        }
        #expect(plan.contains("USING INDEX outbox_unpublished"), "query plan: \(plan)")
        #expect(!plan.contains("SCAN outbox"), "query plan: \(plan)")
        let rows = try store.database.read { db in try OutboxRecord.inState(state, in: db) }
        #expect(rows.map(\.seq) == (state == .pending ? Array(41...45) : Array(46...50)))
    }
}
