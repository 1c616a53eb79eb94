import Foundation
import Testing
@testable import Platform

@Suite struct VirtualDeadlineSchedulerTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func make() -> (VirtualDeadlineScheduler<String>, Recorder<[String]>) {
        let scheduler = VirtualDeadlineScheduler<String>(now: start)
        let fired = Recorder<[String]>()
        scheduler.setHandler { fired.append($0) }
        return (scheduler, fired)
    }

    @Test func firesInDeadlineOrderWithTiesById() {
        let (scheduler, fired) = make()
        scheduler.schedule(id: "c", at: start + 30)
        scheduler.schedule(id: "b", at: start + 10)
        scheduler.schedule(id: "z", at: start + 20)
        scheduler.schedule(id: "a", at: start + 20)
        #expect(scheduler.nextDeadline == start + 10)
        scheduler.advance(by: 9.999)
        #expect(fired.values.isEmpty)
        scheduler.advance(to: start + 25)
        #expect(fired.values == [["b"], ["a", "z"]])
        #expect(scheduler.now == start + 25)
        #expect(scheduler.pendingCount == 1)
        scheduler.advance(by: 100)
        #expect(fired.values == [["b"], ["a", "z"], ["c"]])
        #expect(scheduler.nextDeadline == nil)
    }

    @Test func cancelRemovesAndRescheduleReplaces() {
        let (scheduler, fired) = make()
        scheduler.schedule(id: "x", at: start + 5)
        scheduler.schedule(id: "y", at: start + 6)
        scheduler.cancel(id: "x")
        scheduler.cancel(id: "unknown")
        #expect(scheduler.nextDeadline == start + 6)
        scheduler.schedule(id: "y", at: start + 50)  // re-arm later
        #expect(scheduler.nextDeadline == start + 50)
        scheduler.schedule(id: "x", at: start + 5)  // back after cancel, same deadline
        scheduler.advance(by: 60)
        #expect(fired.values == [["x"], ["y"]])
        #expect(scheduler.pendingCount == 0)
    }

    @Test func handlerCanScheduleWithinTheAdvancedSpan() {
        let scheduler = VirtualDeadlineScheduler<String>(now: start)
        let fired = Recorder<String>()
        let base = start
        scheduler.setHandler { [unowned scheduler] ids in
            for id in ids {
                fired.append(id)
                if id == "step1" { scheduler.schedule(id: "step2", at: base + 20) }
            }
        }
        scheduler.schedule(id: "step1", at: start + 10)
        scheduler.advance(by: 30)
        #expect(fired.values == ["step1", "step2"])
    }

    @Test func manyDeadlinesComeOutSortedAfterHeavyChurn() {
        var queue = DeadlineQueue<String>()
        var expected: [String: Int64] = [:]
        var generator = SystemRandomNumberGenerator()
        for index in 0..<20_000 {
            let id = "order-\(index % 5_000)"
            if index % 7 == 0 {
                queue.cancel(id: id)
                expected[id] = nil
            } else {
                let deadline = Int64.random(in: 0..<1_000, using: &generator)
                queue.schedule(id: id, at: deadline)
                expected[id] = deadline
            }
        }
        #expect(queue.count == expected.count)
        let due = queue.popDue(upTo: .max)
        let sorted = expected.map { (id: $0.key, deadline: $0.value) }
            .sorted { $0.deadline != $1.deadline ? $0.deadline < $1.deadline : $0.id < $1.id }
        #expect(due.map(\.id) == sorted.map(\.id))
        #expect(due.map(\.deadline) == sorted.map(\.deadline))
        #expect(queue.count == 0)
    }

    @Test func aBatchScheduledAtOnceEqualsTheSameOneByOne() {
        var single = DeadlineQueue<String>(), batch = DeadlineQueue<String>()
        single.schedule(id: "kept", at: 5)
        batch.schedule(id: "kept", at: 5)
        let items = (0..<500).map { (id: "id\($0 % 300)", deadline: Int64(($0 * 7919) % 1000)) }
        for item in items { single.schedule(id: item.id, at: item.deadline) }
        batch.schedule(items)
        #expect(single.count == 301 && batch.count == 301)
        #expect(single.popDue(upTo: .max).map(\.id) == batch.popDue(upTo: .max).map(\.id))
    }
}
