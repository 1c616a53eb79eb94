/// A deadline the engine keeps (SPEC §7, §14): an order's next escalation step or chain end, an
/// incident's expiry, an unavailable team's `until`. A type rather than a name, so nothing outside parses a timer id back; the
/// daemon's own timers are apart from these (`LoopTimer`).
///
/// Invariant: one `String` inside (the kind's letter, then the id), so that a pending deadline's
/// id is 16 bytes and `LoopTimer.engine(_)` too (an enum of two `String` cases would take 17,
/// and 27 more bytes per pending deadline with the heap's and map's padding).
public struct EngineTimer: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// The order's next escalation step, or the end of its chain (the order id).
        case order(String)
        /// The incident's `expires` (the incident id).
        case expire(String)
        /// The end of a team's unavailability (`team ... until`, the team id).
        case team(String)
    }

    private let key: String

    public static func order(_ orderID: String) -> EngineTimer { EngineTimer(key: "o" + orderID) }
    public static func expire(_ incidentID: String) -> EngineTimer { EngineTimer(key: "e" + incidentID) }
    public static func team(_ teamID: String) -> EngineTimer { EngineTimer(key: "t" + teamID) }

    public var kind: Kind {
        let id = String(key.unicodeScalars.dropFirst())
        switch key.unicodeScalars.first {
        case "o": return .order(id)
        case "t": return .team(id)
        default: return .expire(id)
        }
    }

    public static func < (lhs: EngineTimer, rhs: EngineTimer) -> Bool { lhs.key < rhs.key }

    public var description: String {
        switch kind {
        case .order(let orderID): "order:" + orderID
        case .expire(let incidentID): "expire:" + incidentID
        case .team(let teamID): "team:" + teamID
        }
    }
}
