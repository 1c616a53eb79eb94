import Foundation
import Testing

/// A `dispatchd run` started with a chosen environment, extra arguments and an optional
/// wrapper (`setpriv …` to run it as another uid), logging to `root/NAME.log`. Complements
/// `DaemonProcess`, which always runs the plain command as the test's own user.
final class WrappedDaemon: @unchecked Sendable {
    let process = Process()
    let logPath: String
    let sandbox: DaemonSandbox

    init(_ sandbox: DaemonSandbox, name: String, wrapper: [String] = [], arguments: [String] = [],
         environment: [String: String] = [:]) throws {
        guard let binary = DaemonBinary.path else { throw SandboxError(DaemonBinary.missing) }
        self.sandbox = sandbox
        logPath = sandbox.root + "/" + name + ".log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let command = [binary, "run", "--config", sandbox.configPath, "--log", "stderr", "--log-level", "info"] + arguments
        process.executableURL = URL(fileURLWithPath: wrapper.first ?? binary)
        process.arguments = wrapper.isEmpty ? Array(command.dropFirst()) : Array(wrapper.dropFirst()) + command
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try log.close()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    var log: String { sandbox.read(logPath) }

    func waitReady(timeout: Duration = .seconds(20)) async throws {
        let ready = await eventually(timeout: timeout) { log.contains("dispatchd ready") || !process.isRunning }
        guard ready, process.isRunning else {
            throw SandboxError("dispatchd did not become ready (running: \(process.isRunning)); log:\n\(log)")
        }
    }

    /// Waits for the process to end; its exit status, or nil if it is still running.
    func waitExit(timeout: Duration = .seconds(20)) async -> Int32? {
        guard await eventually(timeout: timeout, { !process.isRunning }) else { return nil }
        return process.terminationStatus
    }

    /// SIGTERM and wait (SIGKILL if it does not stop); the exit status.
    @discardableResult
    func stop() async -> Int32? {
        kill(process.processIdentifier, SIGTERM)
        if let status = await waitExit() { return status }
        kill(process.processIdentifier, SIGKILL)
        _ = await waitExit()
        return nil
    }
}

/// Runs a shell command line to completion (as another user through `setpriv` when asked);
/// its exit status and combined output.
func shell(_ script: String, as identity: [String] = [], timeout: Duration = .seconds(60)) async throws -> (status: Int32, output: String) {
    let outPath = FileManager.default.temporaryDirectory.path + "/dispatchd-sh-\(UUID().uuidString).out"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: outPath) }
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    let process = Process()
    let command = identity.isEmpty ? ["/bin/sh", "-c", script] : ["/usr/bin/setpriv"] + identity + ["/bin/sh", "-c", script]
    process.executableURL = URL(fileURLWithPath: command[0])
    process.arguments = Array(command.dropFirst())
    process.standardOutput = out
    process.standardError = out
    process.standardInput = FileHandle.nullDevice
    try process.run()
    try out.close()
    guard await eventually(timeout: timeout, { !process.isRunning }) else {
        kill(process.processIdentifier, SIGKILL)
        throw SandboxError("`\(script)` did not finish within \(timeout)")
    }
    let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    return (process.terminationStatus, output)
}

/// `setpriv` arguments that run a command as `uid` with primary group `gid` and the
/// supplementary `groups` (none when empty), keeping no capabilities.
func identity(uid: UInt32, gid: UInt32, groups: [UInt32] = []) -> [String] {
    ["--reuid=\(uid)", "--regid=\(gid)", groups.isEmpty ? "--clear-groups" : "--groups=" + groups.map(String.init).joined(separator: ","),
     "--inh-caps=-all", "--bounding-set=-all", "--"]
}

let runningAsRoot = getuid() == 0
