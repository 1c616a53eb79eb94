import Foundation
import GRDB
import Testing
@testable import Dispatcher

/// Schema v3 (issue 10): a v2 database of an older dispatchd is migrated forward at open,
/// after a copy is kept, and its history survives whole (SPEC §9).
@Suite struct StoreOperatorsMigrationTests {
    @Test func aVersion2DatabaseIsCopiedThenMigratedAndItsHistoryKept() throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let t0 = Date(timeIntervalSince1970: 1_725_580_800)
        do {
            let old = try StateStore.open(directory: directory.path, logger: storeQuietLogger,
                                          schema: .through("v2-pending-demands"), now: t0)
            try old.database.write { db throws in
                #expect(try db.columns(in: "history").map(\.name) == ["id", "incident_id", "at", "event", "detail"])
                for (event, detail) in [("input", #"{"file":"杨和.json"}"#), ("order", #"{"order_id":"GM-1-o1"}"#),
                                        ("ack", #"{"by":"张伟"}"#)] {
                    try db.execute(sql: "INSERT INTO history (incident_id, at, event, detail) VALUES ('GM-1', ?, ?, ?)",
                                   arguments: [t0.timeIntervalSince1970, event, detail])
                }
            }
        }
        let logs = StoreTestLogs()
        let migratedAt = Date(timeIntervalSince1970: 1_725_624_000)  // 2024-09-06T12:00:00Z
        let store = try StateStore.open(directory: directory.path, logger: logs.logger, schema: .current, now: migratedAt)
        let backup = directory.databasePath + ".bak-v2-pending-demands-20240906T120000Z"
        #expect(store.migrationBackupPath == backup)
        try DatabaseQueue(path: backup).read { db throws in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM history") == 3)
            #expect(try db.tableExists("team_status") == false)
        }
        try store.database.write { db throws in
            #expect(try OperatorStateReads.schemaVersion(in: db) == "v3-operators")
            let rows = try HistoryRecord.forIncident("GM-1", in: db)
            #expect(rows.map(\.id) == [1, 2, 3])
            #expect(rows.map(\.event) == ["input", "order", "ack"])
            #expect(rows[0].detail == #"{"file":"杨和.json"}"#)
            #expect(rows.allSatisfy { $0.by == nil && $0.ownerUID == nil && $0.via == nil && $0.postID == nil })
            for table in ["team_status", "duty_shifts", "demand_waivers"] { #expect(try db.tableExists(table)) }
            // New rows continue the ids, may belong to a post instead of an incident, and the
            // table is still append-only.
            let id = try HistoryRecord.append(.handover, at: migratedAt, postID: "yanghe-duty",
                                              actor: HistoryActor(by: "李强", ownerUID: 1001, via: "cli"), in: db)
            #expect(id == 4)
            let handover = try #require(try OperatorStateReads.history(postID: "yanghe-duty", in: db).first)
            #expect(handover.incidentID == nil && handover.by == "李强" && handover.ownerUID == 1001 && handover.kind == .handover)
            #expect(throws: DatabaseError.self) { try db.execute(sql: "UPDATE history SET event = 'x' WHERE id = 1") }
            #expect(throws: DatabaseError.self) { try db.execute(sql: "DELETE FROM history WHERE id = 1") }
        }
    }
}
