import Glibc

/// The real user id of this process (without Foundation's `ProcessInfo`).
public func currentUID() -> UInt32 {
    getuid()
}

/// The monotonic clock (CLOCK_MONOTONIC): never jumps with the wall clock; for measuring
/// intervals and for sd_notify's `MONOTONIC_USEC`.
public enum MonotonicClock {
    public static func microseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
