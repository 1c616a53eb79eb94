/// The result of matching one incident against the county: which rules applied, which teams
/// to send for which demand and why, and what could not be filled. Pure data; the daemon turns
/// it into orders and the `plan` command prints it.
public struct Plan: Sendable, Equatable {
    public var incidentID: String
    /// Ids of every rule whose `when` matched, in rules-file order.
    public var rules: [String]
    /// The highest response level of the matched rules; nil when none matched.
    public var responseLevel: ResponseLevel?
    /// Area indices the incident covers (resolved from its references), in input order.
    public var areas: [Int]
    /// Area references that resolved to nothing in this county (logged as outside the county).
    public var unresolvedAreas: [String]
    public var assignments: [Assignment]
    public var shortfalls: [Shortfall]
    /// Exercise orders whose team a real demand took (to be stood down, reason `real-incident`).
    public var preemptedExerciseOrders: [String]
    /// Every demand the matched rules require, with its count (open orders beyond it are
    /// stood down on a re-plan, SPEC §8).
    public var required: [DemandKey: Int] = [:]

    public init(incidentID: String, rules: [String] = [], responseLevel: ResponseLevel? = nil, areas: [Int] = [],
                unresolvedAreas: [String] = [], assignments: [Assignment] = [], shortfalls: [Shortfall] = [],
                preemptedExerciseOrders: [String] = []) {
        self.incidentID = incidentID
        self.rules = rules
        self.responseLevel = responseLevel
        self.areas = areas
        self.unresolvedAreas = unresolvedAreas
        self.assignments = assignments
        self.shortfalls = shortfalls
        self.preemptedExerciseOrders = preemptedExerciseOrders
    }
}

/// Identifies one demand of one incident: (rule, index in its `mobilize`, incident area path).
/// Open orders keyed by it count toward it, so re-planning only fills gaps (SPEC §5).
public struct DemandKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var ruleID: String
    public var demandIndex: Int
    public var areaPath: String

    public init(ruleID: String, demandIndex: Int, areaPath: String) {
        self.ruleID = ruleID
        self.demandIndex = demandIndex
        self.areaPath = areaPath
    }

    public var description: String { "\(ruleID)#\(demandIndex)@\(areaPath)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.ruleID, lhs.demandIndex, lhs.areaPath) < (rhs.ruleID, rhs.demandIndex, rhs.areaPath)
    }
}

/// One team picked for one demand.
public struct Assignment: Sendable, Equatable {
    public var demand: DemandKey
    public var teamID: String
    public var ruleID: String { demand.ruleID }
    /// Index of the incident area the search started from.
    public var area: Int
    /// 0: the incident's area and below; 1: the rest of its parent's subtree; and so on.
    public var ring: Int
    /// Index of the area whose subtree the ring covers (the incident area's ring-th ancestor).
    public var ringArea: Int
    /// Great-circle distance when both locations are known.
    public var distanceKm: Double?
    /// Set when the team is taken from an exercise order (which must be stood down).
    public var preemptsExerciseOrder: String?

    public init(demand: DemandKey, teamID: String, area: Int, ring: Int, ringArea: Int, distanceKm: Double? = nil,
                preemptsExerciseOrder: String? = nil) {
        self.demand = demand
        self.teamID = teamID
        self.area = area
        self.ring = ring
        self.ringArea = ringArea
        self.distanceKm = distanceKm
        self.preemptsExerciseOrder = preemptsExerciseOrder
    }
}

/// A demand that got fewer teams than it asked for.
public struct Shortfall: Sendable, Equatable {
    public var demand: DemandKey
    public var selector: Demand.Selector
    /// Index of the incident area the demand searched from.
    public var area: Int
    public var requested: Int
    /// Teams serving the demand after this plan: open orders already counted plus new picks.
    public var dispatched: Int

    public init(demand: DemandKey, selector: Demand.Selector, area: Int, requested: Int, dispatched: Int) {
        self.demand = demand
        self.selector = selector
        self.area = area
        self.requested = requested
        self.dispatched = dispatched
    }
}
