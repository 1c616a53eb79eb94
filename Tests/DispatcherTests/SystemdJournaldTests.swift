import Foundation
import Glibc
import Logging
import Platform
import Testing
@testable import Dispatcher

/// The journal log handler against a real systemd-journald, started by the test in a private
/// mount namespace (a tmpfs on /run, volatile storage), reached through /proc/PID/root and
/// read back with `journalctl -o json`. Needs root, `unshare` and systemd-journald: without
/// them the suite is disabled and says why.
@Suite(.enabled(if: JournaldSandbox.prerequisites == nil, Comment(rawValue: JournaldSandbox.prerequisites ?? "")))
struct SystemdJournaldTests {
    @Test func entriesArriveWithFieldsPrioritiesMessageIDsAndChineseIntact() throws {
        guard let journald = JournaldSandbox.start() else { return }
        defer { journald.stop() }
        let writer = try JournalWriter(socketPath: journald.socketPath)
        let logger = Logger(label: "dispatchd") { label in JournalLogHandler(label: label, level: .debug, writer: writer) }
        logger.notice("order issued", metadata: ["event": "order_issued", "incident.id": "GM-20240906-0001",
                                                 "order.id": "GM-20240906-0001-o1", "team.id": "杨和镇应急队",
                                                 "area": "高明区/杨和镇"])
        logger.critical("order unacknowledged", metadata: ["event": "order_unacknowledged", "escalation.step": "3",
                                                           "detail": "第一行\n第二行"])
        let big = String(repeating: "台风", count: 300_000)
        logger.warning("large entry", metadata: ["event": "config_warning", "diagnostic": "\(big)"])

        let entries = try journald.read(expecting: 3)
        try #require(entries.count == 3)
        let issued = entries[0]
        #expect(issued["MESSAGE"] as? String == "order issued")
        #expect(issued["PRIORITY"] as? String == "5")
        #expect(issued["SYSLOG_IDENTIFIER"] as? String == "dispatchd")
        #expect(issued["MESSAGE_ID"] as? String == EventMessageID.table["order_issued"])
        #expect(issued["DISPATCH_EVENT"] as? String == "order_issued")
        #expect(issued["INCIDENT_ID"] as? String == "GM-20240906-0001")
        #expect(issued["ORDER_ID"] as? String == "GM-20240906-0001-o1")
        #expect(issued["TEAM_ID"] as? String == "杨和镇应急队")
        #expect(issued["AREA"] as? String == "高明区/杨和镇")
        #expect((issued["CODE_FILE"] as? String)?.hasSuffix("SystemdJournaldTests.swift") == true)
        #expect(Int(issued["CODE_LINE"] as? String ?? "") ?? 0 > 0)
        #expect((issued["CODE_FUNC"] as? String)?.hasPrefix("entriesArrive") == true)
        #expect(issued["_TRANSPORT"] as? String == "journal")

        let critical = entries[1]
        #expect(critical["PRIORITY"] as? String == "2")
        #expect(critical["MESSAGE_ID"] as? String == EventMessageID.table["order_unacknowledged"])
        #expect(critical["ESCALATION_STEP"] as? String == "3")
        #expect(critical["DETAIL"] as? String == "第一行\n第二行")

        let large = entries[2]
        #expect(large["PRIORITY"] as? String == "4")
        #expect(large["DIAGNOSTIC"] as? String == big)
    }
}

/// A systemd-journald of the test's own, in a private mount namespace.
final class JournaldSandbox: @unchecked Sendable {
    static let journald = "/lib/systemd/systemd-journald"

    /// Why the journald tests cannot run here, or nil when they can.
    static let prerequisites: String? = {
        if getuid() != 0 { return "journald tests need root (a private mount namespace with a tmpfs on /run)" }
        for tool in ["/usr/bin/unshare", journald, "/usr/bin/journalctl"] where access(tool, X_OK) != 0 {
            return "journald tests need \(tool)"
        }
        return nil
    }()

    let process: Process
    let directory: String
    var root: String { "/proc/\(process.processIdentifier)/root" }
    var socketPath: String { root + "/run/systemd/journal/socket" }

    private init(process: Process, directory: String) {
        self.process = process
        self.directory = directory
    }

    /// Starts journald and waits (up to 5 s) for its socket; nil, with the reason printed,
    /// when the namespace cannot be made (for example in a container without CAP_SYS_ADMIN).
    static func start() -> JournaldSandbox? {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("journald-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let config = "[Journal]\nStorage=volatile\nForwardToSyslog=no\nForwardToWall=no\nForwardToConsole=no\n"
            + "RateLimitBurst=0\nRuntimeMaxUse=64M\n"
        _ = FileManager.default.createFile(atPath: directory + "/journald.conf", contents: Data(config.utf8))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["-m", "--propagation", "private", "sh", "-c",
                             "mount -t tmpfs tmpfs /run && mount --bind \(directory)/journald.conf "
                                 + "/etc/systemd/journald.conf && exec \(journald)"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        let errors = Pipe()
        process.standardError = errors
        do { try process.run() } catch {
            print("skipping: cannot run unshare: \(error)")
            return nil
        }
        let sandbox = JournaldSandbox(process: process, directory: directory)
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            var info = stat()
            if stat(sandbox.socketPath, &info) == 0 { return sandbox }
            if !process.isRunning {
                let reason = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                print("skipping: cannot make a private mount namespace for journald: \(reason)")
                return nil
            }
            usleep(10_000)
        }
        print("skipping: journald did not create its socket within 5 s")
        sandbox.stop()
        return nil
    }

    /// Our entries as `journalctl -o json` prints them, once `count` have arrived (5 s at most).
    func read(expecting count: Int) throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(5)
        var entries: [[String: Any]] = []
        while Date() < deadline {
            let query = Process()
            query.executableURL = URL(fileURLWithPath: "/usr/bin/journalctl")
            query.arguments = ["-D", root + "/run/log/journal", "-o", "json", "--all", "--no-pager",
                               "SYSLOG_IDENTIFIER=dispatchd"]
            let output = Pipe()
            query.standardOutput = output
            query.standardError = FileHandle(forWritingAtPath: "/dev/null")
            try query.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            query.waitUntilExit()
            entries = try String(decoding: data, as: UTF8.self).split(separator: "\n").map {
                try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
            }
            if entries.count >= count { return entries }
            usleep(20_000)
        }
        return entries
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }
}
