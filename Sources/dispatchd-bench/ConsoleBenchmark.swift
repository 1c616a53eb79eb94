import Foundation
import Glibc
import Synchronization

/// `dispatchd-bench console` (issue 11): the duty-room console under load, on real release
/// `dispatchd run` and `dispatchd-console` child processes.
///
/// 1. The burst (`DaemonScenarios.burst`) without viewers: the baseline.
/// 2. A fresh county with the console on it, `--clients` open `/events` streams (server-sent
///    events) and a board request every 1/`--board-rate` s: first `--samples` single
///    incidents on the quiet county, each timed from its drop to its id in every stream's
///    next board (drop to board: an upper bound of commit to board); then the same burst,
///    the daemon's figure against the baseline (target: within 5%), the console's resident
///    memory idle and at its peak under load, and board request times.
struct ConsoleBenchmark {
    var binary: String?
    var consoleBinary: String?
    var burst = 10_000
    var clients = 50
    var boardRate = 20
    var samples = 20
    var keep = false

    static let options = "--burst N, --clients N, --board-rate N, --samples N, --daemon PATH, --console PATH, --keep"
    static let password = "bench-password-1"

    init(arguments: ArraySlice<String>) throws {
        let options = try BenchArguments(arguments, command: "console", options: [
            "--burst", "--clients", "--board-rate", "--samples", "--daemon", "--console",
        ], switches: ["--keep"])
        binary = options.string("--daemon")
        consoleBinary = options.string("--console")
        burst = try options.positive("--burst", default: burst)
        clients = try options.positive("--clients", default: clients)
        boardRate = try options.positive("--board-rate", default: boardRate)
        samples = try options.positive("--samples", default: samples)
        keep = options.isSet("--keep")
    }

