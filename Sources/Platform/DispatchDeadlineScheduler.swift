import Dispatch
import Foundation
import Glibc

/// The production `TimerScheduling`: all pending deadlines in one `DeadlineQueue` (a min-heap)
/// and ONE `DispatchSourceTimer` armed with `.schedule(wallDeadline:)` for the earliest.
///
/// Invariants:
/// - The timer is armed for `deadlines.earliest()` (or disarmed when empty) after every
///   schedule, cancel and firing; it is re-armed only when that earliest deadline changes.
/// - Wall-clock deadlines: libdispatch arms wall timers on CLOCK_REALTIME with absolute
///   expiry, so a forward clock jump fires what became due at once; a firing that finds
///   nothing due (backward jump, early wake-up) simply re-arms.
/// - The handler runs on the caller's queue, without the lock held, with the ids due at the
///   firing time in (deadline, id) order; each id is delivered at most once per schedule.
/// - Scales to millions of pending ids: no per-id Dispatch source (see `DeadlineQueue` for
///   the memory per id).
public final class DispatchDeadlineScheduler: TimerScheduling, @unchecked Sendable {
    // Safe: mutable state is guarded by `lock`; the timer source itself is thread-safe.
    private let lock = NSLock()
    private var deadlines = DeadlineQueue()
    private var armedFor: Int64?
    private var handler: (@Sendable ([String]) -> Void)?
    private let timer: DispatchSourceTimer
    private let leeway: DispatchTimeInterval

    /// - Parameters:
    ///   - queue: where the handler is called.
    ///   - leeway: how late the system may fire to coalesce wake-ups (default 1 ms).
    public init(queue: DispatchQueue, leeway: DispatchTimeInterval = .milliseconds(1)) {
        self.timer = DispatchSource.makeTimerSource(queue: queue)
        self.leeway = leeway
        timer.setEventHandler { [weak self] in self?.fire() }
        timer.schedule(wallDeadline: .distantFuture, leeway: leeway)
        timer.resume()
    }

    deinit {
        timer.cancel()
    }

    public func setHandler(_ handler: @escaping @Sendable ([String]) -> Void) {
        lock.withLock { self.handler = handler }
    }

    public func schedule(id: String, at deadline: Date) {
        lock.withLock {
            deadlines.schedule(id: id, at: WallNanos.from(deadline))
            rearmIfNeeded()
        }
    }

    public func cancel(id: String) {
        lock.withLock {
            if deadlines.cancel(id: id) { rearmIfNeeded() }
        }
    }

    public var nextDeadline: Date? {
        lock.withLock { deadlines.earliest().map(WallNanos.date) }
    }

    public var pendingCount: Int { lock.withLock { deadlines.count } }

    /// Stops the timer for good; nothing fires afterwards.
    public func invalidate() {
        timer.cancel()
    }

    private func fire() {
        let (due, handler): ([String], (@Sendable ([String]) -> Void)?) = lock.withLock {
            armedFor = nil
            let due = deadlines.popDue(upTo: WallNanos.from(Date()))
            rearmIfNeeded()
            return (due.map(\.id), self.handler)
        }
        if !due.isEmpty { handler?(due) }
    }

    /// Call with `lock` held.
    private func rearmIfNeeded() {
        let earliest = deadlines.earliest()
        guard earliest != armedFor else { return }
        armedFor = earliest
        guard let earliest else {
            timer.schedule(wallDeadline: .distantFuture, leeway: leeway)
            return
        }
        let (seconds, nanos) = earliest.quotientAndRemainder(dividingBy: 1_000_000_000)
        let wall = DispatchWallTime(
            timespec: timespec(tv_sec: Int(seconds), tv_nsec: Int(nanos)))
        timer.schedule(wallDeadline: wall, leeway: leeway)
    }
}
