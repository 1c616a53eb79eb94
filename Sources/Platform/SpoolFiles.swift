import Foundation
import Glibc

/// Spool directory operations for the file handoff protocol (SPEC §2, §6).
///
/// Invariants:
/// - Nothing here overwrites an existing file: moves use `renameat2(RENAME_NOREPLACE)` (or
///   `link` + `unlink` where the filesystem lacks it), new files are created with `O_EXCL`.
/// - Nothing here deletes an operator's file; the only `unlink`s remove our own temp files or
///   the old name after a successful `link`.
/// - A file is complete only once committed: written under a temporary name, `fsync`ed, renamed
///   into place, and the directory `fsync`ed. After a crash a directory holds either the old
///   state or the complete new file; leftover temp files start with `.` and are ignored by
///   `list` (callers may sweep their own temp directory at start-up).
/// - Names are raw bytes (`FileName`); links are never followed (`lstat`, `O_NOFOLLOW`).
public enum SpoolFiles {
    /// The entries of `directory` that the daemon should look at: skips names starting with `.`
    /// and names ending in `.tmp` or `.part`. Entries that vanish while listing are skipped.
    /// Sorted by name bytes so scans are deterministic.
    public static func list(_ directory: String) throws(SystemError) -> [DirectoryEntry] {
        let fd = try Syscall.call("open", path: directory) {
            open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        }
        guard let dir = fdopendir(fd) else {
            let code = errno
            Syscall.close(fd)
            throw SystemError(syscall: "fdopendir", errno: code, path: directory)
        }
        defer { closedir(dir) }
        var entries: [DirectoryEntry] = []
        while true {
            errno = 0
            guard let raw = readdir(dir) else {
                if errno != 0 { throw SystemError(syscall: "readdir", errno: errno, path: directory) }
                break
            }
            let nameBytes: [UInt8] = withUnsafePointer(to: &raw.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: UInt8.self, capacity: 256) { start in
                    Array(UnsafeBufferPointer(start: start, count: strlen(UnsafeRawPointer(start)
                        .assumingMemoryBound(to: CChar.self))))
                }
            }
            guard !nameBytes.isEmpty, nameBytes.first != UInt8(ascii: ".") else { continue }
            let name = FileName(bytes: nameBytes)
            if name.hasSuffix(".tmp") || name.hasSuffix(".part") { continue }
            var st = stat()
            let cName = name.bytes.map { CChar(bitPattern: $0) } + [0]
            let status = try Syscall.call("fstatat", path: CPath.display(directory, name),
                                          tolerating: [ENOENT]) {
                fstatat(dirfd(dir), cName, &st, AT_SYMLINK_NOFOLLOW)
            }
            guard status != nil else { continue }
            entries.append(DirectoryEntry(name: name, stat: st))
        }
        return entries.sorted { $0.name < $1.name }
    }

    /// Whether `directory/name` exists (as anything, links not followed).
    public static func exists(_ directory: String, _ name: FileName) throws(SystemError) -> Bool {
        var st = stat()
        let path = CPath.join(directory, name)
        return try Syscall.call("lstat", path: CPath.display(directory, name),
                                tolerating: [ENOENT]) { lstat(path, &st) } != nil
    }

    /// Creates `path` (and missing parents) with `mode`; succeeds if it is already a directory.
    public static func ensureDirectory(_ path: String, mode: mode_t = 0o755) throws(SystemError) {
        var st = stat()
        if lstat(path, &st) == 0 {
            guard FileKind(mode: st.st_mode) == .directory else {
                throw SystemError(syscall: "mkdir", errno: ENOTDIR, path: path)
            }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path, parent != "/" {
            try ensureDirectory(parent, mode: mode)
        }
        _ = try Syscall.call("mkdir", path: path, tolerating: [EEXIST]) { mkdir(path, mode) }
    }

    /// Flushes a directory's entries (after a rename or create in it) to stable storage.
    public static func fsyncDirectory(_ path: String) throws(SystemError) {
        let fd = try Syscall.call("open", path: path) {
            open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        }
        defer { Syscall.close(fd) }
        try Syscall.call("fsync", path: path) { fsync(fd) }
    }

    /// `base/YYYY-MM-DD` for `date` in UTC (the `processed/` layout), created if missing.
    public static func datedSubdirectory(_ base: String, date: Date) throws(SystemError) -> String {
        let path = base.hasSuffix("/") ? base + utcDay(date) : base + "/" + utcDay(date)
        try ensureDirectory(path, mode: 0o750)
        return path
    }

    /// `YYYY-MM-DD` of `date` in UTC.
    public static func utcDay(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
    }
}
