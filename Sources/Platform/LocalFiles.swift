import Glibc

/// Reading small trusted files (config files, the SEQ high-water mark) and replacing one
/// atomically. Spool inputs are read with `SpoolFiles.readInput`, which is stricter.
public enum LocalFiles {
    /// Reads the whole file at `path` (following links: config may be a symlink into a
    /// deployment tree), refusing anything larger than `maxBytes` or not a regular file.
    public static func read(_ path: String, maxBytes: Int) throws(SystemError) -> [UInt8] {
        let fd = try Syscall.call("open", path: path) { open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        defer { Syscall.close(fd) }
        var info = stat()
        try Syscall.call("fstat", path: path) { fstat(fd, &info) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw SystemError(syscall: "open", errno: EINVAL, path: path) }
        guard Int(info.st_size) <= maxBytes else { throw SystemError(syscall: "read", errno: EFBIG, path: path) }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var total = 0
        while total < bytes.count {
            let count = try Syscall.call("read", path: path) {
                bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + total, $0.count - total) }
            }
            if count == 0 { break }
            total += count
            guard total <= maxBytes else { throw SystemError(syscall: "read", errno: EFBIG, path: path) }
        }
        return Array(bytes[0..<total])
    }
}

extension SpoolFiles {
    /// Reads `directory/name` whole (at most `maxBytes`); nil when it does not exist.
    public static func readSmallFile(_ directory: String, _ name: FileName, maxBytes: Int) throws(SystemError) -> [UInt8]? {
        guard try exists(directory, name) else { return nil }
        return try LocalFiles.read(CPath.display(directory, name), maxBytes: maxBytes)
    }

    /// Replaces `directory/name` atomically and durably: temp file, fsync, `rename(2)` over
    /// the old one, fsync of the directory. After a crash it holds the old or the new bytes.
    public static func replaceDurably(_ directory: String, _ name: FileName, bytes: [UInt8]) throws(SystemError) {
        let tmpName = FileName(bytes: Array(".\(getpid())-\(TempCounter.next()).tmp".utf8))
        try writeNew(directory, tmpName, bytes: bytes)
        let from = CPath.join(directory, tmpName), to = CPath.join(directory, name)
        do {
            try Syscall.call("rename", path: CPath.display(directory, name)) { rename(from, to) }
        } catch {
            _ = unlink(from)
            throw error
        }
        try fsyncDirectory(directory)
    }
}

extension SpoolFiles {
    /// Overwrites the small record `directory/name` in place: `pwrite` at offset 0, then
    /// `fdatasync`. For fixed-width records under 512 bytes this is as atomic as a sector
    /// write, and cheaper than a replacing rename (no directory fsync), which matters on a
    /// path taken once per published batch. The directory is fsynced only when the file is
    /// created.
    public static func overwriteInPlace(_ directory: String, _ name: FileName, bytes: [UInt8]) throws(SystemError) {
        precondition(bytes.count <= 512, "overwriteInPlace is for records that fit one sector")
        let display = CPath.display(directory, name)
        let path = CPath.join(directory, name)
        var created = true
        var fd = try Syscall.call("open", path: display, tolerating: [EEXIST]) {
            open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o640)
        } ?? -1
        if fd < 0 {
            created = false
            fd = try Syscall.call("open", path: display) { open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW) }
        }
        defer { Syscall.close(fd) }
        let written = try Syscall.call("pwrite", path: display) {
            bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress!, $0.count, 0) }
        }
        guard written == bytes.count else { throw SystemError(syscall: "pwrite", errno: EIO, path: display) }
        try Syscall.call("ftruncate", path: display) { ftruncate(fd, off_t(bytes.count)) }
        try Syscall.call("fdatasync", path: display) { fdatasync(fd) }
        if created { try fsyncDirectory(directory) }
    }
}
