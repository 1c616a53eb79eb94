#if Systemd
import CSystemd
import Glibc

/// With the `Systemd` trait: the journal and sd_notify through libsystemd (`sd_journal_sendv`,
/// `sd_notify`), which handle the same protocols (memfd for large entries included).
enum LibsystemdJournal {
    /// Sends one entry; libsystemd returns a negative errno on failure.
    static func send(_ fields: [JournalField]) throws(SystemError) {
        let buffers = fields.map { field -> [UInt8] in Array(field.name.utf8) + [UInt8(ascii: "=")] + field.value }
        let result = withIOVectors(buffers) { vectors in sd_journal_sendv(vectors.baseAddress, Int32(vectors.count)) }
        if result < 0 { throw SystemError(syscall: "sd_journal_sendv", errno: -result) }
    }

    /// `sd_notify(0, state)`: reads `NOTIFY_SOCKET` from the process environment.
    static func notify(_ state: String) throws(SystemError) {
        let result = sd_notify(0, state)
        if result < 0 { throw SystemError(syscall: "sd_notify", errno: -result) }
    }

    private static func withIOVectors<R>(_ buffers: [[UInt8]], _ body: (UnsafeMutableBufferPointer<iovec>) -> R) -> R {
        var pointers: [UnsafeMutableRawPointer] = []
        defer { pointers.forEach { $0.deallocate() } }
        var vectors = buffers.map { buffer -> iovec in
            let pointer = UnsafeMutableRawPointer.allocate(byteCount: max(buffer.count, 1), alignment: 1)
            buffer.withUnsafeBytes { pointer.copyMemory(from: $0.baseAddress!, byteCount: buffer.count) }
            pointers.append(pointer)
            return iovec(iov_base: pointer, iov_len: buffer.count)
        }
        return vectors.withUnsafeMutableBufferPointer { body($0) }
    }
}
#endif
