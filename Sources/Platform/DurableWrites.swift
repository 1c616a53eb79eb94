import Glibc
import Synchronization

/// Durable file creation: error companions, atomic replacement-free writes, and the outbox's
/// stage-then-publish steps (SPEC §6).
///
/// Crash story: `writeDurably` and `writeErrorFile` write a `.`-prefixed temp file, fsync it,
/// rename it into place without overwriting, then fsync the directory: after a crash the target
/// either does not exist or is complete. A leftover temp file is ignored by `list`.
/// `createStaged` + `publish` are idempotent so recovery can simply repeat them: a staged file
/// that already holds the same bytes is accepted, and a publish whose target exists with the
/// staged file gone means it already happened.
extension SpoolFiles {
    /// Largest file name length on Linux filesystems (NAME_MAX).
    public static let maximumNameLength = 255

    /// Writes `bytes` as `directory/name`: temp file in `tmpDirectory` (same filesystem,
    /// default `directory`), `O_EXCL`, fsync, rename without overwrite, fsync of `directory`.
    /// Returns `.destinationExists` (and removes its temp file) if `name` is already taken.
    @discardableResult
    /// With `syncDirectory: false` the caller fsyncs `directory` itself (once for many files)
    /// before it relies on the name being durable.
    public static func writeDurably(_ directory: String, _ name: FileName, bytes: [UInt8],
                                    tmpDirectory: String? = nil, syncDirectory: Bool = true)
        throws(SystemError) -> MoveOutcome {
        let tmpDir = tmpDirectory ?? directory
        let tmpName = FileName(bytes: Array(".\(getpid())-\(TempCounter.next()).tmp".utf8))
        try writeNew(tmpDir, tmpName, bytes: bytes)
        let outcome: MoveOutcome
        do {
            outcome = try move(tmpName, from: tmpDir, to: directory, newName: name)
        } catch {
            _ = unlink(CPath.join(tmpDir, tmpName))
            throw error
        }
        if outcome == .destinationExists {
            _ = unlink(CPath.join(tmpDir, tmpName))
            return outcome
        }
        if syncDirectory { try fsyncDirectory(directory) }
        return outcome
    }

    /// Writes the `NAME.error` companion for `name` in `directory` (durably, never overwriting:
    /// a unique name is chosen if taken). Long names are shortened so the companion fits in
    /// 255 bytes. Returns the companion's name.
    @discardableResult
    public static func writeErrorFile(_ directory: String, forName name: FileName, text: String)
        throws(SystemError) -> FileName
    {
        let base = errorCompanionName(for: name)
        var counter = 0
        while true {
            let candidate = counter == 0 ? base : numbered(base, counter)
            counter += 1
            if try exists(directory, candidate) { continue }
            if try writeDurably(directory, candidate, bytes: Array(text.utf8)) == .moved {
                return candidate
            }
        }
    }

    /// `NAME.error`, or, if that exceeds 255 bytes, NAME cut at a UTF-8 boundary plus `~` and
    /// 8 hex digits of an FNV-1a hash of the full name, so distinct long names stay
    /// distinct. Room is left for a `.N` collision suffix.
    public static func errorCompanionName(for name: FileName) -> FileName {
        let suffix = Array(".error".utf8)
        let reserve = 6  // room for ".99999" added by uniqueness suffixes
        if name.bytes.count + suffix.count + reserve <= maximumNameLength {
            return FileName(bytes: name.bytes + suffix)
        }
        let tag = Array("~".utf8) + Array(fnv1a(name.bytes).utf8)
        var keep = maximumNameLength - suffix.count - tag.count - reserve
        // Back off to a UTF-8 boundary (never split a multi-byte character).
        while keep > 0, (name.bytes[keep] & 0xC0) == 0x80 { keep -= 1 }
        return FileName(bytes: Array(name.bytes[..<keep]) + tag + suffix)
    }

    /// Creates `directory/name` holding `bytes`, durably and completely: written to a temp
    /// name with O_CREAT|O_EXCL, fsynced, renamed in without overwrite, directory fsynced, so a
    /// crash never leaves a partial file under `name`. If `name` already exists with exactly
    /// these bytes, succeeds (recovery repeats this step); with other bytes, throws EEXIST.
    /// With `syncDirectory: false` the name is durable only after the caller's own
    /// `fsyncDirectory(directory)`, which lets a batch of staged files share one directory sync.
    public static func createStaged(_ directory: String, _ name: FileName, bytes: [UInt8],
                                    syncDirectory: Bool = true) throws(SystemError)
    {
        guard try writeDurably(directory, name, bytes: bytes, syncDirectory: syncDirectory) == .destinationExists
        else { return }
        let existing = try? readInput(directory, name, maxBytes: Int64(bytes.count))
        if existing?.bytes == bytes { return }
        throw SystemError(syscall: "open", errno: EEXIST, path: CPath.display(directory, name))
    }

    /// Publishes a staged file: renames `staging/name` into `outgoing` without overwriting,
    /// then fsyncs `outgoing`. Idempotent: if the staged file is gone and `outgoing/name`
    /// exists (the gateway may also have taken it since), it already happened.
    /// Returns false when the staged file is gone (already published earlier).
    @discardableResult
    public static func publish(_ name: FileName, from staging: String, to outgoing: String)
        throws(SystemError) -> Bool
    {
        if try !exists(staging, name) { return false }
        if try move(name, from: staging, to: outgoing) == .destinationExists {
            throw SystemError(syscall: "renameat2", errno: EEXIST,
                              path: CPath.display(outgoing, name))
        }
        try fsyncDirectory(outgoing)
        return true
    }

    /// O_CREAT|O_EXCL create, write all bytes, fsync, close.
    static func writeNew(_ directory: String, _ name: FileName, bytes: [UInt8]) throws(SystemError) {
        let display = CPath.display(directory, name)
        let path = CPath.join(directory, name)
        let fd = try Syscall.call("open", path: display) {
            open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o640)
        }
        do {
            var written = 0
            while written < bytes.count {
                written += try Syscall.call("write", path: display) {
                    bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
                }
            }
            try Syscall.call("fsync", path: display) { fsync(fd) }
            Syscall.close(fd)
        } catch {
            Syscall.close(fd)
            _ = unlink(path)
            throw error
        }
    }

    static func fnv1a(_ bytes: [UInt8]) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}

/// A process-wide counter for temp names (unique with the pid).
enum TempCounter {
    private static let value = Atomic<UInt64>(0)
    static func next() -> UInt64 { value.add(1, ordering: .relaxed).newValue }
}
