import Foundation
import Glibc

/// `dispatchd-bench daemon` (and `all`): the daemon figures of SPEC §13 with the disk's
/// group-commit limit measured in the same run, in the same work directory, and their ratio.
///
/// Every figure runs a real release `dispatchd run` (by default the `dispatchd` next to this
/// executable) as a child process, started the way systemd starts it (`NOTIFY_SOCKET`), on a
/// fresh county, spool and state inside the work directory, which is removed at the end
/// unless `--keep` is given.
struct DaemonBenchmark {
    enum Figure: String, CaseIterable { case disk, burst, quiet, restart, fault }

    var figures = Set(Figure.allCases)
    var directory: String?
    var binary: String?
    var burst = 10_000
    var diskFiles = 10_000
    var samples = 200
    var idleSeconds = 10.0
    var openOrders = 100_000
    var faultRounds = 3
    var faultSeconds = 10.0
    var keep = false

    static let options = "--only disk,burst,quiet,restart,fault, --dir DIR, --daemon PATH, --burst N, --disk-files N, "
        + "--samples N, --idle-seconds N, --open-orders N, --fault-rounds N, --fault-seconds N, --keep"

    init(arguments: ArraySlice<String>) throws {
        let options = try BenchArguments(arguments, command: "daemon", options: [
            "--only", "--dir", "--daemon", "--burst", "--disk-files", "--samples", "--idle-seconds", "--open-orders",
            "--fault-rounds", "--fault-seconds",
        ], switches: ["--keep"])
        if let only = options.string("--only") {
            figures = try Set(only.split(separator: ",").map { name in
                guard let figure = Figure(rawValue: String(name)) else {
                    throw BenchUsage("--only: unknown figure \(name) (known: disk, burst, quiet, restart, fault)")
                }
                return figure
            })
        }
        directory = options.string("--dir") ?? directory
        binary = options.string("--daemon") ?? binary
        burst = try options.positive("--burst", default: burst)
        diskFiles = try options.positive("--disk-files", default: diskFiles)
        samples = try options.positive("--samples", default: samples)
        idleSeconds = Double(try options.positive("--idle-seconds", default: Int(idleSeconds)))
        openOrders = try options.positive("--open-orders", default: openOrders)
        faultRounds = try options.positive("--fault-rounds", default: faultRounds)
        faultSeconds = Double(try options.positive("--fault-seconds", default: Int(faultSeconds)))
        keep = options.isSet("--keep")
    }

    func run() throws {
        let binary = try self.binary ?? Self.siblingDaemon()
        guard access(binary, X_OK) == 0 else {
            throw BenchFailure("no executable dispatchd at \(binary): build it with `swift build -c release --static-swift-stdlib` (as `make` does) or pass --daemon PATH")
        }
        let work = try makeWorkDirectory()
        defer { if !keep { try? FileManager.default.removeItem(atPath: work) } }
        let scenarios = DaemonScenarios(binary: binary, workDirectory: work)
        var rows: [FigureTable.Row] = [.init("work directory", work + (keep ? " (kept)" : ""))]

        var diskLimit: Double?
        if figures.contains(.disk) {
            let rate = try DiskLimit(directory: work + "/disk-limit", files: diskFiles).measure()
            diskLimit = rate.filesPerSecond
            rows.append(.init("disk group-commit limit (\(diskFiles) files, batches of 100)", String(format: "%.0f files/s", rate.filesPerSecond)))
            rows.append(.init("disk: one file written + fsync, p50 / p99 (200 alone)",
                              Stats.milliseconds(rate.loneSync.p50) + " / " + Stats.milliseconds(rate.loneSync.p99)))
        }
        if figures.contains(.burst) {
            let result = try scenarios.burst(count: burst)
            rows.append(.init("burst: \(result.incidents) incidents dropped in", String(format: "%.2f s", result.dropSeconds)))
            rows.append(.init("burst: first drop to last order durable", String(format: "%.2f s", result.seconds)))
            rows.append(.init("burst: orders durable per second", String(format: "%.0f orders/s", result.ordersPerSecond)))
            if let diskLimit {
                let ratio = result.ordersPerSecond / diskLimit
                rows.append(.init("burst: ratio to the disk limit", String(format: "%.2f", ratio), target: "≥ 0.70", met: ratio >= 0.7))
            }
        }
        if figures.contains(.quiet) {
            let result = try scenarios.quiet(idleSeconds: idleSeconds, samples: samples)
            let p50 = Stats.percentile(result.latencies, 0.5), p99 = Stats.percentile(result.latencies, 0.99)
            let cpuShare = result.idleCPUSeconds / result.idleSeconds
            rows += [
                .init("fresh start: exec to READY=1", Stats.milliseconds(result.startSeconds)),
                .init("idle: resident memory", Stats.megabytes(result.idleResident), target: "≤ 20 MB",
                      met: result.idleResident <= 20 * 1_048_576),
                .init("idle: of which private (RssAnon)", Stats.megabytes(result.idleAnonymous)),
                .init("idle: CPU time over \(Int(result.idleSeconds)) s", String(format: "%.2f s (%.2f%%)", result.idleCPUSeconds, cpuShare * 100),
                      target: "~0", met: cpuShare < 0.005),
                .init("latency: drop to order visible, p50 (\(result.latencies.count) samples)", Stats.milliseconds(p50),
                      target: "≤ 3 ms", met: p50 <= 0.003),
                .init("latency: p99", Stats.milliseconds(p99), target: "≤ 5 ms", met: p99 <= 0.005),
                .init("latency: max", Stats.milliseconds(result.latencies.last ?? 0)),
                .init("resident memory after the latency run", Stats.megabytes(result.residentAfterLatency)),
            ]
        }
        if figures.contains(.restart) {
            let result = try scenarios.restart(orders: openOrders)
            rows += [
                .init("restart: state built (incidents / open orders)",
                      "\(result.build.incidents) / \(result.build.openOrders) in \(String(format: "%.1f s", result.build.seconds))"),
                .init("restart: exec to READY=1 with \(result.build.openOrders) open orders", Stats.milliseconds(result.readySeconds),
                      target: "≤ 0.5 s", met: result.readySeconds <= 0.5),
                .init("restart: resident memory when ready", Stats.megabytes(result.resident)),
            ]
        }
        if figures.contains(.fault) {
            let result = try scenarios.faultEnd(rounds: faultRounds, waiting: 20, faultSeconds: faultSeconds)
            let worst = result.seconds.last ?? 0
            rows.append(.init("fault ends (.staging/ back after \(Int(result.faultSeconds)) s): \(result.waiting) waiting orders out, worst of \(result.seconds.count)",
                              result.seconds.map(Stats.milliseconds).joined(separator: " / "), target: "≤ 1 s", met: worst <= 1))
        }
        FigureTable(title: "dispatchd-bench daemon (\(binary))", rows: rows).print()
    }

    private func makeWorkDirectory() throws -> String {
        if let directory {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            return directory
        }
        var template = Array("/tmp/dispatchd-bench.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw BenchFailure.errno("mkdtemp", "/tmp/dispatchd-bench.XXXXXX") }
        return String(cString: made)
    }

    /// `dispatchd` in the directory of this executable (`.build/release/` after `swift build -c release`).
    static func siblingDaemon() throws -> String {
        let own = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        return URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent("dispatchd").path
    }
}
