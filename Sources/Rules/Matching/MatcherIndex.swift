import Foundation

/// Everything the matcher precomputes from a `County` once per config, so that matching one
/// incident does no sorting and almost no allocation.
///
/// Invariants: every array indexed by area has `county.areas.count` entries, every array
/// indexed by team has `county.teams.count` entries; rule lists hold rule indices in
/// rules-file order.
struct MatcherIndex: Sendable {
    let county: County
    let duty: DutyDirectory
    /// Teams per capability and per kind, sorted by home area (see `TeamSlice`).
    let byCapability: [String: TeamSlice]
    let byKind: [String: TeamSlice]
    /// Rules that name a kind, merged with the rules for any kind, per kind.
    let rulesByKind: [String: [Int]]
    /// Rules without a kind condition (the candidates for a kind no rule names).
    let rulesForAnyKind: [Int]
    let ruleIndexByID: [String: Int]
    let teamIndexByID: [String: Int]
    /// Each area's own location, else its nearest located ancestor's.
    let areaLocation: [GeoPoint?]
    /// Each team's own location, else its area's (as above).
    let teamLocation: [GeoPoint?]
    /// Per team, copied out of `Team` so the hot loop touches only flat arrays.
    let teamPriority: [Int]
    let teamCapacity: [Int]
    /// Each team's position when all team ids are sorted: the final, total tie-break.
    let teamIDRank: [Int32]
    /// The Gregorian calendar in the county's timezone, for seasons.
    let calendar: Calendar

    init(county: County) {
        self.county = county
        let tree = county.areas
        duty = DutyDirectory(areas: tree, posts: county.dutyPosts)

        var locations = [GeoPoint?](repeating: nil, count: tree.count)
        for index in 0..<tree.count {   // preorder: parents come first
            locations[index] = tree[index].location ?? tree[index].parent.flatMap { locations[$0] }
        }
        areaLocation = locations
        teamLocation = county.teams.map { $0.location ?? locations[$0.area] }
        teamPriority = county.teams.map(\.priority)
        teamCapacity = county.teams.map(\.capacity)

        var capabilityMembers: [String: [(team: Int, area: Int)]] = [:]
        var kindMembers: [String: [(team: Int, area: Int)]] = [:]
        var teamIndices: [String: Int] = [:]
        for (index, team) in county.teams.enumerated() {
            for capability in Set(team.capabilities) {
                capabilityMembers[capability, default: []].append((index, team.area))
            }
            kindMembers[team.kind, default: []].append((index, team.area))
            if teamIndices[team.id] == nil { teamIndices[team.id] = index }
        }
        byCapability = capabilityMembers.mapValues { TeamSlice(members: $0) }
        byKind = kindMembers.mapValues { TeamSlice(members: $0) }
        teamIndexByID = teamIndices

        var rank = [Int32](repeating: 0, count: county.teams.count)
        let byID = county.teams.indices.sorted { county.teams[$0].id < county.teams[$1].id }
        for (position, team) in byID.enumerated() { rank[team] = Int32(position) }
        teamIDRank = rank

        var anyKind: [Int] = []
        var named: [String: [Int]] = [:]
        var ruleIndices: [String: Int] = [:]
        for (index, rule) in county.rules.enumerated() {
            if ruleIndices[rule.id] == nil { ruleIndices[rule.id] = index }
            if let kinds = rule.when.kinds {
                for kind in Set(kinds) { named[kind, default: []].append(index) }
            } else {
                anyKind.append(index)
            }
        }
        rulesForAnyKind = anyKind
        rulesByKind = named.mapValues { ($0 + anyKind).sorted() }
        ruleIndexByID = ruleIndices

        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = county.settings.timeZone
        self.calendar = calendar
    }

    /// The candidate rules for an incident kind, in rules-file order.
    func rules(forKind kind: String) -> [Int] {
        rulesByKind[kind] ?? rulesForAnyKind
    }

    func slice(for selector: Demand.Selector) -> TeamSlice? {
        switch selector {
        case .capability(let name): byCapability[name]
        case .kind(let name): byKind[name]
        }
    }

    /// The month and day of `date` in the county's timezone.
    func monthDay(of date: Date) -> Season.MonthDay {
        let parts = calendar.dateComponents([.month, .day], from: date)
        return Season.MonthDay(month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// The area at `level` on the way from `area` up to the root (`area` included), without
    /// allocating; nil when the lineage has no area of that level.
    func ancestor(of area: Int, atLevel level: String) -> Int? {
        var current: Int? = area
        while let index = current {
            if county.areas[index].level == level { return index }
            current = county.areas[index].parent
        }
        return nil
    }
}
