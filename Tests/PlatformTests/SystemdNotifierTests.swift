import Foundation
import Glibc
import Testing
@testable import Platform

/// A datagram socket bound by the test, standing in for systemd's notification socket.
final class NotifyListener {
    let fd: Int32
    /// The `NOTIFY_SOCKET` value naming this socket.
    let notifySocket: String

    init(path: String? = nil, abstractName: String? = nil) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw SystemError(syscall: "socket", errno: errno) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes: [UInt8] = path.map { Array($0.utf8) } ?? [0] + Array(abstractName!.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { for (i, b) in bytes.enumerated() { $0[i] = b } }
        let length = socklen_t(MemoryLayout.offset(of: \sockaddr_un.sun_path)! + bytes.count
            + (path == nil ? 0 : 1))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard result == 0 else {
            let code = errno
            close(fd)
            throw SystemError(syscall: "bind", errno: code, path: path)
        }
        self.fd = fd
        notifySocket = path ?? "@" + abstractName!
    }

    deinit { close(fd) }

    /// The next datagram already queued (sending on AF_UNIX is synchronous), or nil.
    func receive() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        return count < 0 ? nil : String(decoding: buffer[..<count], as: UTF8.self)
    }
}

@Suite struct SystemdNotifierTests {
    func exercise(_ listener: NotifyListener) throws {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.notifySocket])
        #expect(notifier.isEnabled)
        try notifier.ready()
        #expect(listener.receive() == "READY=1")
        try notifier.status("3 incidents\nopen")
        #expect(listener.receive() == "STATUS=3 incidents open")
        try notifier.watchdog()
        #expect(listener.receive() == "WATCHDOG=1")
        let before = MonotonicClock.microseconds()
        try notifier.reloading()
        let reloading = try #require(listener.receive())
        let lines = reloading.split(separator: "\n")
        #expect(lines.first == "RELOADING=1")
        let usec = try #require(lines.last?.split(separator: "=").last.flatMap { UInt64($0) })
        #expect(lines.last?.hasPrefix("MONOTONIC_USEC=") == true)
        #expect(usec >= before && usec <= MonotonicClock.microseconds())
        try notifier.extendTimeout(by: .seconds(90))
        #expect(listener.receive() == "EXTEND_TIMEOUT_USEC=90000000")
        try notifier.stopping()
        #expect(listener.receive() == "STOPPING=1")
        #expect(listener.receive() == nil)
    }

    @Test func sendsToAPathSocket() throws {
        let dir = TempDirectory()
        try exercise(NotifyListener(path: dir.path + "/notify"))
    }

    @Test func sendsToAnAbstractSocket() throws {
        let name = "dispatchd-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try exercise(NotifyListener(abstractName: name))
    }

    @Test func isANoOpWithoutNotifySocket() throws {
        let notifier = SystemdNotifier(environment: [:])
        #expect(!notifier.isEnabled)
        try notifier.ready()
        #expect(notifier.watchdogInterval == nil)
    }

    @Test func missingSocketIsReportedAsSystemError() {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/nonexistent/notify"])
        #expect(throws: SystemError.self) { try notifier.ready() }
    }

    @Test func watchdogIntervalHonoursWatchdogPid() {
        let mine = SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000",
                                                 "WATCHDOG_PID": "\(getpid())"])
        #expect(mine.watchdogInterval == .seconds(30))
        let unpinned = SystemdNotifier(environment: ["WATCHDOG_USEC": "500000"])
        #expect(unpinned.watchdogInterval == .milliseconds(500))
        let other = SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000",
                                                  "WATCHDOG_PID": "\(getpid() + 1)"])
        #expect(other.watchdogInterval == nil)
    }
}