    func run() throws {
        let binary = try self.binary ?? DaemonBenchmark.siblingDaemon()
        let console = consoleBinary ?? URL(fileURLWithPath: binary).deletingLastPathComponent().appendingPathComponent("dispatchd-console").path
        for path in [binary, console] where access(path, X_OK) != 0 {
            throw BenchFailure("no executable at \(path): build with `swift build -c release --static-swift-stdlib` (as `make` does)")
        }
        var template = Array("/tmp/dispatchd-bench-console.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw BenchFailure.errno("mkdtemp", "/tmp") }
        let work = String(cString: made)
        defer { if !keep { try? FileManager.default.removeItem(atPath: work) } }
        let scenarios = DaemonScenarios(binary: binary, workDirectory: work)

        let baseline = try scenarios.burst(count: burst)

        let county = try scenarios.county("viewers")
        let port = try Self.freePort()
        try Self.addConsole(to: county, port: port, console: console)
        let daemon = try DaemonProcess(binary: binary, county: county, label: "viewers")
        let server = try Self.startConsole(console, county: county, port: port)
        defer { if server.isRunning { server.terminate(); server.waitUntilExit() } }
        var http = BenchHTTP(port: port)
        try http.login("bench", password: Self.password)
        let idle = ProcessStats.residentBytes(pid: server.processIdentifier) ?? 0
        let streams = try (0..<clients).map { _ in try EventStreamReader(http: http) }
        defer { streams.forEach { $0.close() } }
        Thread.sleep(forTimeInterval: 1)

        // Drop to board on the quiet county, every stream.
        var latencies: [Double] = []
        for sample in 0..<samples {
            let id = "GM-LAT-\(sample)"
            streams.forEach { $0.watch(id) }
            let name = "lat-\(sample).json"
            try SpoolDrop.write(BenchCounty.incident(id: id, kind: "storm", area: BenchCounty.village(sample), sent: Date()),
                                to: county.incomingStaging, name: name)
            let dropped = ContinuousClock.now
            try SpoolDrop.rename(name, from: county.incomingStaging, to: county.incoming)
            let deadline = dropped.advanced(by: .seconds(10))
            while ContinuousClock.now < deadline, streams.contains(where: { $0.firstSeen(id) == nil }) { usleep(2_000) }
            latencies += streams.compactMap { $0.firstSeen(id).map { Stats.seconds(dropped.duration(to: $0)) } }
            Thread.sleep(forTimeInterval: 0.3)
        }
        latencies.sort()
        let missed = samples * clients - latencies.count

        // The burst with viewers and board requests.
        let boards = BoardRequests(http: http, rate: boardRate)
        boards.start()
        var peak = idle
        let withViewers = try scenarios.burst(count: burst, county: county, daemon: daemon) {
            peak = max(peak, ProcessStats.residentBytes(pid: server.processIdentifier) ?? 0)
        }
        let (times, boardsMissed) = boards.stop()
        let events = streams.map(\.events).reduce(0, +)
        server.terminate(); server.waitUntilExit()
        try daemon.stop()

        let change = (withViewers.ordersPerSecond - baseline.ordersPerSecond) / baseline.ordersPerSecond
        FigureTable(title: "dispatchd-bench console (\(console))", rows: [
            .init("burst without viewers: orders durable per second", String(format: "%.0f orders/s", baseline.ordersPerSecond)),
            .init("burst with \(clients) SSE clients and \(boardRate) boards/s", String(format: "%.0f orders/s", withViewers.ordersPerSecond)),
            .init("burst: change with viewers", String(format: "%+.1f%%", change * 100), target: "within 5%", met: change >= -0.05),
            .init("drop to board, p50 (\(latencies.count) = \(samples) incidents x \(clients) streams)", Stats.milliseconds(Stats.percentile(latencies, 0.5))),
            .init("drop to board, p99", Stats.milliseconds(Stats.percentile(latencies, 0.99)), target: "≤ 1 s",
                  met: missed == 0 && Stats.percentile(latencies, 0.99) <= 1),
            .init("drop to board: not seen within 10 s", "\(missed)"),
            .init("board events received during the burst (all streams)", "\(events)"),
            .init("board requests answered during the burst (p50 / p99 / max)", "\(times.count): " + [0.5, 0.99, 1].map { Stats.milliseconds(Stats.percentile(times, $0)) }.joined(separator: " / ")),
            .init("board requests skipped (\(boards.inFlight) in flight) or failed", "\(boardsMissed)"),
            .init("console resident memory idle (logged in, no streams)", Stats.megabytes(idle)),
            .init("console resident memory, peak under load", Stats.megabytes(peak)),
        ]).print()
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw BenchFailure.errno("bind", "127.0.0.1:0") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The `console:` key in the county's main file and a users file with one viewer whose
    /// password `dispatchd-console passwd` sets (bcrypt, as an administrator would).
    static func addConsole(to county: BenchCounty, port: Int, console: String) throws {
        let main = try String(contentsOfFile: county.configPath, encoding: .utf8)
        try (main + "console:\n  listen: 127.0.0.1:\(port)\n  users: console-users.yaml\n")
            .write(toFile: county.configPath, atomically: true, encoding: .utf8)
        let users = URL(fileURLWithPath: county.configPath).deletingLastPathComponent().appendingPathComponent("console-users.yaml").path
        try "- login: bench\n  name: 基准查看\n  role: viewer\n  password_hash: \"\"\n".write(toFile: users, atomically: true, encoding: .utf8)
        let passwd = Process()
        passwd.executableURL = URL(fileURLWithPath: console)
        passwd.arguments = ["passwd", "bench", "--config", county.configPath]
        let input = Pipe()
        passwd.standardInput = input
        passwd.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        try passwd.run()
        input.fileHandleForWriting.write(Data((password + "\n").utf8))
        try input.fileHandleForWriting.close()
        passwd.waitUntilExit()
        guard passwd.terminationStatus == 0 else { throw BenchFailure("dispatchd-console passwd failed (\(passwd.terminationStatus))") }
    }

    static func startConsole(_ console: String, county: BenchCounty, port: Int) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: console)
        process.arguments = ["--config", county.configPath]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        _ = FileManager.default.createFile(atPath: county.directory + "/console.log", contents: nil)
        process.standardError = FileHandle(forWritingAtPath: county.directory + "/console.log")
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let fd = try? BenchHTTP.connect(port: port) { close(fd); return process }
            usleep(20_000)
        }
        process.terminate()
        throw BenchFailure("dispatchd-console did not listen on \(port) within 30 s; see \(county.directory)/console.log")
    }
}

/// Board requests (`GET /`) at a fixed rate, each on a thread of the global queue, at most
/// `inFlight` at once (a tick that finds them all busy counts as skipped); `stop` returns each
/// answered request's time in seconds, ascending, and the count skipped or failed.
final class BoardRequests: Sendable {
    let http: BenchHTTP
    let rate: Int
    let inFlight = 20
    let times = Mutex<[Double]>([])
    let missed = Mutex(0)
    let running = Mutex(true)

    init(http: BenchHTTP, rate: Int) {
        self.http = http
        self.rate = rate
    }

    func start() {
        let slots = DispatchSemaphore(value: inFlight)
        Thread.detachNewThread { [self] in
            let interval = 1.0 / Double(rate)
            var next = Date()
            while running.withLock({ $0 }) {
                if slots.wait(timeout: .now()) == .success {
                    DispatchQueue.global().async { [self] in
                        defer { slots.signal() }
                        let start = ContinuousClock.now
                        if let reply = try? http.request("GET", "/"), reply.status == 200 {
                            let seconds = Stats.seconds(start.duration(to: ContinuousClock.now))
                            times.withLock { $0.append(seconds) }
                        } else {
                            missed.withLock { $0 += 1 }
                        }
                    }
                } else {
                    missed.withLock { $0 += 1 }
                }
                next = next.addingTimeInterval(interval)
                if next > Date() { Thread.sleep(until: next) }
            }
        }
    }

    func stop() -> (times: [Double], missed: Int) {
        running.withLock { $0 = false }
        Thread.sleep(forTimeInterval: 0.2)
        return (times.withLock { $0 }.sorted(), missed.withLock { $0 })
    }
}
