import Foundation

/// A `TimerScheduling` on virtual time for tests: nothing fires until `advance(to:)` or
/// `advance(by:)`. Advancing fires each distinct due deadline in order, setting `now` to that
/// deadline before calling the handler, so timers scheduled by the handler within the advanced
/// span fire too.
public final class VirtualDeadlineScheduler<ID: Hashable & Comparable & Sendable>: TimerScheduling, @unchecked Sendable {
    // Safe: all mutable state is guarded by `lock`; the handler is called without it held.
    private let lock = NSLock()
    private var deadlines = DeadlineQueue<ID>()
    private var handler: (@Sendable ([ID]) -> Void)?
    private var currentTime: Date

    public init(now: Date) {
        self.currentTime = now
    }

    public var now: Date { lock.withLock { currentTime } }

    public func setHandler(_ handler: @escaping @Sendable ([ID]) -> Void) {
        lock.withLock { self.handler = handler }
    }

    public func schedule(id: ID, at deadline: Date) {
        lock.withLock { deadlines.schedule(id: id, at: WallNanos.from(deadline)) }
    }

    public func cancel(id: ID) {
        lock.withLock { _ = deadlines.cancel(id: id) }
    }

    public var nextDeadline: Date? {
        lock.withLock { deadlines.earliest().map(WallNanos.date) }
    }

    public var pendingCount: Int { lock.withLock { deadlines.count } }

    public func advance(by interval: TimeInterval) {
        advance(to: now.addingTimeInterval(interval))
    }

    /// Moves time forward to `target`, firing everything due on the way.
    public func advance(to target: Date) {
        let targetNanos = WallNanos.from(target)
        while true {
            let step: (ids: [ID], handler: (@Sendable ([ID]) -> Void)?)? = lock.withLock {
                guard let earliest = deadlines.earliest(), earliest <= targetNanos else {
                    return nil
                }
                let due = deadlines.popDue(upTo: earliest)
                currentTime = max(currentTime, WallNanos.date(earliest))
                return (due.map(\.id), handler)
            }
            guard let step else { break }
            step.handler?(step.ids)
        }
        lock.withLock { currentTime = max(currentTime, target) }
    }
}
