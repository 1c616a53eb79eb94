/// The outgoing spool as the outbox publisher sees it: `outgoing/.staging/` and `outgoing/`.
///
/// The daemon's implementation (over the Platform layer) writes and renames real files; tests
/// use an in-memory one that can fail at any step.
public protocol MessageSpool: Sendable {
    /// Writes `bytes` to `.staging/name` and fsyncs it; succeeds if it already holds exactly these bytes.
    func stage(name: String, bytes: [UInt8]) throws
    func isStaged(name: String) throws -> Bool
    /// Renames each staged file into `outgoing/` (never overwriting), in order, then fsyncs `outgoing/` once.
    func publish(names: [String]) throws
}
