import Dispatch
import Foundation
import Glibc
import Synchronization

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
///   firing time (by the injected `now`, the daemon's clock) in (deadline, id) order; each id
///   is delivered at most once per schedule.
/// - Scales to millions of pending ids: no per-id Dispatch source (see `DeadlineQueue` for
///   the memory per id).
public final class DispatchDeadlineScheduler<ID: Hashable & Comparable & Sendable>: TimerScheduling, @unchecked Sendable {
    // `@unchecked` only for `timer` (`DispatchSourceTimer` is not marked `Sendable`; its
    // methods are thread-safe); every mutable field is inside `state`.
    // `@usableFromInline`/`@inlinable`: the client's id type is specialized in (see `DeadlineQueue`).
    @usableFromInline
    struct State {
        @usableFromInline var deadlines = DeadlineQueue<ID>()
        @usableFromInline var armedFor: Int64?
        @usableFromInline var handler: (@Sendable ([ID]) -> Void)?
        @usableFromInline init() {}
    }

    @usableFromInline let state = Mutex(State())
    @usableFromInline let timer: DispatchSourceTimer
    @usableFromInline let leeway: DispatchTimeInterval
    private let now: @Sendable () -> Date

    /// - Parameters:
    ///   - queue: where the handler is called.
    ///   - leeway: how late the system may fire to coalesce wake-ups (default 1 ms).
    ///   - now: the clock that decides what is due when the timer fires (the daemon's).
    public init(queue: DispatchQueue, leeway: DispatchTimeInterval = .milliseconds(1),
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.timer = DispatchSource.makeTimerSource(queue: queue)
        self.leeway = leeway
        self.now = now
        timer.setEventHandler { [weak self] in self?.fire() }
        timer.schedule(wallDeadline: .distantFuture, leeway: leeway)
        timer.resume()
    }

    deinit {
        timer.cancel()
    }

    public func setHandler(_ handler: @escaping @Sendable ([ID]) -> Void) {
        state.withLock { $0.handler = handler }
    }

    @inlinable
    public func schedule(id: ID, at deadline: Date) {
        state.withLock { state in
            state.deadlines.schedule(id: id, at: WallNanos.from(deadline))
            rearmIfNeeded(&state)
        }
    }

    /// Adds many deadlines at once (start-up re-arming every pending timer).
    @inlinable
    public func schedule(_ batch: [(id: ID, at: Date)]) {
        state.withLock { state in
            state.deadlines.schedule(batch.lazy.map { (id: $0.id, deadline: WallNanos.from($0.at)) })
            rearmIfNeeded(&state)
        }
    }

    @inlinable
    public func cancel(id: ID) {
        state.withLock { state in
            if state.deadlines.cancel(id: id) { rearmIfNeeded(&state) }
        }
    }

    public var nextDeadline: Date? {
        state.withLock { $0.deadlines.earliest().map(WallNanos.date) }
    }

    public var pendingCount: Int { state.withLock { $0.deadlines.count } }

    /// Stops the timer for good; nothing fires afterwards.
    public func invalidate() {
        timer.cancel()
    }

    private func fire() {
        let now = WallNanos.from(self.now())
        let (due, handler): ([ID], (@Sendable ([ID]) -> Void)?) = state.withLock { state in
            state.armedFor = nil
            let due = state.deadlines.popDue(upTo: now)
            rearmIfNeeded(&state)
            return (due.map(\.id), state.handler)
        }
        if !due.isEmpty { handler?(due) }
    }

    /// Call inside `state.withLock`.
    @usableFromInline
    func rearmIfNeeded(_ state: inout State) {
        let earliest = state.deadlines.earliest()
        guard earliest != state.armedFor else { return }
        state.armedFor = earliest
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
