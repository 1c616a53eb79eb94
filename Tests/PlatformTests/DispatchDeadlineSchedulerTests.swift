import Dispatch
import Foundation
import Testing
@testable import Platform

@Suite struct DispatchDeadlineSchedulerTests {
    struct Firing: Sendable {
        let id: String
        let latenessMs: Double
    }

    /// Real `DispatchSourceTimer` deadlines ~100 ms apart: fired in order and < 50 ms late.
    @Test func firesRealDeadlinesInOrderAndOnTime() async {
        let scheduler = DispatchDeadlineScheduler<String>(queue: DispatchQueue(label: "test.timers"))
        defer { scheduler.invalidate() }
        let firings = Recorder<Firing>()
        let origin = Date()
        let deadlines = ["third": origin + 0.3, "first": origin + 0.1, "second": origin + 0.2,
                         "cancelled": origin + 0.15]
        scheduler.setHandler { ids in
            let now = Date()
            for id in ids {
                let late = now.timeIntervalSince(deadlines[id] ?? now) * 1000
                firings.append(Firing(id: id, latenessMs: late))
            }
        }
        for id in ["third", "first", "second", "cancelled"] {
            scheduler.schedule(id: id, at: deadlines[id]!)
        }
        scheduler.cancel(id: "cancelled")
        #expect(scheduler.nextDeadline.map { abs($0.timeIntervalSince(origin + 0.1)) < 0.001 } == true)

        #expect(await eventually(timeout: .seconds(3)) { firings.values.count >= 3 })
        let fired = firings.values
        #expect(fired.map(\.id) == ["first", "second", "third"])
        for firing in fired {
            #expect(firing.latenessMs >= -1, "\(firing.id) fired early: \(firing.latenessMs) ms")
            #expect(firing.latenessMs < 50, "\(firing.id) fired \(firing.latenessMs) ms late")
        }
        #expect(scheduler.pendingCount == 0)
    }

    @Test func rearmsForEarlierDeadlinesAndFiresTiesInIdOrder() async {
        let scheduler = DispatchDeadlineScheduler<String>(queue: DispatchQueue(label: "test.timers2"))
        defer { scheduler.invalidate() }
        let fired = Recorder<[String]>()
        scheduler.setHandler { fired.append($0) }
        let later = Date() + 60
        scheduler.schedule(id: "later", at: later)
        let tie = Date() + 0.1  // earlier than "later": the timer is re-armed for it
        scheduler.schedule(id: "tied-b", at: tie)
        scheduler.schedule(id: "tied-a", at: tie)
        #expect(await eventually { !fired.values.isEmpty })
        #expect(fired.values == [["tied-a", "tied-b"]])
        // A deadline already past (restart, forward clock jump) fires at once.
        scheduler.schedule(id: "overdue", at: Date() - 5)
        #expect(await eventually { fired.values.count == 2 })
        #expect(fired.values.last == ["overdue"])
        #expect(scheduler.pendingCount == 1)
        #expect(scheduler.nextDeadline.map { abs($0.timeIntervalSince(later)) < 0.001 } == true, "still armed for the later one")
    }
}
