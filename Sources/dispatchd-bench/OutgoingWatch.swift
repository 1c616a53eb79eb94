import Foundation
import Glibc

/// Watches `outgoing/` with inotify for order files renamed in (`IN_MOVED_TO`), blocking in
/// `poll(2)`, so the moment an order becomes visible is observed within microseconds.
final class OutgoingWatch {
    private let fd: Int32
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    init(directory: String) throws {
        fd = inotify_init1(Int32(IN_CLOEXEC) | Int32(IN_NONBLOCK))
        guard fd >= 0 else { throw BenchFailure.errno("inotify_init1", directory) }
        guard inotify_add_watch(fd, directory, UInt32(IN_MOVED_TO)) >= 0 else {
            throw BenchFailure.errno("inotify_add_watch", directory)
        }
    }

    deinit { close(fd) }

    /// Waits until an order file appears, or `deadline`; returns the instant it was seen.
    func waitForOrder(until deadline: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        let clock = ContinuousClock()
        while clock.now < deadline {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let left = Int32(max(1, Stats.seconds(clock.now.duration(to: deadline)) * 1000))
            guard poll(&poller, 1, left) > 0 else { continue }
            let seen = clock.now
            if drainSawOrder() { return seen }
        }
        return nil
    }

    /// Reads every queued event; whether one was an order file.
    private func drainSawOrder() -> Bool {
        var sawOrder = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { return sawOrder }
            buffer.withUnsafeBytes { raw in
                var offset = 0
                let header = MemoryLayout<inotify_event>.size
                while offset + header <= count {
                    let length = Int(raw.load(fromByteOffset: offset + 12, as: UInt32.self))
                    let name = raw[(offset + header)..<(offset + header + length)].prefix { $0 != 0 }
                    if String(decoding: name, as: UTF8.self).contains("-order-") { sawOrder = true }
                    offset += header + length
                }
            }
        }
    }
}
