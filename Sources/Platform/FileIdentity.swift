import Glibc

/// Which file a path names (device and inode, without following a final symlink): to notice
/// that a file the process holds open was removed or replaced under it.
public struct FileIdentity: Equatable, Sendable {
    public let device: UInt64
    public let inode: UInt64

    /// The identity of `path` now; nil when it does not exist or cannot be examined.
    public static func of(_ path: String) -> FileIdentity? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}
