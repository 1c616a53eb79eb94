import Glibc

/// The sd_notify protocol by hand (no libsystemd): one datagram per state change, sent to the
/// `AF_UNIX` `SOCK_DGRAM` socket named by `NOTIFY_SOCKET` (a path, or `@name` for the abstract
/// namespace). Without `NOTIFY_SOCKET` every call is a no-op, so the daemon runs the same
/// outside systemd. Sending never blocks the caller for long (`MSG_DONTWAIT`); failures throw
/// `SystemError` so the caller can log them (a notify failure is never fatal).
public struct SystemdNotifier: Sendable {
    /// The socket address bytes (`sun_path` contents, leading NUL for abstract), or nil.
    private let address: [UInt8]?
    /// True when the address came from the process environment (libsystemd reads it there).
    private let fromProcessEnvironment: Bool
    /// The watchdog interval systemd expects `WATCHDOG=1` within, when enabled for this process.
    public let watchdogInterval: Duration?

    /// Reads `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID` from `environment`
    /// (default: the process environment via `getenv`).
    public init(environment: [String: String]? = nil) {
        func value(_ key: String) -> String? {
            if let environment { return environment[key] }
            return getenv(key).map { String(cString: $0) }
        }
        fromProcessEnvironment = environment == nil
        if let socket = value("NOTIFY_SOCKET"), !socket.isEmpty {
            var bytes = Array(socket.utf8)
            if bytes.first == UInt8(ascii: "@") { bytes[0] = 0 }
            address = bytes.count < 108 ? bytes : nil
        } else {
            address = nil
        }
        if let usec = value("WATCHDOG_USEC").flatMap(UInt64.init), usec > 0,
           value("WATCHDOG_PID").map({ Int32($0) == getpid() }) ?? true {
            watchdogInterval = .microseconds(Int64(usec))
        } else {
            watchdogInterval = nil
        }
    }

    /// Whether a notification socket was configured.
    public var isEnabled: Bool { address != nil }

    public func ready() throws(SystemError) { try send("READY=1") }
    public func status(_ text: String) throws(SystemError) {
        try send("STATUS=" + text.replacingNewlines())
    }
    public func watchdog() throws(SystemError) { try send("WATCHDOG=1") }
    public func stopping() throws(SystemError) { try send("STOPPING=1") }

    /// `RELOADING=1` with `MONOTONIC_USEC` (required by `Type=notify-reload`).
    public func reloading() throws(SystemError) {
        try send("RELOADING=1\nMONOTONIC_USEC=\(MonotonicClock.microseconds())")
    }

    public func extendTimeout(by interval: Duration) throws(SystemError) {
        let (seconds, attoseconds) = interval.components
        let usec = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        try send("EXTEND_TIMEOUT_USEC=\(usec)")
    }

    /// Sends `state` (newline-separated `KEY=VALUE` assignments) as one datagram.
    public func send(_ state: String) throws(SystemError) {
        guard let address else { return }
        #if Systemd
        // libsystemd's sd_notify, for the process's own NOTIFY_SOCKET (the trait build).
        if fromProcessEnvironment { return try LibsystemdJournal.notify(state) }
        #endif
        let display = address.first == 0
            ? "@" + String(decoding: address.dropFirst(), as: UTF8.self)
            : String(decoding: address, as: UTF8.self)
        let fd = try Syscall.call("socket", path: display) {
            socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        defer { Syscall.close(fd) }
        var storage = sockaddr_un()
        storage.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &storage.sun_path) { path in
            for (index, byte) in address.enumerated() { path[index] = byte }
        }
        let length = socklen_t(MemoryLayout.offset(of: \sockaddr_un.sun_path)! + address.count
            + (address.first == 0 ? 0 : 1))
        let payload = Array(state.utf8)
        try Syscall.call("sendto", path: display) {
            payload.withUnsafeBytes { bytes in
                withUnsafePointer(to: &storage) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT), $0, length)
                    }
                }
            }
        }
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
