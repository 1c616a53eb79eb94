import Foundation
import GRDB
import Logging
import Platform
import Rules
import Testing
@testable import Dispatcher

/// Drives a real `DispatchCore` over a real state database in a temporary directory, on
/// virtual time, with the example county from `config/`. Inputs are applied exactly as the
/// daemon applies them (decode, one transaction, commit); messages are read back from the
/// outbox.
final class EngineHarness {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    let directory: StoreTestDirectory
    let store: StateStore
    let core: DispatchCore
    let logs = StoreTestLogs()
    var now: Date
    /// Timers the core asked for, by id (nil once cancelled).
    var timers: [EngineTimer: Date] = [:]

    static func exampleCounty() throws -> County {
        let result = CountyLoader.load(configPath: repositoryRoot + "/config/dispatchd.yaml") { path in
            try LocalFiles.read(path, maxBytes: 1 << 24)
        }
        return try #require(result.county, "example county invalid: \(result.diagnostics)")
    }

    init(county: County? = nil, now: Date = Date(timeIntervalSince1970: 1_725_580_800)) throws {
        directory = try StoreTestDirectory()
        store = try StateStore.open(directory: directory.path, logger: logs.logger)
        core = DispatchCore(county: try county ?? EngineHarness.exampleCounty(), logger: logs.logger)
        self.now = now
    }

    deinit { directory.remove() }

    private func transaction<T>(_ body: (inout EngineTransaction, Database) throws -> T) throws -> T {
        var tx = core.begin(at: now)
        let result = try store.database.write { db in try body(&tx, db) }
        core.commit(tx)
        for timer in tx.timers { timers[timer.id] = timer.at }
        return result
    }

    /// Applies one incident file (native JSON or CAP) as the daemon does.
    @discardableResult
    func submit(_ text: String, name: String = "incident.json") throws -> InputOutcome {
        let bytes = Array(text.utf8)
        let facts = InputFacts(fileName: name, sha256: SHA256.hex(of: bytes), size: Int64(bytes.count), ownerUID: 1000)
        switch try InputDecoding.decode(fileName: name, bytes: bytes, county: core.county) {
        case .dispatch(let message, _):
            return try transaction { tx, db in try core.apply(message, facts: facts, transaction: &tx, db: db) }
        case .ignored(let message, let reason, _):
            return try transaction { tx, db in
                try core.fileWithoutEffect(message, reason: reason, facts: facts, transaction: tx, db: db)
            }
        }
    }

    @discardableResult
    func ack(_ orderID: String, _ status: Acknowledgement.Status, by: String = "张伟") throws -> InputOutcome {
        let ack = Acknowledgement(orderID: orderID, status: status, by: by, at: now)
        let bytes = AckEncoder.encode(ack)
        let facts = InputFacts(fileName: "ack.json", sha256: SHA256.hex(of: bytes), size: Int64(bytes.count), ownerUID: 1000)
        return try transaction { tx, db in try core.apply(ack, facts: facts, transaction: &tx, db: db) }
    }

    /// Applies one operator command (SPEC §14) as the daemon does, dropped by `uid`.
    @discardableResult
    func command(_ action: OperatorCommand.Action, by: String = "王强", note: String? = nil, uid: UInt32 = 1000) throws -> InputOutcome {
        let command = OperatorCommand(action, by: by, at: now, note: note, via: "cli")
        let bytes = OperatorCommandEncoder.encode(command) + Array("\(commandCounter)".utf8)
        commandCounter += 1
        let facts = InputFacts(fileName: "cmd.json", sha256: SHA256.hex(of: bytes), size: Int64(bytes.count), ownerUID: uid)
        return try transaction { tx, db in try core.apply(command, facts: facts, transaction: &tx, db: db) }
    }

    private var commandCounter = 0

    /// Advances virtual time to `date`, firing every due timer in deadline order, as the
    /// daemon's scheduler would (all timers due at one wake-up in one transaction).
    func advance(to date: Date) throws {
        while let (id, at) = timers.filter({ $0.value <= date }).min(by: { ($0.value, $0.key) < ($1.value, $1.key) }) {
            timers[id] = nil
            now = max(now, at)
            try transaction { tx, db in try core.fire(id, transaction: &tx, db: db) }
        }
        now = date
    }

    func advance(by seconds: TimeInterval) throws { try advance(to: now.addingTimeInterval(seconds)) }

    /// Fires one timer id at the current (virtual) time, whether or not it is due: what a
    /// wall-clock timer does when the clock was set back after it was armed.
    func fire(_ id: EngineTimer) throws {
        timers[id] = nil
        try transaction { tx, db in try core.fire(id, transaction: &tx, db: db) }
    }

    /// Jumps the clock without firing anything (a daemon that was down), then fires what is due
    /// in ONE wake-up, as after a restart.
    func restart(at date: Date) throws {
        now = date
        let due = timers.filter { $0.value <= date }.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
        for (id, _) in due { timers[id] = nil }
        try transaction { tx, db in for (id, _) in due { try core.fire(id, transaction: &tx, db: db) } }
    }

    /// Every message in the outbox, parsed, in SEQ order.
    func messages() throws -> [JSONValue] {
        try store.database.read { db in
            try Data.fetchAll(db, sql: "SELECT body FROM outbox ORDER BY seq").map { try JSONParser.parse(Array($0)) }
        }
    }

    func messages(ofType type: String) throws -> [JSONValue] {
        try messages().filter { $0["type"]?.stringValue == type }
    }

    func orders() throws -> [OrderRecord] {
        try store.database.read { db in try OrderRecord.order(Column("issued_at"), Column("order_id")).fetchAll(db) }
    }

    func incident(_ id: String) throws -> IncidentRecord? {
        try store.database.read { db in try IncidentRecord.find(id, in: db) }
    }
}

/// Incident JSON for tests: the fields SPEC §3.1 requires, plus any others.
func incidentJSON(id: String = "GM-T-1", msgType: String = "alert", kind: String = "typhoon", level: String = "orange",
                  area: String = "gaoming/yanghe", sent: String = "2024-09-06T08:00:00+08:00", extra: String = "") -> String {
    """
    {"id": "\(id)", "msg_type": "\(msgType)", "kind": "\(kind)", "level": "\(level)", "area": "\(area)",
     "title": "台风“摩羯”\(level)预警", "sent": "\(sent)"\(extra.isEmpty ? "" : ", " + extra)}
    """
}
