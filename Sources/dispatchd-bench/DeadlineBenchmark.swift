import Dispatch
import Dispatcher
import Foundation
import Platform

/// `dispatchd-bench timers`: the production `DispatchDeadlineScheduler`, with the daemon's timer
/// type (`LoopTimer`), holding 1,000,000 pending escalation deadlines with realistic order ids
/// (`GM-20240906-0001-o3`, 19 bytes).
/// Reports the resident memory they add (VmRSS after minus before) and how late a sample of
/// timers coming due during the run fire (wall clock at the handler minus the deadline),
/// while the million others stay pending.
struct DeadlineBenchmark {
    var pending = 1_000_000
    var samples = 1_000
    /// The sampled timers come due spread over this many seconds.
    var window = 5.0

    struct Result {
        var pending: Int
        var residentAbove: Int
        var scheduleSeconds: Double
        var samples: Int
        var lateness: [Double]   // seconds, ascending
    }

    init(arguments: ArraySlice<String>) throws {
        let options = try BenchArguments(arguments, command: "timers", options: ["--pending", "--samples"])
        pending = try options.positive("--pending", default: pending)
        samples = try options.positive("--samples", default: samples)
    }

    func measure() -> Result {
        let queue = DispatchQueue(label: "bench.timers")
        let before = ProcessStats.residentBytes() ?? 0
        let scheduler = DispatchDeadlineScheduler<LoopTimer>(queue: queue)
        let recorder = LatenessRecorder(expected: samples)
        scheduler.setHandler { ids in recorder.fired(ids, at: Date()) }

        // The million: due over the next 1 to 9 hours, as escalation deadlines of open orders are.
        let clock = ContinuousClock()
        let scheduleStart = clock.now
        let now = Date()
        var random = SplitMix64(seed: 20_260_701)
        for index in 0..<pending {
            let incident = index / 10, order = index % 10
            let id = LoopTimer.engine(.order("GM-2024\(Self.padded(incident % 10_000))-\(Self.padded(incident / 10_000))-o\(order)"))
            scheduler.schedule(id: id, at: now.addingTimeInterval(3600 + Double(random.next() % 28_800)))
        }
        let scheduleSeconds = Stats.seconds(scheduleStart.duration(to: clock.now))
        let after = ProcessStats.residentBytes() ?? 0

        // The sample: due within the next `window` seconds, amid the million.
        let start = Date().addingTimeInterval(0.2)
        for index in 0..<samples {
            let at = start.addingTimeInterval(window * Double(random.next() % 1_000_000) / 1_000_000)
            let id = LoopTimer.engine(.order("GM-20991231-\(Self.padded(index))-o1"))
            recorder.expect(id, at: at)
            scheduler.schedule(id: id, at: at)
        }
        recorder.waitAll(timeout: window + 30)
        scheduler.invalidate()
        withExtendedLifetime(scheduler) {}
        return Result(pending: pending, residentAbove: after - before, scheduleSeconds: scheduleSeconds,
                      samples: samples, lateness: recorder.lateness.sorted())
    }

    /// `number` with leading zeros to four digits, as incident ids number their day's incidents.
    static func padded(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    func run() {
        let result = measure()
        FigureTable(title: "dispatchd-bench timers (\(result.pending) pending deadlines)", rows: Self.rows(result)).print()
    }

    static func rows(_ result: Result) -> [FigureTable.Row] {
        let p99 = Stats.percentile(result.lateness, 0.99)
        return [
            .init("pending deadlines scheduled", "\(result.pending) in \(String(format: "%.2f s", result.scheduleSeconds))"),
            .init("resident memory above idle", Stats.megabytes(result.residentAbove), target: "≤ 100 MB",
                  met: result.residentAbove <= 100 * 1_048_576),
            .init("bytes per pending deadline", "\(result.residentAbove / max(result.pending, 1))"),
            .init("sampled timers fired / scheduled", "\(result.lateness.count) / \(result.samples)"),
            .init("firing lateness p50", Stats.milliseconds(Stats.percentile(result.lateness, 0.5))),
            .init("firing lateness p99", Stats.milliseconds(p99), target: "≤ 5 ms", met: p99 <= 0.005),
            .init("firing lateness max", Stats.milliseconds(result.lateness.last ?? 0)),
        ]
    }
}

/// Collects (fired − due) for the sampled ids; other ids are ignored. Thread-safe.
final class LatenessRecorder: @unchecked Sendable {
    private let lock = NSCondition()
    private var due: [LoopTimer: Date] = [:]
    private(set) var lateness: [Double] = []
    private let expected: Int

    init(expected: Int) { self.expected = expected }

    func expect(_ id: LoopTimer, at date: Date) { lock.withLock { due[id] = date } }

    func fired(_ ids: [LoopTimer], at now: Date) {
        lock.withLock {
            for id in ids {
                if let deadline = due.removeValue(forKey: id) { lateness.append(now.timeIntervalSince(deadline)) }
            }
            if lateness.count >= expected { lock.broadcast() }
        }
    }

    func waitAll(timeout: Double) {
        let limit = Date().addingTimeInterval(timeout)
        lock.withLock {
            while lateness.count < expected, lock.wait(until: limit) {}
        }
    }
}
