import Glibc

/// Moving files between spool directories without ever overwriting (SPEC §2: names never
/// collide). A move is one `rename`, atomic on one filesystem; the directories must share it.
extension SpoolFiles {
    /// Why a move did not happen although the system calls worked.
    public enum MoveOutcome: Sendable, Equatable {
        case moved
        /// The destination name is taken; nothing was changed.
        case destinationExists
    }

    /// Renames `from/name` to `to/newName` (default: the same name), never replacing an
    /// existing file. Uses `renameat2(RENAME_NOREPLACE)`; where the kernel or filesystem does not
    /// support it, falls back to `link` + `unlink` (which also never replaces).
    @discardableResult
    public static func move(_ name: FileName, from source: String, to destination: String,
                            newName: FileName? = nil) throws(SystemError) -> MoveOutcome {
        try move(name, from: source, to: destination, newName: newName,
                 renameat2: RenameNoReplace.function)
    }

    /// `move` with the `renameat2` entry point injectable (nil forces the link fallback).
    static func move(_ name: FileName, from source: String, to destination: String,
                     newName: FileName?, renameat2: RenameNoReplace.Function?)
        throws(SystemError) -> MoveOutcome
    {
        let target = newName ?? name
        let sourcePath = CPath.join(source, name)
        let targetPath = CPath.join(destination, target)
        let display = CPath.display(source, name) + " -> " + CPath.display(destination, target)
        if let renameat2 {
            do {
                try Syscall.call("renameat2", path: display) {
                    renameat2(AT_FDCWD, sourcePath, AT_FDCWD, targetPath, RenameNoReplace.flag)
                }
                return .moved
            } catch {
                if error.errno == EEXIST { return .destinationExists }
                // EINVAL/ENOSYS: the filesystem or kernel lacks RENAME_NOREPLACE; use link.
                guard error.errno == EINVAL || error.errno == ENOSYS else { throw error }
            }
        }
        guard try Syscall.call("link", path: display, tolerating: [EEXIST], {
            link(sourcePath, targetPath)
        }) != nil else { return .destinationExists }
        try Syscall.call("unlink", path: CPath.display(source, name)) { unlink(sourcePath) }
        return .moved
    }

    /// A name not present in `directory`: `name` itself if free, else `stem.1.ext`,
    /// `stem.2.ext`, … (the suffix goes before the last extension). Only a hint: a racing
    /// writer may take it, so callers move with `moveUnique`, which retries.
    public static func uniqueName(in directory: String, for name: FileName) throws(SystemError)
        -> FileName
    {
        if try !exists(directory, name) { return name }
        var counter = 1
        while true {
            let candidate = numbered(name, counter)
            if try !exists(directory, candidate) { return candidate }
            counter += 1
        }
    }

    /// Moves `from/name` into `to` under a name that does not collide there, returning the
    /// name used. Never overwrites, even against a concurrent writer.
    @discardableResult
    public static func moveUnique(_ name: FileName, from source: String, to destination: String)
        throws(SystemError) -> FileName
    {
        var counter = 0
        while true {
            let candidate = counter == 0 ? name : numbered(name, counter)
            counter += 1
            if try exists(destination, candidate) { continue }
            if try move(name, from: source, to: destination, newName: candidate) == .moved {
                return candidate
            }
        }
    }

    /// `stem.N.ext` for `stem.ext`, or `name.N` when there is no extension.
    static func numbered(_ name: FileName, _ counter: Int) -> FileName {
        let (stem, ext) = name.stemAndExtension
        return FileName(bytes: stem + Array(".\(counter)".utf8) + ext)
    }
}

/// `renameat2` is not exported by the Glibc module, so it is looked up at run time.
enum RenameNoReplace {
    typealias Function = @convention(c) (
        Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32
    ) -> Int32

    /// `RENAME_NOREPLACE` from <linux/fs.h>.
    static let flag: UInt32 = 1

    static let function: Function? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else {
            return nil
        }
        return unsafeBitCast(symbol, to: Function.self)
    }()
}
