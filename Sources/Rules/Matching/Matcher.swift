import Foundation

/// The matcher: turns one incident message and the open orders into a `Plan` (SPEC §5).
///
/// Invariants:
/// - Pure and deterministic: the same county, message and occupancy give the same plan; no
///   clock, no I/O, no randomness, no dependence on dictionary order.
/// - Every rule whose `when` matches applies (kind, level, area overlap, season at `sent` in
///   the county's timezone); a message without a kind matches nothing; the response level is
///   the highest of the matched rules.
/// - Demands are served in rules-file order, then listed order, then once per matching
///   incident area in the areas' input order; each is keyed by `DemandKey` and only its gap
///   (count minus its open orders) is filled.
/// - No team is picked twice for one incident; no team gets more open orders than its
///   capacity (exercise orders count against exercises only; a real demand may preempt the
///   newest exercise order, preferring genuinely free teams within a ring).
/// - Every picked team lies inside the demand's `within` ancestor of its search area (the
///   search area's own subtree when that area sits at or above the `within` level).
///
/// All indices are built once in `init`; `plan` does binary searches over presorted team
/// runs and a bounded selection, never a sort of the candidates.
public struct Matcher: Sendable {
    let index: MatcherIndex

    public init(county: County) {
        index = MatcherIndex(county: county)
    }

    public var county: County { index.county }

    /// What to dispatch for `message`, given the orders already open.
    public func plan(for message: IncidentMessage, occupancy: Occupancy) -> Plan {
        let tree = index.county.areas
        var plan = Plan(incidentID: message.incidentID)
        for reference in message.areaReferences {
            if let area = tree.resolve(reference) {
                if !plan.areas.contains(area) { plan.areas.append(area) }
            } else {
                plan.unresolvedAreas.append(reference)
            }
        }
        guard let kind = message.kind, !plan.areas.isEmpty else { return plan }

        var state = SearchState(index: index, occupancy: occupancy, isExercise: message.exercise)
        var monthDay: Season.MonthDay?
        var matchedAreas: [Int] = []
        for ruleIndex in index.rules(forKind: kind) {
            let filter = index.ruleFilters[ruleIndex]
            if let level = filter.level, !level.matches(message.level) { continue }
            if filter.hasSeason {
                let day = monthDay ?? index.monthDay(of: message.sent)
                monthDay = day
                guard filter.containsDay(day) else { continue }
            }
            matchedAreas.removeAll(keepingCapacity: true)
            for area in plan.areas where filter.overlaps(Int32(area), index.areaEnd[area]) { matchedAreas.append(area) }
            guard !matchedAreas.isEmpty else { continue }

            let ruleID = index.ruleIDs[ruleIndex], response = index.ruleResponse[ruleIndex]
            plan.rules.append(ruleID)
            plan.responseLevel = max(plan.responseLevel ?? response, response)
            for (demandIndex, demand) in index.ruleDemands[ruleIndex].enumerated() {
                for area in matchedAreas {
                    let key = DemandKey(ruleID: ruleID, demandIndex: demandIndex, areaPath: index.areaPath[area])
                    plan.required[key] = demand.count
                    serve(demand, of: ruleIndex, key: key, area: area, message: message, occupancy: occupancy,
                          state: &state, plan: &plan)
                }
            }
        }
        return plan
    }

    /// One more team for an existing demand (after a decline, an unanswered chain with
    /// `on_unacknowledged: reassign`, or when a team frees up for a pending demand), chosen
    /// with the same ordering and exclusions as `plan`. Nil when the demand no longer exists
    /// in the config or no team is available.
    public func nextTeam(for demand: DemandKey, message: IncidentMessage, occupancy: Occupancy) -> Assignment? {
        guard let ruleIndex = index.ruleIndexByID[demand.ruleID],
              let area = index.county.areas.indexByPath[demand.areaPath] else { return nil }
        let rule = index.county.rules[ruleIndex]
        guard rule.mobilize.indices.contains(demand.demandIndex) else { return nil }
        let spec = index.ruleDemands[ruleIndex][demand.demandIndex]
        let state = SearchState(index: index, occupancy: occupancy, isExercise: message.exercise)
        guard let pick = index.search(spec, from: area,
                                      origin: message.location ?? index.areaLocation[area],
                                      wanted: 1, state: state).first else { return nil }
        return assignment(for: pick, key: demand, area: area, state: state)
    }

    private func serve(_ demand: FlatDemand, of ruleIndex: Int, key: DemandKey, area: Int, message: IncidentMessage,
                       occupancy: Occupancy, state: inout SearchState, plan: inout Plan) {
        let open = occupancy.openByDemand.isEmpty ? 0 : occupancy.openByDemand[key]?.count ?? 0
        let gap = demand.count - open
        guard gap > 0 else { return }
        let picks = index.search(demand, from: area,
                                 origin: message.location ?? index.areaLocation[area], wanted: gap, state: state)
        for pick in picks {
            let assignment = assignment(for: pick, key: key, area: area, state: state)
            state.block(pick.team)
            if let preempted = assignment.preemptsExerciseOrder { plan.preemptedExerciseOrders.append(preempted) }
            plan.assignments.append(assignment)
        }
        if picks.count < gap {
            let selector = index.county.rules[ruleIndex].mobilize[key.demandIndex].selector
            plan.shortfalls.append(Shortfall(demand: key, selector: selector, area: area,
                                             requested: demand.count, dispatched: open + picks.count))
        }
    }

    private func assignment(for pick: Pick, key: DemandKey, area: Int, state: SearchState) -> Assignment {
        Assignment(demand: key, teamID: index.teamIDs[pick.team], area: area, ring: pick.ring,
                   ringArea: pick.ringArea, distanceKm: pick.distanceKm,
                   preemptsExerciseOrder: pick.preempts ? state.exerciseOrders[pick.team]?.last : nil)
    }
}
