import Foundation

/// The timing of one escalation chain (SPEC §7), as pure arithmetic on absolute times.
///
/// A chain starts at S: issue + `ack_within` for the accept, accept + `arrive_within` for the
/// arrival. Step k fires at S + (`after`ₖ − `ack_within`); the chain is exhausted at
/// S + `after` of the last step (at S when the rule has no steps).
struct EscalationTimeline: Sendable, Equatable {
    var start: Date
    var ackWithin: Int
    var stepAfters: [Int]

    /// When step `k` (1-based) fires.
    func fireTime(ofStep k: Int) -> Date {
        start.addingTimeInterval(TimeInterval(stepAfters[k - 1] - ackWithin))
    }

    var exhaustionTime: Date {
        start.addingTimeInterval(TimeInterval(stepAfters.last ?? 0))
    }

    /// The next deadline after `fired` steps have fired: the next step, else exhaustion.
    func nextDeadline(afterFiring fired: Int) -> Date {
        fired < stepAfters.count ? fireTime(ofStep: fired + 1) : exhaustionTime
    }

    /// What is due at `now` when `fired` steps have already fired: only the latest due event
    /// fires; the steps passed over are named so they can be logged as skipped.
    enum Due: Equatable {
        case nothing
        case step(Int, skipped: [Int], dueAt: Date)
        case exhausted(skipped: [Int], dueAt: Date)
    }

    func due(at now: Date, fired: Int) -> Due {
        if exhaustionTime <= now {
            return .exhausted(skipped: Array(stride(from: fired + 1, through: stepAfters.count, by: 1)), dueAt: exhaustionTime)
        }
        var latest: Int?
        var k = fired + 1
        while k <= stepAfters.count, fireTime(ofStep: k) <= now {
            latest = k
            k += 1
        }
        guard let latest else { return .nothing }
        return .step(latest, skipped: Array(stride(from: fired + 1, to: latest, by: 1)), dueAt: fireTime(ofStep: latest))
    }
}
