import Foundation

/// A thread-safe monotonically increasing counter.
final class AtomicCounter: @unchecked Sendable {
    // Safe: `count` is only touched while holding `lock`.
    private let lock = NSLock()
    private var count: UInt64 = 0

    func increment() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
    }
}
