import Glibc

/// One field of a journal entry: an upper-case name (`MESSAGE`, `PRIORITY`, `INCIDENT_ID`) and
/// its value as bytes (UTF-8 text in practice, but the protocol is binary-safe).
public struct JournalField: Sendable, Equatable {
    public let name: String
    public let value: [UInt8]

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = Array(value.utf8)
    }

    public init(_ name: String, bytes: [UInt8]) {
        self.name = name
        self.value = bytes
    }
}

/// The journald native protocol by hand (no libsystemd; with the `Systemd` trait,
/// `sd_journal_sendv` instead): one `AF_UNIX` `SOCK_DGRAM` datagram per entry, sent to
/// `/run/systemd/journal/socket`.
///
/// Invariants:
/// - An entry is one datagram: `NAME=value\n` for values without a newline, and
///   `NAME\n` + 64-bit little-endian length + value + `\n` for values that contain one, so
///   multi-line and binary values arrive intact.
/// - An entry too large for a datagram (`EMSGSIZE`/`ENOBUFS`) goes the way the protocol
///   requires: written to a sealed `memfd`, whose descriptor is passed in an empty datagram
///   with `SCM_RIGHTS`; journald reads it from there.
/// - The socket is never connected, so a restarted journald is reached again by path.
/// - Sending never blocks for long (`MSG_DONTWAIT`); a failure throws `SystemError` and the
///   caller decides (the log handler falls back to stderr: a log line is never fatal).
public final class JournalWriter: Sendable {
    public static let defaultSocketPath = "/run/systemd/journal/socket"

    /// The socket path entries are sent to.
    public let socketPath: String
    private let fd: Int32

    /// Opens a datagram socket for `socketPath`. Throws when the path is too long or does not
    /// name a socket (journald is not running, or not reachable from this mount namespace).
    public init(socketPath: String = JournalWriter.defaultSocketPath) throws(SystemError) {
        guard socketPath.utf8.count < 108 else {
            throw SystemError(syscall: "journal socket path", errno: ENAMETOOLONG, path: socketPath)
        }
        var info = stat()
        try Syscall.call("stat", path: socketPath) { stat(socketPath, &info) }
        guard info.st_mode & S_IFMT == S_IFSOCK else {
            throw SystemError(syscall: "journal socket", errno: ENOTSOCK, path: socketPath)
        }
        self.socketPath = socketPath
        self.fd = try Syscall.call("socket", path: socketPath) {
            socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
    }

    deinit { Syscall.close(fd) }

    /// Sends one entry; a large one through a sealed memfd.
    public func send(_ fields: [JournalField]) throws(SystemError) {
        #if Systemd
        // libsystemd knows only the system journal's socket; any other path (a test's) is ours.
        if socketPath == JournalWriter.defaultSocketPath { return try LibsystemdJournal.send(fields) }
        #endif
        let payload = JournalWriter.serialize(fields)
        do {
            try sendDatagram(payload, passing: nil)
        } catch where error.errno == EMSGSIZE || error.errno == ENOBUFS {
            let memfd = try JournalWriter.sealedMemoryFile(payload)
            defer { Syscall.close(memfd) }
            try sendDatagram([], passing: memfd)
        }
    }

    /// The native protocol serialization of one entry.
    public static func serialize(_ fields: [JournalField]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(fields.reduce(0) { $0 + $1.name.utf8.count + $1.value.count + 10 })
        for field in fields {
            out += field.name.utf8
            if field.value.contains(UInt8(ascii: "\n")) {
                out.append(UInt8(ascii: "\n"))
                withUnsafeBytes(of: UInt64(field.value.count).littleEndian) { out += $0 }
            } else {
                out.append(UInt8(ascii: "="))
            }
            out += field.value
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    private func sendDatagram(_ payload: [UInt8], passing descriptor: Int32?) throws(SystemError) {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = Array(socketPath.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { for (index, byte) in path.enumerated() { $0[index] = byte } }
        let length = socklen_t(MemoryLayout.offset(of: \sockaddr_un.sun_path)! + path.count + 1)
        // One cmsghdr (16 bytes on LP64) carrying one Int32 descriptor, padded to 8: 24 bytes.
        let headerSize = MemoryLayout<cmsghdr>.stride
        var control = [UInt8](repeating: 0, count: descriptor == nil ? 0 : headerSize + 8)
        if let descriptor {
            control.withUnsafeMutableBytes { raw in
                var header = cmsghdr()
                header.cmsg_len = headerSize + 4
                header.cmsg_level = SOL_SOCKET
                header.cmsg_type = Int32(SCM_RIGHTS)
                raw.storeBytes(of: header, as: cmsghdr.self)
                raw.storeBytes(of: descriptor, toByteOffset: headerSize, as: Int32.self)
            }
        }
        var payload = payload
        try Syscall.call("sendmsg", path: socketPath) {
            payload.withUnsafeMutableBytes { bytes in
                control.withUnsafeMutableBytes { controlBytes in
                    withUnsafeMutablePointer(to: &address) { addressPointer in
                        var vector = iovec(iov_base: bytes.baseAddress, iov_len: bytes.count)
                        return withUnsafeMutablePointer(to: &vector) { vectorPointer in
                            var message = msghdr()
                            message.msg_name = UnsafeMutableRawPointer(addressPointer)
                            message.msg_namelen = length
                            message.msg_iov = vectorPointer
                            message.msg_iovlen = bytes.isEmpty ? 0 : 1
                            message.msg_control = controlBytes.isEmpty ? nil : controlBytes.baseAddress
                            message.msg_controllen = controlBytes.count
                            return sendmsg(fd, &message, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
                        }
                    }
                }
            }
        }
    }

    /// `memfd_create` is not exported by Swift's Glibc module: resolved once from libc.
    private typealias MemfdCreate = @convention(c) (UnsafePointer<CChar>, UInt32) -> Int32
    private static let memfdCreate: MemfdCreate? = dlsym(nil, "memfd_create")
        .map { unsafeBitCast($0, to: MemfdCreate.self) }

    /// A memfd holding `payload`, sealed against any further change, as journald requires.
    static func sealedMemoryFile(_ payload: [UInt8]) throws(SystemError) -> Int32 {
        guard let memfdCreate else { throw SystemError(syscall: "memfd_create", errno: ENOSYS) }
        let mfdCloexec: UInt32 = 1, mfdAllowSealing: UInt32 = 2
        let fd = try Syscall.call("memfd_create") { memfdCreate("journal-entry", mfdCloexec | mfdAllowSealing) }
        do {
            var offset = 0
            while offset < payload.count {
                let written = try Syscall.call("write", path: "memfd") {
                    payload.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
                }
                offset += written
            }
            // F_ADD_SEALS (1033): F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE.
            try Syscall.call("fcntl(F_ADD_SEALS)", path: "memfd") { fcntl(fd, 1033, Int32(1 | 2 | 4 | 8)) }
        } catch {
            Syscall.close(fd)
            throw error
        }
        return fd
    }
}
