import Glibc

/// Whether a descriptor is the stream systemd connected to journald for this service.
///
/// systemd sets `JOURNAL_STREAM=DEVICE:INODE` (decimal) when it connects stdout or stderr to
/// journald. A process that finds its stderr's device and inode equal to those knows its stderr
/// goes to the journal and may switch to the native protocol (richer fields); a mismatch means
/// stderr was redirected (to a file, a pipe, a terminal) and must be left as it is.
public enum JournalStream {
    /// True when `value` (the `JOURNAL_STREAM` value) names the file open on `descriptor`.
    public static func matches(_ value: String?, descriptor: Int32 = STDERR_FILENO) -> Bool {
        guard let value else { return false }
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return false }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }

    /// `matches` for the process environment's `JOURNAL_STREAM` and stderr.
    public static func stderrIsJournal() -> Bool {
        matches(getenv("JOURNAL_STREAM").map { String(cString: $0) })
    }
}
