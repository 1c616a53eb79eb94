import Foundation
import Testing

/// The built `dispatchd` executable (`swift build` / `swift test` put it in `.build/debug/`),
/// found relative to this file; nil when it has not been built, and the suites are skipped.
enum DaemonBinary {
    static let path: String? = {
        let build = DaemonSandbox.repository + "/.build"
        let candidates = [build + "/debug/dispatchd"]
            + (((try? FileManager.default.contentsOfDirectory(atPath: build)) ?? []).sorted().map { build + "/" + $0 + "/debug/dispatchd" })
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static let missing = "the dispatchd binary is not built: run `swift build` first (looked in .build/debug/dispatchd)"
}

/// One running `dispatchd run` process over a sandbox, with its log in `root/daemon-N.log`.
/// `stop()` or `kill()` must end it; `deinit` kills a process a failing test left behind.
final class DaemonProcess: @unchecked Sendable {
    let process = Process()
    let logPath: String
    let sandbox: DaemonSandbox

    init(_ sandbox: DaemonSandbox, generation: Int = 0) throws {
        guard let binary = DaemonBinary.path else { throw SandboxError(DaemonBinary.missing) }
        self.sandbox = sandbox
        logPath = sandbox.root + "/daemon-\(generation).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.executableURL = URL(fileURLWithPath: binary)
        // --allow-root: tests run as root, and a machine may have the service user installed.
        process.arguments = ["run", "--config", sandbox.configPath, "--log", "stderr", "--log-level", "info", "--allow-root"]
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try log.close()
    }

    deinit {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
    }

    var pid: Int32 { process.processIdentifier }
    var log: String { sandbox.read(logPath) }

    /// Waits for the `dispatchd ready` log line (after recovery and the start-up scan).
    func waitReady(timeout: Duration = .seconds(20)) async throws {
        let ready = await eventually(timeout: timeout) { log.contains("dispatchd ready") || !process.isRunning }
        guard ready, process.isRunning else {
            throw SandboxError("dispatchd did not become ready (running: \(process.isRunning)); log:\n\(log)")
        }
    }

    func signal(_ number: Int32) { Foundation.kill(pid, number) }

    /// SIGSTOP, then waits until every thread of the process is in the stopped state
    /// (`T` in `/proc/PID/task/*/stat`): `kill(2)` returns before a thread that is inside a
    /// system call (an fsync on a busy disk, say) has actually stopped. False on time-out.
    func stopAndWaitUntilStopped(timeout: Duration = .seconds(10)) async -> Bool {
        signal(SIGSTOP)
        return await eventually(timeout: timeout) {
            let states = threadStates()
            return !states.isEmpty && states.allSatisfy { $0 == "T" || $0 == "t" }
        }
    }

    /// The state letter of each thread (after the `)` that ends the command name in `stat`).
    func threadStates() -> [Character] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.compactMap { task in
            let stat = sandbox.read("/proc/\(pid)/task/\(task)/stat")
            guard let close = stat.lastIndex(of: ")") else { return nil }
            return stat[close...].dropFirst().first { $0 != " " }
        }
    }

    /// Waits for the process to end; returns its exit status (or -signal when killed).
    func waitExit(timeout: Duration = .seconds(20)) async -> Int32? {
        guard await eventually(timeout: timeout, { !process.isRunning }) else { return nil }
        return process.terminationReason == .uncaughtSignal ? -process.terminationStatus : process.terminationStatus
    }

    /// SIGTERM and wait; SIGKILL if it does not stop. Returns the exit status.
    @discardableResult
    func stop() async -> Int32? {
        signal(SIGTERM)
        if let status = await waitExit() { return status }
        signal(SIGKILL)
        _ = await waitExit()
        return nil
    }

    /// `kill -9`, and wait until it is gone.
    func kill() async {
        signal(SIGKILL)
        _ = await waitExit()
    }
}

/// A finished `dispatchd` command: exit status and its output.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String

    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] else {
            throw SandboxError("not a JSON object on stdout: \(stdout)")
        }
        return object
    }
}

/// Runs `dispatchd ARGS` to completion (output through files, so a large one never blocks).
func runDispatchd(_ arguments: [String], in sandbox: DaemonSandbox, environment: [String: String] = [:],
                  timeout: Duration = .seconds(30)) async throws -> CommandResult {
    guard let binary = DaemonBinary.path else { throw SandboxError(DaemonBinary.missing) }
    let stamp = UUID().uuidString
    let outPath = sandbox.root + "/cmd-\(stamp).out"
    let errPath = sandbox.root + "/cmd-\(stamp).err"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    try out.close()
    try err.close()
    guard await eventually(timeout: timeout, { !process.isRunning }) else {
        Foundation.kill(process.processIdentifier, SIGKILL)
        throw SandboxError("dispatchd \(arguments.joined(separator: " ")) did not finish within \(timeout)")
    }
    defer {
        try? FileManager.default.removeItem(atPath: outPath)
        try? FileManager.default.removeItem(atPath: errPath)
    }
    return CommandResult(status: process.terminationStatus, stdout: sandbox.read(outPath), stderr: sandbox.read(errPath))
}

/// The end-to-end suites run one at a time: each drives real processes on a 2-core machine,
/// and the live deadline tests need the CPU when their seconds come.
@Suite(.serialized, .enabled(if: DaemonBinary.path != nil, Comment(rawValue: DaemonBinary.missing)))
struct DaemonEndToEndTests {}
