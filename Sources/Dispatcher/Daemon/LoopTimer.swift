/// Every timer on the daemon's loop: its own, apart from the engine's deadlines.
public enum LoopTimer: Hashable, Comparable, Sendable {
    /// Look at the drop directories again (a create that never closes, files still settling).
    case scan
    /// The end of a batch fault's backoff: intake resumes.
    case retry
    /// An input whose read failed may be read again (see `Daemon.readFailed`).
    case readRetry
    /// The safety rescan every `rescan_interval`.
    case rescan
    /// Publish again after a failed run.
    case publish
    /// Send the `STATUS=` held back by the rate limit.
    case status
    /// An engine deadline: applied in one transaction with the others due at once.
    case engine(EngineTimer)
}
