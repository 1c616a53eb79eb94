import Glibc

/// What happened to a name in a watched directory.
public enum DirectoryEventKind: String, Sendable, Equatable {
    /// A file opened for writing was closed (a direct write finished).
    case closedAfterWrite
    /// A name was renamed into the directory (the atomic handoff).
    case movedIn
    /// A name was created (a writer started; wait for its close).
    case created
    /// A file's content changed (only for watchers made with `modifications: true`).
    case modified
}

/// One parsed `struct inotify_event` record.
public struct InotifyRecord: Sendable, Equatable {
    public let watchDescriptor: Int32
    public let mask: UInt32
    /// The name inside the watched directory; nil for events on the directory itself.
    public let name: FileName?

    public var isOverflow: Bool { mask & UInt32(IN_Q_OVERFLOW) != 0 }

    /// The kind of a name event, or nil for records the watcher does not report.
    public var kind: DirectoryEventKind? {
        if mask & UInt32(IN_MOVED_TO) != 0 { return .movedIn }
        if mask & UInt32(IN_CLOSE_WRITE) != 0 { return .closedAfterWrite }
        if mask & UInt32(IN_CREATE) != 0 { return .created }
        if mask & UInt32(IN_MODIFY) != 0 { return .modified }
        return nil
    }
}

/// Parses the packed records `read(2)` returns from an inotify descriptor:
/// `{ int wd; uint32 mask; uint32 cookie; uint32 len; char name[len]; }`, `name` NUL-padded.
/// A truncated trailing record (never produced by the kernel) is ignored.
public enum InotifyParser {
    static let headerSize = 16

    public static func parse(_ buffer: UnsafeRawBufferPointer) -> [InotifyRecord] {
        var records: [InotifyRecord] = []
        var offset = 0
        while offset + headerSize <= buffer.count {
            let wd = buffer.loadUnaligned(fromByteOffset: offset, as: Int32.self)
            let mask = buffer.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let length = Int(buffer.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            let nameStart = offset + headerSize
            guard nameStart + length <= buffer.count else { break }
            var nameBytes = Array(buffer[nameStart..<nameStart + length])
            if let end = nameBytes.firstIndex(of: 0) { nameBytes.removeSubrange(end...) }
            records.append(InotifyRecord(
                watchDescriptor: wd, mask: mask,
                name: nameBytes.isEmpty ? nil : FileName(bytes: nameBytes)))
            offset = nameStart + length
        }
        return records
    }

    /// Encodes one record the way the kernel does (for tests of the parser).
    public static func encode(watchDescriptor: Int32, mask: UInt32, cookie: UInt32 = 0,
                              name: FileName?) -> [UInt8] {
        var nameBytes = name?.bytes ?? []
        if name != nil {
            nameBytes.append(0)
            while nameBytes.count % headerSize != 0 { nameBytes.append(0) }
        }
        var out: [UInt8] = []
        withUnsafeBytes(of: watchDescriptor.littleEndian) { out += $0 }
        withUnsafeBytes(of: mask.littleEndian) { out += $0 }
        withUnsafeBytes(of: cookie.littleEndian) { out += $0 }
        withUnsafeBytes(of: UInt32(nameBytes.count).littleEndian) { out += $0 }
        return out + nameBytes
    }
}
