import Foundation
import GRDB
import Testing
@testable import Dispatcher

/// The database side of backup and restore (`StateSnapshot`): an online copy is one
/// self-contained file, and a copy readied for restore never sends a message again under a SEQ
/// at or below the mark, nor assigns one.
@Suite struct StateSnapshotTests {
    private static func append(_ store: StateStore, _ id: String) throws -> Int64 {
        try store.database.write { db throws in
            try Outbox.append(OutgoingMessage(type: .mode, id: id, incidentID: "GM-1", body: [0x7B, 0x7D]), in: db)
        }
    }

    @Test func anOnlineCopyIsOneFileWithTheCountersOfTheMomentItWasTaken() throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let store = try StateStore.open(directory: directory.path, logger: storeQuietLogger)
        _ = try Self.append(store, "a")
        _ = try Self.append(store, "b")
        let copy = directory.path + "/copy.sqlite"
        let facts = try StateSnapshot.copyOnline(stateDirectory: directory.path, to: copy)
        _ = try Self.append(store, "c")   // after the copy: not in it
        #expect(facts.lastAssignedSeq == 2)
        #expect(facts.schema == StateSnapshot.schemaVersion.identifier)
        #expect(!FileManager.default.fileExists(atPath: copy + "-wal"), "rollback journal mode: no WAL beside the copy")
        #expect(try StateSnapshot.inspect(path: copy).lastAssignedSeq == 2)
    }

    @Test func aCopyReadiedForRestoreMarksWhatWentOutAfterTheBackupAndCountsAboveTheMark() throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let store = try StateStore.open(directory: directory.path, logger: storeQuietLogger)
        for id in ["a", "b", "c"] { _ = try Self.append(store, id) }   // 1, 2, 3 unpublished in the backup
        let copy = directory.path + "/copy.sqlite"
        _ = try StateSnapshot.copyOnline(stateDirectory: directory.path, to: copy)

        // The live daemon went on to publish up to SEQ 7 before the restore.
        #expect(try StateSnapshot.prepareForRestore(path: copy, highWaterMark: 7) == 3)
        let queue = try DatabaseQueue(path: copy)
        try queue.read { db throws in
            #expect(try OutboxRecord.filter(Column("state") != OutboxRecord.State.published.rawValue).fetchCount(db) == 0)
            #expect(try SequenceGuard.nextSeq(in: db) == 8)
        }
        try queue.close()

        // A mark below what the copy holds leaves the rows above it to be published.
        let second = directory.path + "/second.sqlite"
        _ = try StateSnapshot.copyOnline(stateDirectory: directory.path, to: second)
        #expect(try StateSnapshot.prepareForRestore(path: second, highWaterMark: 1) == 1)
        let again = try DatabaseQueue(path: second)
        try again.read { db throws in
            #expect(try OutboxRecord.filter(Column("state") != OutboxRecord.State.published.rawValue).fetchCount(db) == 2)
            #expect(try SequenceGuard.nextSeq(in: db) == 4)
        }
        try again.close()
    }

    @Test func aCopyFromANewerDispatchdIsRefused() throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let newer = StoreSchema.current.adding("v99-future") { db in try db.execute(sql: "CREATE TABLE future (x)") }
        let store = try StateStore.open(directory: directory.path, logger: storeQuietLogger, schema: newer, now: Date())
        try store.database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        #expect(throws: StoreError.self) { try StateSnapshot.inspect(path: store.path) }
    }
}
