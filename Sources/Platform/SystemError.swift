import Glibc

/// A failed system call: which call, on which path, and the `errno` it returned.
///
/// `SystemError` is an *environment* fault (disk full, permissions, I/O error), never a verdict
/// about an input. Whether a fault is transient is decided by the caller, which knows whether
/// the path is one of its own directories; this type only exposes the facts (`errno`) and a
/// hint (`isTransient`) for the codes that are transient wherever they occur.
public struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The C function that failed, e.g. `"open"`, `"renameat2"`.
    public let syscall: String
    /// The `errno` value after the failure.
    public let errno: Int32
    /// The path involved, when there is one.
    public let path: String?

    public init(syscall: String, errno: Int32, path: String? = nil) {
        self.syscall = syscall
        self.errno = errno
        self.path = path
    }

    /// The C library's text for `errno`, e.g. "No space left on device".
    public var reason: String {
        String(cString: strerror(errno))
    }

    /// True for codes that mean "try again later" wherever they occur: full disk or quota,
    /// I/O error, would block, out of memory or descriptors, read-only filesystem.
    /// EACCES/EPERM are NOT included: on our own directories they are a fault to wait out, on an
    /// operator's file they are a refusal, and only the caller knows which.
    public var isTransient: Bool {
        switch errno {
        case ENOSPC, EDQUOT, EIO, EAGAIN, ENOMEM, EMFILE, ENFILE, EROFS, EBUSY, EINTR:
            return true
        default:
            return false
        }
    }

    /// What to do about the common causes, or nil when there is no general advice.
    public var remedy: String? {
        switch errno {
        case EACCES, EPERM:
            return "check the ownership and mode of the path and of its parent directories, "
                + "and that the daemon runs as the user the spool was created for"
        case ENOSPC, EDQUOT:
            return "free space (or raise the quota) on the filesystem holding the path; "
                + "pending work is retried automatically"
        case EROFS:
            return "the filesystem is mounted read-only: remount it read-write "
                + "(or check the service's sandboxing, e.g. ReadWritePaths=)"
        case EMFILE, ENFILE:
            return "too many open files: raise the descriptor limit (LimitNOFILE=) "
                + "or look for a descriptor leak"
        case ENOENT:
            return "the path does not exist: create it (see the spool layout in tmpfiles.d) "
                + "or fix the configured path"
        case EIO:
            return "the storage reported an I/O error: check the disk and the kernel log"
        default:
            return nil
        }
    }

    public var description: String {
        var text = "\(syscall) failed"
        if let path { text += " on '\(path)'" }
        text += ": \(reason) (errno \(errno))"
        if let remedy { text += "; \(remedy)" }
        return text
    }
}

/// The one wrapper every system call in `Platform` goes through: retries on `EINTR` and turns
/// a failure into a `SystemError` naming the call and the path.
public enum Syscall {
    /// Runs `body` until it does not fail with `EINTR`; throws if it returns -1.
    @discardableResult
    public static func call<T: FixedWidthInteger>(
        _ name: String, path: String? = nil, _ body: () -> T
    ) throws(SystemError) -> T {
        while true {
            let result = body()
            if result != -1 { return result }
            let code = Glibc.errno
            if code == EINTR { continue }
            throw SystemError(syscall: name, errno: code, path: path)
        }
    }

    /// Like `call`, but returns nil instead of throwing when errno is one of `tolerated`
    /// (e.g. `EAGAIN` for a non-blocking read, `EEXIST` for mkdir).
    public static func call<T: FixedWidthInteger>(
        _ name: String, path: String? = nil, tolerating tolerated: Set<Int32>, _ body: () -> T
    ) throws(SystemError) -> T? {
        do {
            return try call(name, path: path, body)
        } catch {
            if tolerated.contains(error.errno) { return nil }
            throw error
        }
    }

    /// Closes a descriptor. EINTR is not retried (on Linux the descriptor is gone either way).
    public static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }
}
