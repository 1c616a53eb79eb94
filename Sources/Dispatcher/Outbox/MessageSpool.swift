/// The outgoing spool as the outbox publisher sees it: `outgoing/.staging/` and `outgoing/`.
///
/// The daemon's implementation (over the Platform layer) writes and renames real files; tests
/// use an in-memory one that can fail at any step.
public protocol MessageSpool: Sendable {
    /// Writes `bytes` to `.staging/name` and fsyncs it; succeeds if it already holds exactly these bytes.
    /// The name may become durable only at the next `syncStaged()`.
    func stage(name: String, bytes: [UInt8]) throws
    /// Makes every name staged so far durable (one fsync of `.staging/` for a whole batch).
    func syncStaged() throws
    func isStaged(name: String) throws -> Bool
    /// Renames each staged file into `outgoing/` (never overwriting), in order, then fsyncs `outgoing/` once.
    func publish(names: [String]) throws
}

extension MessageSpool {
    /// For spools whose `stage` is durable by itself (in-memory test spools).
    public func syncStaged() throws {}
}
