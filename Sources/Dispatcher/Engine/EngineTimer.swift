/// A deadline the engine keeps (SPEC §7): an order's next escalation step or chain end, an
/// incident's expiry. A type rather than a name, so nothing parses a timer id back; the daemon's
/// own timers are apart from these (`LoopTimer`).
public enum EngineTimer: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The order's next escalation step, or the end of its chain (the order id).
    case order(String)
    /// The incident's `expires` (the incident id).
    case expire(String)

    public var description: String {
        switch self {
        case .order(let orderID): "order:" + orderID
        case .expire(let incidentID): "expire:" + incidentID
        }
    }
}
