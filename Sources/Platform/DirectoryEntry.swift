import Glibc

/// What kind of object a directory entry is, from `lstat` (links are never followed).
public enum FileKind: String, Sendable, Equatable {
    case regular, symlink, fifo, socket, device, directory, other

    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFLNK: self = .symlink
        case S_IFIFO: self = .fifo
        case S_IFSOCK: self = .socket
        case S_IFCHR, S_IFBLK: self = .device
        case S_IFDIR: self = .directory
        default: self = .other
        }
    }
}

/// One name in a spool directory with the `lstat` facts the daemon decides on.
public struct DirectoryEntry: Sendable, Equatable {
    public let name: FileName
    public let kind: FileKind
    public let size: Int64
    /// Modification time, seconds since the Unix epoch (with nanoseconds).
    public let modificationTime: Double
    public let linkCount: UInt64
    public let ownerUID: UInt32
    public let inode: UInt64

    public init(name: FileName, kind: FileKind, size: Int64, modificationTime: Double,
                linkCount: UInt64, ownerUID: UInt32, inode: UInt64) {
        self.name = name
        self.kind = kind
        self.size = size
        self.modificationTime = modificationTime
        self.linkCount = linkCount
        self.ownerUID = ownerUID
        self.inode = inode
    }

    init(name: FileName, stat st: stat) {
        self.init(
            name: name, kind: FileKind(mode: st.st_mode), size: Int64(st.st_size),
            modificationTime: Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9,
            linkCount: UInt64(st.st_nlink), ownerUID: st.st_uid, inode: UInt64(st.st_ino))
    }
}
