/// The ring search for one demand (SPEC §5): outward from the incident's area, ring by ring,
/// up to the ancestor at the demand's `within` level; within a ring the best teams by
/// (genuinely free before preempting an exercise order, priority higher first, distance
/// nearer first, id), kept with a small bounded insertion so the candidate run is never
/// sorted.
///
/// A team whose distance cannot be known (no location on it or above its area) ranks after
/// every team whose distance is known, when the incident's location is known; when it is not,
/// distance plays no part.

/// The per-plan view of `Occupancy` in team indices, plus the teams picked so far.
struct SearchState {
    /// One bit per team: already on the incident, excluded from it, or picked in this plan.
    private var blocked: [UInt64]
    var realLoad: [Int: Int] = [:]
    var exerciseOrders: [Int: [String]] = [:]
    /// True when the incident is an exercise: exercise orders then hold capacity too, and no
    /// exercise order is ever preempted.
    var isExercise: Bool

    init(index: MatcherIndex, occupancy: Occupancy, isExercise: Bool) {
        self.isExercise = isExercise
        blocked = [UInt64](repeating: 0, count: index.teamPriority.count / 64 + 1)
        for id in occupancy.teamsOnIncident.union(occupancy.excluded) {
            if let team = index.teamIndexByID[id] { block(team) }
        }
        for (id, load) in occupancy.realLoad where load != 0 {
            if let team = index.teamIndexByID[id] { realLoad[team] = load }
        }
        for (id, orders) in occupancy.exerciseOrders where !orders.isEmpty {
            if let team = index.teamIndexByID[id] { exerciseOrders[team] = orders }
        }
    }

    mutating func block(_ team: Int) {
        blocked[team >> 6] |= 1 << UInt64(team & 63)
    }

    func isBlocked(_ team: Int) -> Bool {
        blocked[team >> 6] & (1 << UInt64(team & 63)) != 0
    }

    /// Whether `team` can take one more order: nil when not, false when genuinely free, true
    /// when only by preempting its newest exercise order.
    func availability(of team: Int, capacity: Int) -> Bool? {
        if isBlocked(team) { return nil }
        let load = realLoad.isEmpty ? 0 : realLoad[team] ?? 0
        let exercises = exerciseOrders.isEmpty ? 0 : exerciseOrders[team]?.count ?? 0
        if load + exercises < capacity { return false }
        if isExercise || load >= capacity || exercises == 0 { return nil }
        return true
    }
}

/// One team chosen by the ring search.
struct Pick {
    var team: Int
    var ring: Int
    var ringArea: Int
    var distanceKm: Double?
    var preempts: Bool
}

/// A candidate under comparison; `distance` is infinite when unknown.
private struct Candidate {
    var team: Int
    var preempts: Bool
    var priority: Int
    var distance: Double
    var rank: Int32

    func precedes(_ other: Candidate) -> Bool {
        if preempts != other.preempts { return !preempts }
        if priority != other.priority { return priority > other.priority }
        if distance != other.distance { return distance < other.distance }
        return rank < other.rank
    }
}

extension MatcherIndex {
    /// Up to `wanted` teams for `demand`, searched from `start` up to its `within` ancestor,
    /// nearest ring first, best first within a ring. `origin` is the incident's location (its
    /// own, else its area's).
    func search(_ demand: FlatDemand, from start: Int, origin: GeoPoint?, wanted: Int, state: SearchState) -> [Pick] {
        guard wanted > 0, demand.slice >= 0 else { return [] }
        let slice = slices[demand.slice]
        guard slice.count > 0 else { return [] }
        let limit = demand.within == -1 ? 0 : ancestor(of: start, atLevel: demand.within) ?? start
        var picks: [Pick] = []
        var best: [Candidate] = []
        best.reserveCapacity(wanted)
        var ringArea = start, ring = 0
        var inner: Range<Int>? = nil
        while true {
            let outer = slice.positions(in: ringArea ..< Int(areaEnd[ringArea]))
            let need = wanted - picks.count
            best.removeAll(keepingCapacity: true)
            if let inner {
                collect(slice, outer.lowerBound ..< inner.lowerBound, origin: origin, need: need, state: state, into: &best)
                collect(slice, inner.upperBound ..< outer.upperBound, origin: origin, need: need, state: state, into: &best)
            } else {
                collect(slice, outer, origin: origin, need: need, state: state, into: &best)
            }
            for candidate in best {
                picks.append(Pick(team: candidate.team, ring: ring, ringArea: ringArea,
                                  distanceKm: candidate.distance.isFinite ? candidate.distance : nil,
                                  preempts: candidate.preempts))
            }
            let parent = Int(areaParent[ringArea])
            if picks.count >= wanted || ringArea == limit || parent < 0 { break }
            inner = outer
            ringArea = parent
            ring += 1
        }
        return picks
    }

    /// Scans `positions` of `slice` and keeps the best `need` available candidates in `best`,
    /// ordered best first.
    private func collect(_ slice: TeamSlice, _ positions: Range<Int>, origin: GeoPoint?, need: Int,
                         state: SearchState, into best: inout [Candidate]) {
        guard !positions.isEmpty else { return }
        for position in positions {
            let team = Int(slice.teams[position])
            let priority = teamPriority[team]
            guard let preempts = state.availability(of: team, capacity: teamCapacity[team]) else { continue }
            if best.count == need, let worst = best.last {
                // Cheap rejections before computing a distance.
                if preempts && !worst.preempts { continue }
                if preempts == worst.preempts && priority < worst.priority { continue }
            }
            var distance = Double.infinity
            if let origin, let location = teamLocation[team] { distance = origin.distanceKm(to: location) }
            let candidate = Candidate(team: team, preempts: preempts, priority: priority,
                                      distance: distance, rank: teamIDRank[team])
            if best.count == need {
                guard let worst = best.last, candidate.precedes(worst) else { continue }
                best.removeLast()
            }
            var slot = best.count
            while slot > 0 && candidate.precedes(best[slot - 1]) { slot -= 1 }
            best.insert(candidate, at: slot)
        }
    }
}
