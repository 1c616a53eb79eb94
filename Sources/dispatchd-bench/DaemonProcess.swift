import Foundation
import Glibc

/// A real `dispatchd run` as a child process, started the way systemd starts it: with
/// `NOTIFY_SOCKET` naming a datagram socket the benchmark listens on, so `READY=1` marks the
/// end of start-up. Its log goes to `daemon-N.log` in the work directory.
final class DaemonProcess {
    let process: Process
    let logPath: String
    /// When `run()` was called and when `READY=1` arrived.
    let started: ContinuousClock.Instant
    let ready: ContinuousClock.Instant

    var pid: Int32 { process.processIdentifier }
    var startToReady: Duration { started.duration(to: ready) }

    /// Starts the daemon on `county` and waits up to `timeout` for `READY=1`.
    init(binary: String, county: BenchCounty, label: String, timeout: Duration = .seconds(120)) throws {
        let notify = try NotifySocket(path: county.directory + "/notify-\(label).sock")
        let logPath = county.directory + "/daemon-\(label).log"
        let process = Process()
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: binary)
        // --allow-root: benchmarks often run as root, even where the service user is installed.
        process.arguments = ["run", "--config", county.configPath, "--allow-root"]
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = notify.path
        environment.removeValue(forKey: "WATCHDOG_USEC")
        environment.removeValue(forKey: "JOURNAL_STREAM")
        process.environment = environment
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: logPath)
        let clock = ContinuousClock()
        let started = clock.now
        try process.run()
        guard let ready = notify.wait(for: "READY=1", until: started.advanced(by: timeout)) else {
            process.terminate()
            process.waitUntilExit()
            throw BenchFailure("dispatchd did not send READY=1 within \(timeout) (exit status \(process.terminationStatus)); see \(logPath)")
        }
        self.process = process
        self.logPath = logPath
        self.started = started
        self.ready = ready
    }

    /// SIGTERM and wait; throws if it does not exit 0 (the log says why). `dispatchd run`
    /// installs its signal handling just after `READY=1`, so a daemon that has only just
    /// become ready is given a moment first.
    func stop() throws {
        let sinceReady = ContinuousClock().now - ready
        if sinceReady < .milliseconds(300) { Thread.sleep(forTimeInterval: 0.3 - Stats.seconds(sinceReady)) }
        guard process.isRunning else {
            throw BenchFailure("dispatchd exited early with status \(process.terminationStatus); see \(logPath)")
        }
        kill(pid, SIGTERM)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchFailure("dispatchd exited with status \(process.terminationStatus) on SIGTERM; see \(logPath)")
        }
    }

    deinit {
        if process.isRunning {
            kill(pid, SIGKILL)
            process.waitUntilExit()
        }
    }
}
