import Foundation
import GRDB
import Testing
@testable import Dispatcher

/// Publication is exactly once and in SEQ order, whatever step fails (SPEC §6, §9, §12).
@Suite struct OutboxPublisherTests {
    /// Every place a publish can stop: each stage call, the high-water mark, each rename.
    enum CrashPoint: Sendable, CustomTestStringConvertible {
        case stage(Int)
        case highWaterMark
        case publish(afterRenaming: Int)
        case isStagedDuringRecovery

        var testDescription: String {
            switch self {
            case .stage(let call): "stage call \(call)"
            case .highWaterMark: "high-water mark"
            case .publish(let count): "publish after \(count) renames"
            case .isStagedDuringRecovery: "isStaged during recovery"
            }
        }

        static let all: [CrashPoint] = (0..<3).map { .stage($0) } + [.highWaterMark]
            + (0...3).map { .publish(afterRenaming: $0) } + [.isStagedDuringRecovery]
    }

    final class HighWaterMarkProbe: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int64] = []
        var failNext = false
        var recorded: [Int64] { lock.withLock { values } }

        func record(_ seq: Int64) throws {
            try lock.withLock {
                if failNext {
                    failNext = false
                    throw FailingMessageSpool.InjectedFailure()
                }
                values.append(seq)
            }
        }
    }

    private static func fill(_ store: StateStore, count: Int, from start: Int = 1) throws -> [String] {
        try store.database.write { db throws in
            try (start..<(start + count)).map { index in
                let seq = try Outbox.append(OutgoingMessage(type: .order, id: "O-\(index)", incidentID: "GM-1",
                                                            body: Array("{\"order\":\(index)}".utf8)), in: db)
                return MessageFileName.make(seq: seq, type: .order, id: "O-\(index)")
            }
        }
    }

    private static func states(_ store: StateStore) throws -> [OutboxRecord.State] {
        try store.database.read { db in try OutboxRecord.order(Column("seq")).fetchAll(db).map(\.state) }
    }

    @Test func publishesInBatchesInSeqOrderAndRecordsTheHighWaterMarkFirst() throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let store = try StateStore.open(directory: directory.path, logger: storeQuietLogger)
        let names = try Self.fill(store, count: 250)
        let spool = FailingMessageSpool()
        let mark = HighWaterMarkProbe()
        let publisher = OutboxPublisher(database: store.database, spool: spool, batchSize: 100, logger: storeQuietLogger,
                                        recordHighWaterMark: mark.record)

        #expect(try publisher.publishPending() == 250)
        #expect(spool.deliveries == names)
        #expect(spool.stagedNames.isEmpty)
        #expect(spool.outgoing["00000000000000000007-order-O-7.json"] == Array("{\"order\":7}".utf8))
        #expect(mark.recorded == [100, 200, 250])
        #expect(try Self.states(store).allSatisfy { $0 == .published })
        #expect(try publisher.publishPending() == 0)
        #expect(spool.deliveries.count == 250)
    }

    @Test func limitPublishesOnlyTheOldestMessages() throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let store = try StateStore.open(directory: directory.path, logger: storeQuietLogger)
        let names = try Self.fill(store, count: 5)
        let spool = FailingMessageSpool()
        let publisher = OutboxPublisher(database: store.database, spool: spool, batchSize: 2, logger: storeQuietLogger)
        #expect(try publisher.publishPending(limit: 3) == 3)
        #expect(spool.deliveries == Array(names.prefix(3)))
        #expect(try Self.states(store) == [.published, .published, .published, .pending, .pending])
    }

    @Test(arguments: CrashPoint.all)
    func everyMessageIsPublishedExactlyOnceInSeqOrderAfterACrash(at crash: CrashPoint) throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let store = try StateStore.open(directory: directory.path, logger: storeQuietLogger)
        let spool = FailingMessageSpool()
        let mark = HighWaterMarkProbe()
        var names = try Self.fill(store, count: 4)  // batch 1: seq 1-3, batch 2: seq 4
        let first = OutboxPublisher(database: store.database, spool: spool, batchSize: 3, logger: storeQuietLogger,
                                    recordHighWaterMark: mark.record)
        switch crash {
        case .stage(let call): spool.fail(.stage(call: call))
        case .highWaterMark: mark.failNext = true
        case .publish(let count): spool.fail(.publish(afterRenaming: count))
        case .isStagedDuringRecovery: spool.fail(.publish(afterRenaming: 1))
        }
        #expect(throws: FailingMessageSpool.InjectedFailure.self) { try first.publishPending() }
        spool.consumeOutgoing()  // gateways take whatever appeared before the crash
        names += try Self.fill(store, count: 2, from: 5)  // the daemon keeps appending

        let restarted = OutboxPublisher(database: store.database, spool: spool, batchSize: 3, logger: storeQuietLogger,
                                        recordHighWaterMark: mark.record)
        if case .isStagedDuringRecovery = crash {
            spool.fail(.isStaged)
            #expect(throws: FailingMessageSpool.InjectedFailure.self) { try restarted.recover() }
        }
        let recovery = try restarted.recover()
        if case .publish(let count) = crash {
            #expect(recovery == .init(republished: 3 - count, alreadyPublished: count))
        }
        _ = try restarted.publishPending()

        #expect(spool.deliveries == names, "each message exactly once, in SEQ order")
        #expect(spool.stagedNames.isEmpty)
        #expect(try Self.states(store) == Array(repeating: .published, count: 6))
        #expect(mark.recorded.last == 6)
        #expect(mark.recorded == mark.recorded.sorted())
    }

    @Test func aRepeatedFailureLosesNothingAndTheNextCallCatchesUp() throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let store = try StateStore.open(directory: directory.path, logger: storeQuietLogger)
        let names = try Self.fill(store, count: 7)
        let spool = FailingMessageSpool()
        let publisher = OutboxPublisher(database: store.database, spool: spool, batchSize: 3, logger: storeQuietLogger)
        spool.fail(.publish(afterRenaming: 2))
        #expect(throws: FailingMessageSpool.InjectedFailure.self) { try publisher.publishPending() }
        spool.fail(.stage(call: 1))
        #expect(throws: FailingMessageSpool.InjectedFailure.self) { try publisher.publishPending() }
        spool.fail(.publish(afterRenaming: 0))
        #expect(throws: FailingMessageSpool.InjectedFailure.self) { try publisher.publishPending() }
        #expect(try publisher.publishPending() > 0)
        #expect(spool.deliveries == names)
        #expect(try Self.states(store).allSatisfy { $0 == .published })
    }
}
