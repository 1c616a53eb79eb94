import Foundation
import GRDB
import Testing
@testable import Dispatcher

/// The high-water mark kept outside the database keeps SEQs unique after a restore.
@Suite struct OutboxSequenceGuardTests {
    private static func append(_ store: StateStore, _ id: String) throws -> Int64 {
        try store.database.write { db throws in
            try Outbox.append(OutgoingMessage(type: .mode, id: id, incidentID: "GM-1", body: [0x7B, 0x7D]), in: db)
        }
    }

    @Test func aHighWaterMarkAheadOfTheCounterWinsAndIsLoggedAtWarning() throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let store = try StateStore.open(directory: directory.path, logger: storeQuietLogger)
        _ = try Self.append(store, "gaoming")  // seq 1: the restored backup knew only this one
        let logs = StoreTestLogs()

        #expect(try store.reconcileSequence(highWaterMark: 41, logger: logs.logger) == 42)
        #expect(try Self.append(store, "gaoming/yanghe") == 42)
        #expect(try store.lastAssignedSeq() == 42)
        let warning = try #require(logs.entries.first)
        #expect(warning.level == .warning)
        #expect(warning.metadata["seq.high_water_mark"] == "41")
        #expect(warning.metadata["seq.counter"] == "2")
        #expect(warning.metadata["seq.next"] == "42")
        #expect(warning.metadata["outbox.unpublished_at_or_below_mark"] == "1")
    }

    @Test(arguments: [nil, 0, 2] as [Int64?])
    func aMarkAtOrBehindTheCounterChangesNothing(mark: Int64?) throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let store = try StateStore.open(directory: directory.path, logger: storeQuietLogger)
        _ = try Self.append(store, "a")
        _ = try Self.append(store, "b")
        let logs = StoreTestLogs()
        #expect(try store.reconcileSequence(highWaterMark: mark, logger: logs.logger) == 3)
        #expect(logs.entries.isEmpty)
        #expect(try Self.append(store, "c") == 3)
    }

    @Test func aRestoredBackupNeverReusesAPublishedSeq() throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let spool = FailingMessageSpool()
        let markFile = OutboxPublisherTests.HighWaterMarkProbe()
        let backupPath = directory.path + "/backup.sqlite"
        do {
            let store = try StateStore.open(directory: directory.path, logger: storeQuietLogger)
            _ = try Self.append(store, "a")
            try store.database.backup(to: DatabaseQueue(path: backupPath))  // the operator's nightly backup
            _ = try Self.append(store, "b")
            _ = try Self.append(store, "c")
            let publisher = OutboxPublisher(database: store.database, spool: spool, logger: storeQuietLogger,
                                            recordHighWaterMark: markFile.record)
            #expect(try publisher.publishPending() == 3)
        }
        // Disaster: the operator restores last night's backup over the state.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: directory.databasePath + suffix) }
        try FileManager.default.copyItem(atPath: backupPath, toPath: directory.databasePath)

        let restored = try StateStore.open(directory: directory.path, logger: storeQuietLogger)
        #expect(try restored.lastAssignedSeq() == 1)
        try restored.reconcileSequence(highWaterMark: markFile.recorded.last, logger: storeQuietLogger)
        let seq = try Self.append(restored, "d")
        #expect(seq == 4)
        #expect(spool.deliveries.contains { $0.hasPrefix(MessageFileName.paddedSeq(seq)) } == false)
    }
}
