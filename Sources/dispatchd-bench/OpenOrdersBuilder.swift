import Dispatcher
import Foundation
import GRDB
import Glibc
import Logging
import Rules

/// Builds a state database with many open orders through the real engine, in-process:
/// `bench-typhoon` incidents (ten orders each) applied by `DispatchCore` in transactions of
/// 500 incidents, then every outbox message marked published through the real
/// `OutboxPublisher` over a spool that keeps nothing (as if gateways had taken every file).
/// The result is exactly what a daemon that issued these orders leaves behind, minus the
/// spool files, built in seconds rather than at the disk's fsync rate.
struct OpenOrdersBuilder {
    let county: BenchCounty
    let orders: Int

    struct Result {
        var incidents: Int
        var openOrders: Int
        var messages: Int
        var seconds: Double
    }

    func build() throws -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        let loaded = CountyLoader.load(configPath: county.configPath) { path in
            guard let data = FileManager.default.contents(atPath: path) else { throw BenchFailure.errno("read", path) }
            return Array(data)
        }
        guard let rules = loaded.county else {
            throw BenchFailure("the benchmark county is invalid: \(loaded.errors.map { "\($0)" }.joined(separator: "; "))")
        }
        let logger = Logger(label: "dispatchd-bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let store = try StateStore.open(directory: county.state, logger: logger)
        let core = DispatchCore(county: rules, logger: logger)
        let incidents = (orders + 9) / 10
        let now = Date()
        let owner = getuid()
        for first in stride(from: 0, to: incidents, by: 500) {
            var tx = core.begin(at: now)
            try store.database.write { db in
                for index in first..<min(incidents, first + 500) {
                    let name = "restart-\(index).json"
                    let bytes = BenchCounty.incident(id: "GM-RESTART-\(index)", kind: "typhoon",
                                                     area: BenchCounty.village(index), sent: now)
                    let message = try InputDecoding.incident(fileName: name, bytes: bytes, county: rules)
                    let facts = InputFacts(fileName: name, sha256: SHA256.hex(of: bytes), size: Int64(bytes.count),
                                           ownerUID: owner)
                    if case .rejected(let error) = try core.apply(message, facts: facts, transaction: &tx, db: db) {
                        throw BenchFailure("the engine rejected benchmark incident \(name): \(error)")
                    }
                }
            }
            core.commit(tx)
        }
        let publisher = OutboxPublisher(database: store.database, spool: DiscardingSpool(), batchSize: 10_000,
                                        logger: logger, recordHighWaterMark: { _ in })
        let messages = try publisher.publishPending()
        let open = try store.database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM orders WHERE state = 'issued' AND next_deadline IS NOT NULL") ?? 0
        }
        return Result(incidents: incidents, openOrders: open, messages: messages,
                      seconds: Stats.seconds(start.duration(to: clock.now)))
    }
}

/// A message spool that keeps nothing: every message counts as taken by a gateway at once.
struct DiscardingSpool: MessageSpool {
    func stage(name: String, bytes: [UInt8]) throws {}
    func isStaged(name: String) throws -> Bool { false }
    func publish(names: [String]) throws {}
}
