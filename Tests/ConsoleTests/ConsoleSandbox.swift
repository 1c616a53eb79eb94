import Console
import Foundation
import Logging
import Rules
import Testing

struct SandboxError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Polls `condition` every 20 ms until it holds or `timeout` passes.
func eventually(timeout: Duration = .seconds(10), _ condition: () async -> Bool) async -> Bool {
    let end = ContinuousClock.now + timeout
    while ContinuousClock.now < end {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return await condition()
}

/// A throw-away county for the console's tests: a copy of the example config with spool,
/// state and the users file in a temp directory, the real `dispatchd` daemon over it, and
/// the console server in this process on a free loopback port. Three users, one per role,
/// with the password `secret-pass` (bcrypt cost 4, to keep the tests quick).
final class ConsoleSandbox: @unchecked Sendable {
    let root: String
    var config: String { root + "/config/dispatchd.yaml" }
    var spool: String { root + "/spool" }
    var state: String { root + "/state" }
    var acks: String { spool + "/acks" }
    var commands: String { spool + "/commands" }
    var incoming: String { spool + "/incoming" }
    let daemon = Process()
    var port = 0
    private var serverTask: Task<Void, any Error>?
    static let password = "secret-pass"

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static var daemonBinary: String? {
        let build = repository + "/.build"
        let candidates = [build + "/debug/dispatchd"]
            + (((try? FileManager.default.contentsOfDirectory(atPath: build)) ?? []).sorted().map { build + "/" + $0 + "/debug/dispatchd" })
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    init(verdictWait: TimeInterval = 3) async throws {
        var template = Array((FileManager.default.temporaryDirectory.path + "/dispatchd-console-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw SandboxError("mkdtemp failed") }
        root = String(cString: made)
        let files = FileManager.default
        try files.createDirectory(atPath: root + "/config", withIntermediateDirectories: true)
        for name in ["areas.yaml", "teams.yaml", "duty.yaml", "rules.yaml"] {
            try files.copyItem(atPath: Self.repository + "/config/" + name, toPath: root + "/config/" + name)
        }
        let rules = try String(contentsOfFile: root + "/config/rules.yaml", encoding: .utf8)
        try write(root + "/config/rules.yaml", rules + """

        - id: console-test
          when: {kind: e2e}
          response: III
          mobilize:
            - {capability: notification, count: 1, within: district}
          ack_within: 10m
          escalate:
            - {after: 10m, to: town}
          on_unacknowledged: report

        """)
        // The example county's main file with this sandbox's spool and state, kind `e2e` and
        // a console section.
        var main = try String(contentsOfFile: Self.repository + "/config/dispatchd.yaml", encoding: .utf8)
            .components(separatedBy: "\n").map { line -> String in
                if line.hasPrefix("spool:") { return "spool: \(spool)" }
                if line.hasPrefix("state:") { return "state: \(state)" }
                if line.hasPrefix("kinds:") { return "kinds: [landslide, drill, e2e]" }
                return line
            }.joined(separator: "\n")
        main += "\nconsole:\n  listen: 127.0.0.1:0\n  users: users.yaml\n"
        try write(config, main)
        let hash = PasswordHash.make(Self.password, cost: 4)
        try write(root + "/config/users.yaml", """
        # console users for the tests
        - login: wall
          name: 大屏
          role: viewer
          password_hash: "\(hash)"
        - login: ops
          name: 值班员小李
          role: operator
          password_hash: "\(hash)"
        - login: chief
          name: 指挥长老王
          role: commander
          password_hash: "\(hash)"

        """)
        try await startDaemon()
        try files.createDirectory(atPath: commands + "/.tmp", withIntermediateDirectories: true)
        try await startConsole(verdictWait: verdictWait)
    }

    func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    var daemonLog: String { (try? String(contentsOfFile: root + "/daemon.log", encoding: .utf8)) ?? "" }

    func startDaemon() async throws {
        guard let binary = Self.daemonBinary else { throw SandboxError("the dispatchd binary is not built: run `swift build` first") }
        _ = FileManager.default.createFile(atPath: root + "/daemon.log", contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: root + "/daemon.log"))
        daemon.executableURL = URL(fileURLWithPath: binary)
        daemon.arguments = ["run", "--config", config, "--log", "stderr", "--allow-root"]
        daemon.standardOutput = log
        daemon.standardError = log
        daemon.standardInput = FileHandle.nullDevice
        try daemon.run()
        let deadline = Date().addingTimeInterval(20)
        while !daemonLog.contains("dispatchd ready") {
            guard daemon.isRunning, Date() < deadline else { throw SandboxError("dispatchd did not start:\n\(daemonLog)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    func startConsole(verdictWait: TimeInterval) async throws {
        let text = try String(contentsOfFile: config, encoding: .utf8)
        let settings = try ConsoleSettings.read(mainConfig: config, text: text)
        let result = CountyLoader.load(configPath: config, read: { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) })
        guard let county = result.county else { throw SandboxError("config invalid: \(result.diagnostics)") }
        let users = try UserDirectory.load(path: settings.usersFile)
        var logger = Logger(label: "console-test")
        logger.logLevel = .warning
        let server = ConsoleServer(county: county, settings: settings, users: users, logger: logger, verdictWait: verdictWait)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        serverTask = Task { try await server.run(onRunning: { continuation.yield($0) }) }
        for await port in ports { self.port = port; break }
    }

    /// Drops a file the way writers must (SPEC §2): under `.tmp/`, then renamed in.
    func drop(_ name: String, _ text: String, into directory: String? = nil) throws {
        let target = directory ?? incoming
        try FileManager.default.createDirectory(atPath: target + "/.tmp", withIntermediateDirectories: true)
        try write(target + "/.tmp/" + name, text)
        guard rename(target + "/.tmp/" + name, target + "/" + name) == 0 else { throw SandboxError("rename failed") }
    }

    func incident(id: String, title: String, kind: String = "e2e", level: String = "orange", area: String = "gaoming/yanghe") throws {
        let escaped = JSONWriter.string(.string(title))
        try drop("\(id).json", """
        {"id": "\(id)", "kind": "\(kind)", "level": "\(level)", "area": "\(area)", "title": \(escaped),
         "sent": "\(RFC3339.format(Date(), in: TimeZone(identifier: "Asia/Shanghai")!))"}
        """)
    }

    /// Plain file names in a directory (dot files and `.tmp` excluded).
    func names(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    func stop() {
        serverTask?.cancel()
        if daemon.isRunning {
            daemon.terminate()
            daemon.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: root)
    }

    deinit {
        if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) }
    }
}
