import Glibc

/// An input file read whole through one descriptor, with the facts recorded for history.
public struct InputFile: Sendable, Equatable {
    public let bytes: [UInt8]
    public let size: Int64
    public let ownerUID: UInt32
    /// Modification time, seconds since the Unix epoch.
    public let modificationTime: Double
    public let inode: UInt64
}

/// Why an input is refused: the input itself is bad, not the environment. Each case renders a
/// human reason suitable for the `NAME.error` companion.
public enum InputRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    case notRegularFile(path: String, kind: FileKind)
    case multipleHardLinks(path: String, count: UInt64)
    case tooLarge(path: String, size: Int64, limit: Int64)
    case unreadable(path: String, errno: Int32)

    public var description: String {
        switch self {
        case let .notRegularFile(path, kind):
            let what: String
            switch kind {
            case .symlink: what = "a symbolic link (links are never followed)"
            case .fifo: what = "a FIFO (named pipe)"
            case .socket: what = "a socket"
            case .device: what = "a device node"
            case .directory: what = "a directory"
            case .regular, .other: what = "not a regular file"
            }
            return "\(path): is \(what); only regular files are accepted. "
                + "Drop the incident as a plain file (write it under .tmp/, then rename it in)."
        case let .multipleHardLinks(path, count):
            return "\(path): has \(count) hard links; an input must have exactly one. "
                + "Copy the file instead of hard-linking it into the spool."
        case let .tooLarge(path, size, limit):
            return "\(path): is \(size) bytes, more than the limit of \(limit) bytes "
                + "(max_input_bytes); split the input or raise the limit."
        case let .unreadable(path, code):
            return "\(path): cannot be read by the daemon: \(String(cString: strerror(code))). "
                + "Make the file readable by the dispatchd group (e.g. mode 0640) and submit it again."
        }
    }
}

/// Either the input was refused (bad input) or the environment failed (`SystemError`).
public enum InputReadError: Error, Sendable, Equatable {
    case refused(InputRefusal)
    case system(SystemError)
}

extension SpoolFiles {
    /// Reads `directory/name` without following links or blocking, through one descriptor.
    ///
    /// Refuses anything but a regular file on `lstat`, before any open. Then
    /// opens with `O_RDONLY|O_NOFOLLOW|O_NONBLOCK|O_CLOEXEC` (a FIFO opens without waiting for a
    /// writer; a link fails with ELOOP), then decides on `fstat` of that descriptor: only a
    /// regular file with one link and at most `maxBytes` bytes is read. Reads at most
    /// `maxBytes + 1` bytes, so a file that grows while read is still refused as too large.
    /// EACCES/EPERM on open is a refusal (the operator's file is unreadable, SPEC §2).
    public static func readInput(_ directory: String, _ name: FileName, maxBytes: Int64)
        throws(InputReadError) -> InputFile
    {
        let display = CPath.display(directory, name)
        let path = CPath.join(directory, name)
        // Decide on the kind before opening: opening a device node can have effects of its own
        // (a tape rewinds, a watchdog arms) even with O_NONBLOCK. The file sits in the daemon's
        // own directory by now, so nobody can swap it between this lstat and the open; the fstat
        // below still decides on what was actually opened.
        var before = stat()
        if lstat(path, &before) == 0 {
            let kind = FileKind(mode: before.st_mode)
            guard kind == .regular else { throw .refused(.notRegularFile(path: display, kind: kind)) }
        }
        let fd: Int32
        do {
            fd = try Syscall.call("open", path: display) {
                open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
            }
        } catch {
            switch error.errno {
            case ELOOP: throw .refused(.notRegularFile(path: display, kind: .symlink))
            case EACCES, EPERM: throw .refused(.unreadable(path: display, errno: error.errno))
            case ENXIO: throw .refused(.notRegularFile(path: display, kind: .socket))
            default: throw .system(error)
            }
        }
        defer { Syscall.close(fd) }
        var st = stat()
        do {
            try Syscall.call("fstat", path: display) { fstat(fd, &st) }
        } catch {
            throw .system(error)
        }
        let kind = FileKind(mode: st.st_mode)
        guard kind == .regular else { throw .refused(.notRegularFile(path: display, kind: kind)) }
        guard st.st_nlink <= 1 else {
            throw .refused(.multipleHardLinks(path: display, count: UInt64(st.st_nlink)))
        }
        guard Int64(st.st_size) <= maxBytes else {
            throw .refused(.tooLarge(path: display, size: Int64(st.st_size), limit: maxBytes))
        }
        let capacity = Int(maxBytes) + 1
        var bytes = [UInt8](repeating: 0, count: min(capacity, Int(st.st_size) + 1))
        var total = 0
        while true {
            if total == bytes.count {
                if bytes.count >= capacity { break }
                bytes += [UInt8](repeating: 0, count: min(capacity - bytes.count, 64 * 1024))
            }
            let count: Int
            do {
                count = try Syscall.call("read", path: display) {
                    bytes.withUnsafeMutableBytes { buffer in
                        read(fd, buffer.baseAddress! + total, buffer.count - total)
                    }
                }
            } catch {
                throw error.errno == EACCES || error.errno == EPERM
                    ? .refused(.unreadable(path: display, errno: error.errno)) : .system(error)
            }
            if count == 0 { break }
            total += count
        }
        guard Int64(total) <= maxBytes else {
            throw .refused(.tooLarge(path: display, size: Int64(total), limit: maxBytes))
        }
        bytes.removeSubrange(total...)
        return InputFile(
            bytes: bytes, size: Int64(total), ownerUID: st.st_uid,
            modificationTime: Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9,
            inode: UInt64(st.st_ino))
    }
}
