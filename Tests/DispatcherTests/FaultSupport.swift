import Foundation

/// Whether this test process may make a private mount namespace and mount a tmpfs in it
/// (root, or CAP_SYS_ADMIN, and an `unshare` binary; a container without them cannot), with
/// the reason when not. Probed once by trying exactly what the fault tests do.
enum MountNamespace {
    static let probe: (available: Bool, reason: String) = {
        let directory = FileManager.default.temporaryDirectory.path + "/dispatchd-ns-probe-\(getpid())"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["--mount", "--propagation", "private", "--", "/bin/sh", "-c",
                             "mount -t tmpfs -o size=1m tmpfs \"$0\" && touch \"$0/x\"", directory]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            return (false, "cannot run /usr/bin/unshare: \(error)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return (false, "`unshare --mount` with a tmpfs failed (status \(process.terminationStatus)): needs root or CAP_SYS_ADMIN")
        }
        return (true, "")
    }()

    static var available: Bool {
        if !probe.available { print("note: full-disk fault test skipped: \(probe.reason)") }
        return probe.available
    }

    /// A `WrappedDaemon` wrapper: a private mount namespace with a tmpfs of `size` over
    /// `directory`, then the daemon (`exec`, so the daemon keeps the wrapper's pid and its view
    /// of the tmpfs is reachable as `/proc/PID/root/DIRECTORY`).
    static func tmpfsWrapper(over directory: String, size: String) -> [String] {
        ["/usr/bin/unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c",
         "mount -t tmpfs -o size=\(size),mode=0750 tmpfs '\(directory)' && exec \"$0\" \"$@\""]
    }
}

/// Fills the filesystem holding `path` with one file until it is full (ENOSPC).
func fillUp(_ path: String) -> Int {
    let fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
    guard fd >= 0 else { return -1 }
    defer { close(fd) }
    let chunk = [UInt8](repeating: 0xAB, count: 64 * 1024)
    var total = 0
    while true {
        let count = write(fd, chunk, chunk.count)
        if count <= 0 { break }
        total += count
    }
    fsync(fd)
    return total
}
