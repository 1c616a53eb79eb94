import Foundation

/// The escalation timer engine's interface (STYLE.md "Escalation timers"): absolute deadlines
/// named by a typed `ID` (the daemon's own timers apart from the engine's, an integer where one
/// will do); when some are due the handler receives their ids, in deadline order (ties by id),
/// each exactly once. Rescheduling an id replaces its deadline; cancelling an unknown id is a
/// no-op. Implementations: `DispatchDeadlineScheduler` (real wall clock) and
/// `VirtualDeadlineScheduler` (tests).
public protocol TimerScheduling<ID>: AnyObject, Sendable {
    associatedtype ID: Hashable & Comparable & Sendable
    /// Sets the handler for due ids. Set it before scheduling anything.
    func setHandler(_ handler: @escaping @Sendable (_ dueIDs: [ID]) -> Void)
    func schedule(id: ID, at deadline: Date)
    func cancel(id: ID)
    /// The earliest pending deadline, or nil when nothing is pending.
    var nextDeadline: Date? { get }
    var pendingCount: Int { get }
}

/// Conversions between `Date` and the queue's nanosecond deadlines.
@usableFromInline
enum WallNanos {
    @inlinable
    static func from(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000_000).rounded())
    }

    static func date(_ nanos: Int64) -> Date {
        Date(timeIntervalSince1970: Double(nanos) / 1_000_000_000)
    }
}
