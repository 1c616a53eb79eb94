import Foundation
import Glibc

/// The receiving end of the sd_notify protocol, as systemd has it: an `AF_UNIX` datagram
/// socket bound at a path, whose name is passed to the daemon as `NOTIFY_SOCKET`.
final class NotifySocket {
    let path: String
    private let fd: Int32

    init(path: String) throws {
        self.path = path
        unlink(path)
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw BenchFailure.errno("socket(AF_UNIX)", path) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw BenchFailure("notify socket path too long (\(bytes.count) bytes): \(path); use a shorter --dir")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else { throw BenchFailure.errno("bind", path) }
    }

    deinit {
        close(fd)
        unlink(path)
    }

    /// Waits for a datagram containing the line `state` (e.g. `READY=1`) until `deadline`;
    /// returns when it arrived, or nil on timeout. Other datagrams (STATUS=…) are skipped.
    func wait(for state: String, until deadline: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        let clock = ContinuousClock()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while clock.now < deadline {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let left = Int32(max(1, Stats.seconds(clock.now.duration(to: deadline)) * 1000))
            guard poll(&poller, 1, left) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            let arrived = clock.now
            guard count > 0 else { continue }
            let text = String(decoding: buffer[..<count], as: UTF8.self)
            if text.split(separator: "\n").contains(where: { $0 == state }) { return arrived }
        }
        return nil
    }
}
