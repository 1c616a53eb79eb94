import Glibc

/// The lock that says "a daemon runs on this state directory": `STATE/dispatchd.lock`, held
/// with `flock(2)` (exclusive) by `dispatchd run` for its whole life.
///
/// Invariants:
/// - The kernel releases the lock when the holder's descriptor closes, so it is released by any
///   exit, `kill -9` included: a stale lock file never blocks anything; only a living process does.
/// - `restore` takes the same lock before it touches the state and holds it until it is done, so
///   a daemon started during a restore refuses to start, and a restore never runs under a daemon.
public final class StateLock: Sendable {
    public static let fileName = "dispatchd.lock"
    /// The lock file (for messages).
    public let path: String
    private let fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit { Syscall.close(fd) }

    /// Takes the lock without waiting. Returns nil when another process holds it. Creates the
    /// directory (mode 0750) and the lock file (0640) when they are missing.
    public static func acquire(stateDirectory: String) throws(SystemError) -> StateLock? {
        try SpoolFiles.ensureDirectory(stateDirectory, mode: 0o750)
        let path = stateDirectory.hasSuffix("/") ? stateDirectory + fileName : stateDirectory + "/" + fileName
        let fd = try Syscall.call("open", path: path) { open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o640) }
        // Made by root (a restore): hand it to the directory's owner, the daemon's user, who
        // must be able to open it for writing too.
        var directory = stat()
        if getuid() == 0, stat(stateDirectory, &directory) == 0 { _ = fchown(fd, directory.st_uid, directory.st_gid) }
        do {
            guard try Syscall.call("flock", path: path, tolerating: [EWOULDBLOCK], { flock(fd, LOCK_EX | LOCK_NB) }) != nil else {
                Syscall.close(fd)
                return nil
            }
        } catch {
            Syscall.close(fd)
            throw error
        }
        return StateLock(path: path, fd: fd)
    }

    /// True when some process holds the lock now (the file is opened read-only and probed; a
    /// missing file means no daemon ever ran here).
    public static func isHeld(stateDirectory: String) throws(SystemError) -> Bool {
        let path = stateDirectory.hasSuffix("/") ? stateDirectory + fileName : stateDirectory + "/" + fileName
        guard let fd = try Syscall.call("open", path: path, tolerating: [ENOENT], { open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) }) else {
            return false
        }
        defer { Syscall.close(fd) }
        guard try Syscall.call("flock", path: path, tolerating: [EWOULDBLOCK], { flock(fd, LOCK_SH | LOCK_NB) }) != nil else {
            return true
        }
        _ = flock(fd, LOCK_UN)
        return false
    }
}
