import Foundation
import Glibc

/// The daemon figures of SPEC §13, each on a real `dispatchd run` child process with its own
/// fresh spool and state (a `BenchCounty` in its own directory).
struct DaemonScenarios {
    let binary: String
    let workDirectory: String

    /// A fresh county directory `workDirectory/name` with the config written.
    func county(_ name: String) throws -> BenchCounty {
        let county = BenchCounty(directory: workDirectory + "/" + name)
        try county.write()
        return county
    }

    struct Burst {
        var incidents: Int
        var dropSeconds: Double
        var seconds: Double
        var ordersPerSecond: Double { Double(incidents) / seconds }
    }

    /// Writes `count` incident files under `incoming/.tmp/` first, then renames them all into
    /// `incoming/` at once and times from the first rename until `outgoing/` holds `count`
    /// order files (polled every 10 ms; each incident causes exactly one order).
    func burst(count: Int) throws -> Burst {
        let county = try county("burst")
        let daemon = try DaemonProcess(binary: binary, county: county, label: "burst")
        let result = try burst(count: count, county: county, daemon: daemon)
        try daemon.stop()
        return result
    }

    /// The burst on a county and daemon already running (the console benchmark runs it with
    /// viewers attached); `tick` is called at each 10 ms poll while the orders come out.
    func burst(count: Int, county: BenchCounty, daemon: DaemonProcess, tick: () -> Void = {}) throws -> Burst {
        let sent = Date()
        var names: [String] = []
        for index in 0..<count {
            let name = String(format: "burst-%05d.json", index)
            try SpoolDrop.write(BenchCounty.incident(id: "GM-BURST-\(index)", kind: "storm",
                                                     area: BenchCounty.village(index), sent: sent),
                                to: county.incomingStaging, name: name)
            names.append(name)
        }
        let clock = ContinuousClock()
        let start = clock.now
        for name in names { try SpoolDrop.rename(name, from: county.incomingStaging, to: county.incoming) }
        let dropped = clock.now
        let deadline = start.advanced(by: .seconds(600))
        var published = 0
        while published < count {
            guard clock.now < deadline, daemon.process.isRunning else {
                throw BenchFailure("burst: only \(published) of \(count) orders published; see \(daemon.logPath)")
            }
            usleep(10_000)
            tick()
            published = try SpoolDrop.orderFiles(in: county.outgoing)
        }
        let done = clock.now
        return Burst(incidents: count, dropSeconds: Stats.seconds(start.duration(to: dropped)),
                     seconds: Stats.seconds(start.duration(to: done)))
    }

    struct Quiet {
        var startSeconds: Double
        var idleResident: Int
        /// The private part of it (`RssAnon`); the rest is shared library pages.
        var idleAnonymous: Int
        var idleCPUSeconds: Double
        var idleSeconds: Double
        var latencies: [Double]   // ascending, seconds
        var residentAfterLatency: Int
    }

    /// One fresh daemon: idle figures first (resident memory after start-up settles, CPU time
    /// over `idleSeconds` with nothing to do), then `samples` single incidents, each renamed
    /// into `incoming/` only after the previous order was seen, timed from the rename to the
    /// inotify event of the order file in `outgoing/`.
    func quiet(idleSeconds: Double, samples: Int) throws -> Quiet {
        let county = try county("quiet")
        let daemon = try DaemonProcess(binary: binary, county: county, label: "quiet")
        usleep(500_000)
        let cpuBefore = ProcessStats.cpuSeconds(pid: daemon.pid) ?? 0
        Thread.sleep(forTimeInterval: idleSeconds)
        let cpuAfter = ProcessStats.cpuSeconds(pid: daemon.pid) ?? 0
        let idleResident = ProcessStats.residentBytes(pid: daemon.pid) ?? 0
        let idleAnonymous = ProcessStats.residentBytes(pid: daemon.pid, field: "RssAnon") ?? 0

        let watch = try OutgoingWatch(directory: county.outgoing)
        let clock = ContinuousClock()
        var latencies: [Double] = []
        for index in 0..<samples {
            let name = String(format: "latency-%04d.json", index)
            try SpoolDrop.write(BenchCounty.incident(id: "GM-LATENCY-\(index)", kind: "storm",
                                                     area: BenchCounty.village(index), sent: Date()),
                                to: county.incomingStaging, name: name)
            let start = clock.now
            try SpoolDrop.rename(name, from: county.incomingStaging, to: county.incoming)
            guard let seen = watch.waitForOrder(until: start.advanced(by: .seconds(10))) else {
                throw BenchFailure("latency: no order within 10 s of dropping \(name); see \(daemon.logPath)")
            }
            latencies.append(Stats.seconds(start.duration(to: seen)))
            usleep(20_000)   // let the daemon file the input away and go idle again
        }
        let residentAfter = ProcessStats.residentBytes(pid: daemon.pid) ?? 0
        try daemon.stop()
        return Quiet(startSeconds: Stats.seconds(daemon.startToReady), idleResident: idleResident, idleAnonymous: idleAnonymous,
                     idleCPUSeconds: cpuAfter - cpuBefore, idleSeconds: idleSeconds,
                     latencies: latencies.sorted(), residentAfterLatency: residentAfter)
    }

    struct Restart {
        var build: OpenOrdersBuilder.Result
        var readySeconds: Double
        var resident: Int
    }

    /// Builds a state with `orders` open orders, then times a daemon from `exec` to `READY=1`.
    func restart(orders: Int) throws -> Restart {
        let county = try county("restart")
        let build = try OpenOrdersBuilder(county: county, orders: orders).build()
        let daemon = try DaemonProcess(binary: binary, county: county, label: "restart")
        let resident = ProcessStats.residentBytes(pid: daemon.pid) ?? 0
        try daemon.stop()
        return Restart(build: build, readySeconds: Stats.seconds(daemon.startToReady), resident: resident)
    }
}
