import Foundation
import GRDB
import Testing
@testable import Dispatcher

/// An older schema is migrated forward only after a copy is kept (SPEC §9).
@Suite struct StoreMigrationBackupTests {
    static let newerSchema = StoreSchema.current.adding("v2-test") { db in
        try db.execute(sql: "CREATE TABLE drills (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    }

    @Test func migratingAnOlderSchemaFirstKeepsABackupCopy() throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let sent = Date(timeIntervalSince1970: 1_725_580_800)
        do {
            let old = try StateStore.open(directory: directory.path, logger: storeQuietLogger, schema: .current, now: sent)
            _ = try old.database.write { db throws in
                try HistoryRecord.append(incidentID: "GM-1", at: sent, event: "input", in: db)
            }
        }

        let logs = StoreTestLogs()
        let migratedAt = Date(timeIntervalSince1970: 1_725_624_000)  // 2024-09-06T12:00:00Z
        let store = try StateStore.open(directory: directory.path, logger: logs.logger, schema: Self.newerSchema,
                                        now: migratedAt)

        let expectedBackup = directory.databasePath + ".bak-v3-operators-20240906T120000Z"
        #expect(store.migrationBackupPath == expectedBackup)
        #expect(FileManager.default.fileExists(atPath: expectedBackup))
        let backup = try DatabaseQueue(path: expectedBackup)
        try backup.read { db throws in
            #expect(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") == ["v1", "v2-pending-demands", "v3-operators"])
            #expect(try db.tableExists("drills") == false)
            #expect(try HistoryRecord.forIncident("GM-1", in: db).map(\.event) == ["input"])
        }
        try store.database.read { db throws in
            #expect(try db.tableExists("drills"))
            #expect(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") == ["v1", "v2-pending-demands", "v2-test", "v3-operators"])
            #expect(try HistoryRecord.forIncident("GM-1", in: db).count == 1)
        }
        let notice = try #require(logs.entries.first { $0.message == "state database copied before migration" })
        #expect(notice.level == .notice)
        #expect(notice.metadata["path"] == "\(expectedBackup)")
    }

    @Test func aSecondMigrationInTheSameSecondNeverOverwritesTheFirstCopy() throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let now = Date(timeIntervalSince1970: 1_725_624_000)
        let taken = directory.databasePath + ".bak-v3-operators-20240906T120000Z"
        _ = FileManager.default.createFile(atPath: taken, contents: Data("older copy".utf8))
        _ = try StateStore.open(directory: directory.path, logger: storeQuietLogger, schema: .current, now: now)

        let store = try StateStore.open(directory: directory.path, logger: storeQuietLogger, schema: Self.newerSchema, now: now)
        #expect(store.migrationBackupPath == taken + ".2")
        #expect(try storeFileBytes(taken) == Array("older copy".utf8))
    }

    @Test func aNewDatabaseNeedsNoBackup() throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let store = try StateStore.open(directory: directory.path, logger: storeQuietLogger, schema: Self.newerSchema, now: Date())
        #expect(store.migrationBackupPath == nil)
        #expect(try directory.contents().filter { $0.contains(".bak-") }.isEmpty)
    }

    @Test func statusRefusesASchemaTheDaemonHasNotMigratedYet() throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        _ = try StateStore.open(directory: directory.path, logger: storeQuietLogger)
        let error = try #require(throws: StoreError.self) {
            try StateStore.openReadOnly(directory: directory.path, schema: Self.newerSchema)
        }
        #expect(error.code == .olderSchema)
        #expect(error.description == "\(directory.databasePath): the state database has an older schema than this dispatchd; start the daemon (`dispatchd run`) once to migrate it, then retry")
    }
}
