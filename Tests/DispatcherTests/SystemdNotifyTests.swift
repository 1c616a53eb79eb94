import Foundation
import Glibc
import Platform
import Rules
import Testing
@testable import Dispatcher

/// The daemon's sd_notify conversation, observed on a real Unix datagram socket bound by the
/// test: READY after recovery and the scan, rate-limited STATUS with live counts, watchdog
/// pings from the event loop (stopping when the loop is stuck), RELOADING/READY around a
/// reload, STOPPING, and EXTEND_TIMEOUT_USEC while start-up recovery is still running.
@Suite struct SystemdNotifyTests {
    /// A bound datagram socket collecting what the daemon sends.
    final class Listener: @unchecked Sendable {
        let fd: Int32
        let path: String

        init(directory: String) throws {
            path = directory + "/notify"
            fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            let bytes = Array(path.utf8)
            withUnsafeMutableBytes(of: &address.sun_path) { for (i, b) in bytes.enumerated() { $0[i] = b } }
            let length = socklen_t(MemoryLayout.offset(of: \sockaddr_un.sun_path)! + bytes.count + 1)
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
            }
            guard bound == 0 else { throw SystemError(syscall: "bind", errno: errno, path: path) }
        }

        deinit { close(fd) }

        /// Everything queued now, in order.
        func drain() -> [String] {
            var messages: [String] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
                if count < 0 { return messages }
                messages.append(String(decoding: buffer[..<count], as: UTF8.self))
            }
        }

        /// Collects messages until one satisfies `done` or 5 s pass; returns all collected.
        func collect(until done: (String) -> Bool) -> [String] {
            let deadline = Date().addingTimeInterval(5)
            var messages: [String] = []
            while Date() < deadline {
                let batch = drain()
                messages += batch
                if batch.contains(where: done) { break }
                usleep(5_000)
            }
            return messages
        }
    }

    struct Fixture {
        let directory: StoreTestDirectory
        let listener: Listener
        let county: County

        init() throws {
            directory = try StoreTestDirectory()
            listener = try Listener(directory: directory.path)
            var county = try EngineHarness.exampleCounty()
            county.settings.spool = directory.path + "/spool"
            county.settings.state = directory.path + "/state"
            self.county = county
        }

        func daemon(watchdogUsec: Int? = nil, clock: @escaping @Sendable () -> Date = { Date() }) -> Daemon {
            var environment = ["NOTIFY_SOCKET": listener.path]
            if let watchdogUsec {
                environment["WATCHDOG_USEC"] = "\(watchdogUsec)"
                environment["WATCHDOG_PID"] = "\(getpid())"
            }
            return Daemon(county: county, configPath: EngineHarness.repositoryRoot + "/config/dispatchd.yaml",
                          logger: StoreTestLogs().logger, notifier: SystemdNotifier(environment: environment),
                          clock: clock, readConfig: { try LocalFiles.read($0, maxBytes: 1 << 24) })
        }

        func drop(_ example: String) throws {
            let spool = county.settings.spool
            try FileManager.default.createDirectory(atPath: spool + "/incoming", withIntermediateDirectories: true)
            // Prepared beside the spool and renamed in: a running daemon takes a file from
            // `incoming` as soon as it appears, so nothing may be done to it there afterwards.
            let staged = directory.path + "/" + example
            try FileManager.default.copyItem(atPath: EngineHarness.repositoryRoot + "/config/examples/" + example,
                                             toPath: staged)
            // Older than the two seconds a start-up scan waits for a file to settle.
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)],
                                                  ofItemAtPath: staged)
            try FileManager.default.moveItem(atPath: staged, toPath: spool + "/incoming/" + example)
        }

        func processed() -> [String] {
            let base = county.settings.spool + "/processed"
            return ((try? FileManager.default.subpathsOfDirectory(atPath: base)) ?? []).filter { $0.hasSuffix(".json") }
        }
    }

    @Test func readyComesAfterTheStartUpScanWithLiveCountsInStatus() throws {
        let fixture = try Fixture()
        try fixture.drop("typhoon-orange-yanghe.json")
        let daemon = fixture.daemon()
        try daemon.start()
        defer { daemon.queue.sync { daemon.stop() } }
        // start() returns after READY=1: by then the dropped file has been taken and filed.
        #expect(fixture.processed().count == 1)
        let messages = fixture.listener.drain()
        // The scanned input's effects are reported (STATUS) before readiness, never after it.
        let ready = try #require(messages.firstIndex(of: "READY=1"))
        #expect(messages.filter { $0 == "READY=1" }.count == 1)
        let status = try #require(messages[..<ready].last { $0.hasPrefix("STATUS=") })
        #expect(status.hasPrefix("STATUS=1 open incidents, "))
        #expect(status.hasSuffix(" pending escalations"))
        #expect(!status.contains(" 0 open orders"))
        #expect(!status.contains(" 0 pending escalations"))
    }

    @Test func statusIsRateLimitedAndCatchesUp() throws {
        let fixture = try Fixture()
        let daemon = fixture.daemon()
        daemon.statusInterval = 2
        try daemon.start()
        defer { daemon.queue.sync { daemon.stop() } }
        #expect(fixture.listener.drain() == ["READY=1", "STATUS=0 open incidents, 0 open orders, 0 pending escalations"])
        try fixture.drop("typhoon-orange-yanghe.json")
        try fixture.drop("storm-blue-genghe.json")
        let messages = fixture.listener.collect { $0.hasPrefix("STATUS=2 open incidents") }
        let statuses = messages.filter { $0.hasPrefix("STATUS=") }
        // Both inputs land within one interval: a single STATUS covering both, not one per input.
        #expect(statuses.count == 1)
        #expect(statuses.last?.hasPrefix("STATUS=2 open incidents, ") == true)
    }

    @Test func watchdogPingsComeFromTheLoopAndStopWhenItIsStuck() throws {
        let fixture = try Fixture()
        let daemon = fixture.daemon(watchdogUsec: 100_000)  // a ping every 50 ms
        try daemon.start()
        defer { daemon.queue.sync { daemon.stop() } }
        let first = fixture.listener.collect { $0 == "WATCHDOG=1" }
        #expect(first.contains("WATCHDOG=1"))
        let release = DispatchSemaphore(value: 0)
        let blocked = DispatchSemaphore(value: 0)
        daemon.queue.async {
            blocked.signal()
            release.wait()
        }
        blocked.wait()
        _ = fixture.listener.drain()  // a ping may have been sent just before the loop blocked
        usleep(400_000)  // eight ping periods with the loop stuck: observing an absence takes time
        #expect(!fixture.listener.drain().contains("WATCHDOG=1"))
        release.signal()
        #expect(fixture.listener.collect { $0 == "WATCHDOG=1" }.contains("WATCHDOG=1"))
    }

    @Test func reloadIsBracketedByReloadingAndReadyThenStopSaysStopping() throws {
        let fixture = try Fixture()
        let daemon = fixture.daemon()
        try daemon.start()
        _ = fixture.listener.drain()
        let before = MonotonicClock.microseconds()
        daemon.queue.sync { daemon.reload() }
        let messages = fixture.listener.drain()
        let reloading = try #require(messages.first).split(separator: "\n")
        #expect(reloading.first == "RELOADING=1")
        let usec = try #require(reloading.last.flatMap { UInt64($0.dropFirst("MONOTONIC_USEC=".count)) })
        #expect(usec >= before && usec <= MonotonicClock.microseconds())
        #expect(messages.dropFirst().first == "READY=1")
        daemon.queue.sync { daemon.stop() }
        #expect(fixture.listener.drain() == ["STOPPING=1"])
    }

    @Test func longRecoveryExtendsTheStartTimeoutUntilReady() throws {
        let fixture = try Fixture()
        let listener = fixture.listener
        let seen = LockedMessages()
        // The first clock reading happens during recovery: it waits there (up to 5 s) until
        // the keep-alive has asked for more time, standing in for a slow migration.
        let daemon = fixture.daemon(clock: {
            if seen.claimFirstCall() { seen.append(listener.collect { $0.hasPrefix("EXTEND_TIMEOUT_USEC=") }) }
            return Date()
        })
        daemon.recoveryKeepAlive.after = .milliseconds(10)
        daemon.recoveryKeepAlive.every = .milliseconds(10)
        daemon.recoveryKeepAlive.by = .seconds(30)
        try daemon.start()
        defer { daemon.queue.sync { daemon.stop() } }
        let during = seen.messages
        #expect(during.contains("EXTEND_TIMEOUT_USEC=30000000"))
        #expect(!during.contains("READY=1"))
        usleep(50_000)  // five keep-alive periods after READY: none may follow it
        let after = fixture.listener.drain()
        let ready = try #require(after.firstIndex(of: "READY=1"))
        #expect(!after[ready...].contains { $0.hasPrefix("EXTEND_TIMEOUT_USEC=") })
    }
}

final class LockedMessages: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    private var called = false

    var messages: [String] { lock.withLock { stored } }
    func append(_ more: [String]) { lock.withLock { stored += more } }
    func claimFirstCall() -> Bool { lock.withLock { defer { called = true }; return !called } }
}
