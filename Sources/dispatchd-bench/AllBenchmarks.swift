import Foundation

/// `dispatchd-bench all`: the timer figures first (while this process is still small, so the
/// memory delta is the scheduler's), then every daemon figure. Matching has its own command
/// (`match`), whose province generation would otherwise dominate the run.
struct AllBenchmarks {
    let daemon: DaemonBenchmark

    init(arguments: ArraySlice<String>) throws {
        daemon = try DaemonBenchmark(arguments: arguments)
    }

    func run() throws {
        let start = Date()
        print("dispatchd-bench all, \(BenchCounty.rfc3339(start)), \(ProcessInfo.processInfo.activeProcessorCount) CPUs, "
              + "load average \(Self.loadAverage())")
        try DeadlineBenchmark(arguments: []).run()
        print("")
        try daemon.run()
        print(String(format: "\ntotal %.0f s", Date().timeIntervalSince(start)))
    }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
    }
}
