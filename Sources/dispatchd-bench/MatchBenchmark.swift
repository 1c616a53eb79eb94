import Foundation
import Rules

/// `dispatchd-bench match`: builds the generated province, times `Matcher.init`, then plans
/// every generated incident once (after a warm-up pass) with empty occupancy, as
/// `dispatchd plan` does, and prints config size, build time and per-incident latencies.
struct MatchBenchmark {
    var incidents = 10_000
    var seed: UInt64 = 20_260_701

    /// Parses `--incidents N` and `--seed N`; throws a usage message on anything else.
    init(arguments: ArraySlice<String>) throws {
        let options = try BenchArguments(arguments, command: "match", options: ["--incidents", "--seed"])
        incidents = try options.positive("--incidents", default: incidents)
        seed = try options.seed(default: seed)
    }

    func run() {
        let clock = ContinuousClock()
        let generator = ProvinceGenerator(seed: seed)
        var county: County?
        let generateTime = clock.measure { county = generator.makeCounty() }
        let province = county!
        var matcher: Matcher?
        let buildTime = clock.measure { matcher = Matcher(county: province) }
        let messages = generator.makeIncidents(incidents, in: province)

        var assignments = 0, shortfalls = 0, rules = 0
        for message in messages.prefix(1_000) { _ = matcher!.plan(for: message, occupancy: .empty) }   // warm-up
        var samples: [Double] = []
        samples.reserveCapacity(messages.count)
        let total = clock.measure {
            for message in messages {
                let start = clock.now
                let plan = matcher!.plan(for: message, occupancy: .empty)
                samples.append(microseconds(start.duration(to: clock.now)))
                assignments += plan.assignments.count
                shortfalls += plan.shortfalls.count
                rules += plan.rules.count
            }
        }
        samples.sort()
        let count = Double(messages.count)
        let rows: [(String, String)] = [
            ("areas / teams / rules / duty posts",
             "\(province.areas.count) / \(province.teams.count) / \(province.rules.count) / \(province.dutyPosts.count)"),
            ("province generation", format(milliseconds(generateTime), "ms")),
            ("matcher build", format(milliseconds(buildTime), "ms")),
            ("incidents planned", "\(messages.count)"),
            ("rules matched / assignments / shortfalls per incident",
             String(format: "%.2f / %.2f / %.2f", Double(rules) / count, Double(assignments) / count, Double(shortfalls) / count)),
            ("median per incident", format(percentile(samples, 0.50), "µs")),
            ("p99 per incident", format(percentile(samples, 0.99), "µs")),
            ("max per incident", format(samples.last ?? 0, "µs")),
            ("plans per second", String(format: "%.0f", count / (milliseconds(total) / 1000))),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        print("dispatchd-bench match (seed \(seed))")
        for (name, value) in rows { print(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value) }
    }

    private func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
    }

    private func microseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
    }

    private func milliseconds(_ duration: Duration) -> Double { microseconds(duration) / 1000 }

    private func format(_ value: Double, _ unit: String) -> String { String(format: "%.1f %@", value, unit) }
}

/// A command-line mistake: printed with the usage text, exit status 64 (EX_USAGE).
