import Foundation
import Rules

/// What the daemon decides about an incident input before any team is chosen (SPEC §3.2,
/// §3.2.1, §3.3, §8): the one function both the dispatch core and `dispatchd plan` ask, so
/// that plan can never show orders for an input the daemon would not dispatch.
///
/// Invariants:
/// - Decided from the decoded message, the county and the time of arrival only (no state):
///   a cancel, all-clear or close never dispatches; an input whose `expires` has passed
///   dispatches nothing; an incident naming no area of the county, or (CAP) an event that
///   matches no configured kind, is accepted and dispatches nothing.
/// - Checked in that order; the first reason found is the verdict. What needs state (a
///   duplicate, a conflict, a stale or post-close input) is the core's, after this.
public enum InputVerdict: Sendable, Equatable, CustomStringConvertible {
    case dispatch
    case notDispatched(NoDispatchReason)

    public static func evaluate(_ message: IncidentMessage, county: County, now: Date) -> InputVerdict {
        switch message.msgType {
        case .cancel, .close: return .notDispatched(.lifts(message.msgType))
        case .alert, .update: break
        }
        if let expires = message.expires, expires <= now { return .notDispatched(.expired(expires)) }
        if !message.areaReferences.contains(where: { county.areas.resolve($0) != nil }) {
            return .notDispatched(.outsideCounty(message.areaReferences))
        }
        if message.kind == nil { return .notDispatched(.unknownKind) }
        return .dispatch
    }

    public var description: String {
        switch self {
        case .dispatch: "dispatch"
        case .notDispatched(let reason): "nothing dispatched: \(reason)"
        }
    }
}

/// Why an accepted incident input dispatches nothing.
public enum NoDispatchReason: Sendable, Equatable, CustomStringConvertible {
    /// A cancel (CAP Cancel or all-clear) or close: it lifts or closes a known incident and
    /// never opens one.
    case lifts(IncidentMessage.MessageType)
    /// `expires` had passed when the input arrived.
    case expired(Date)
    /// No area reference is in this county (the references as written).
    case outsideCounty([String])
    /// The event matched no configured kind.
    case unknownKind

    public var description: String {
        switch self {
        case .lifts(.close): "a close ends the response of a known incident and never dispatches"
        case .lifts: "a cancel or all-clear lifts the warning of a known incident (orders not yet accepted are stood down) "
            + "and never opens an incident or dispatches"
        case .expired(let date): "the input expired at \(RFC3339.format(date, in: TimeZone(secondsFromGMT: 0)!)) before it arrived"
        case .outsideCounty(let references):
            "it names no area of this county" + (references.isEmpty ? "" : " (\(references.joined(separator: ", ")))")
        case .unknownKind: "its event matches no configured kind (cap.kinds)"
        }
    }
}

extension InputVerdict {
    /// The plan `dispatchd plan` (and `dispatchd test`, `check --diff`) shows for `message`
    /// arriving at `now` with `occupancy` in use: the matcher's when the verdict is to
    /// dispatch, otherwise one with the message's areas and no rules or orders.
    public static func plan(for message: IncidentMessage, county: County, now: Date,
                            occupancy: Occupancy = .empty) -> (InputVerdict, Plan) {
        let verdict = evaluate(message, county: county, now: now)
        let plan = Matcher(county: county).plan(for: message, occupancy: occupancy)
        guard verdict == .dispatch else {
            return (verdict, Plan(incidentID: plan.incidentID, areas: plan.areas, unresolvedAreas: plan.unresolvedAreas))
        }
        return (verdict, plan)
    }
}
