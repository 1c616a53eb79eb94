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
    /// Teams per capability and per kind, sorted by home area (see `TeamSlice`), addressed
    /// through `sliceByCapability` / `sliceByKind`.
    let slices: [TeamSlice]
    let sliceByCapability: [String: Int]
    let sliceByKind: [String: Int]
    /// Rules that name a kind, merged with the rules for any kind, per kind.
    let rulesByKind: [String: [Int]]
    /// Rules without a kind condition (the candidates for a kind no rule names).
    let rulesForAnyKind: [Int]
    let ruleIndexByID: [String: Int]
    /// Per rule: its `when` flattened, and its demands with selectors and levels resolved.
    let ruleFilters: [RuleFilter]
    let ruleDemands: [[FlatDemand]]
    let ruleIDs: [String]
    let ruleResponse: [ResponseLevel]
    let teamIndexByID: [String: Int]
    let teamIDs: [String]
    /// Per area, flattened out of `AreaTree.Area` so the hot path copies no strings.
    let areaParent: [Int32]
    let areaEnd: [Int32]
    let areaLevel: [Int32]
    let areaPath: [String]
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
        var levelIDs: [String: Int32] = [:]
        for area in tree.areas where levelIDs[area.level] == nil { levelIDs[area.level] = Int32(levelIDs.count) }
        areaParent = tree.areas.map { Int32($0.parent ?? -1) }
        areaEnd = tree.areas.map { Int32($0.subtreeEnd) }
        areaLevel = tree.areas.map { levelIDs[$0.level]! }
        areaPath = tree.areas.map(\.path)
        teamLocation = county.teams.map { $0.location ?? locations[$0.area] }
        teamIDs = county.teams.map(\.id)
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
        var slices: [TeamSlice] = []
        var byCapability: [String: Int] = [:], byKind: [String: Int] = [:]
        for (name, members) in capabilityMembers.sorted(by: { $0.key < $1.key }) {
            byCapability[name] = slices.count
            slices.append(TeamSlice(members: members))
        }
        for (name, members) in kindMembers.sorted(by: { $0.key < $1.key }) {
            byKind[name] = slices.count
            slices.append(TeamSlice(members: members))
        }
        self.slices = slices
        sliceByCapability = byCapability
        sliceByKind = byKind
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
        ruleIDs = county.rules.map(\.id)
        ruleResponse = county.rules.map(\.response)
        ruleFilters = county.rules.map { RuleFilter(rule: $0, tree: tree, seasons: county.settings.seasons) }
        ruleDemands = county.rules.map { rule in
            rule.mobilize.map { FlatDemand($0, slices: byCapability, byKind, levels: levelIDs) }
        }

        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = county.settings.timeZone
        self.calendar = calendar
    }

    /// The candidate rules for an incident kind, in rules-file order.
    func rules(forKind kind: String) -> [Int] {
        rulesByKind[kind] ?? rulesForAnyKind
    }

    /// The month and day of `date` in the county's timezone.
    func monthDay(of date: Date) -> Season.MonthDay {
        let parts = calendar.dateComponents([.month, .day], from: date)
        return Season.MonthDay(month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// The area of level `level` on the way from `area` up to the root (`area` included);
    /// nil when the lineage has none.
    func ancestor(of area: Int, atLevel level: Int32) -> Int? {
        var current = Int32(area)
        while current >= 0 {
            if areaLevel[Int(current)] == level { return Int(current) }
            current = areaParent[Int(current)]
        }
        return nil
    }
}

/// A rule's `when` in flat form (no strings), checked for every candidate rule.
struct RuleFilter: Sendable {
    var level: LevelCondition?
    /// The rule area's subtree `areaLow ..< areaHigh`; `areaLow == -1` when the rule has none.
    var areaLow: Int32
    var areaHigh: Int32
    var hasSeason: Bool
    /// nil with `hasSeason`: the season is not configured, so the rule never matches.
    var season: (from: Season.MonthDay, to: Season.MonthDay)?

    init(rule: Rule, tree: AreaTree, seasons: [String: Season]) {
        level = rule.when.level
        if let area = rule.when.area {
            areaLow = Int32(area)
            areaHigh = Int32(tree[area].subtreeEnd)
        } else {
            areaLow = -1
            areaHigh = -1
        }
        hasSeason = rule.when.season != nil
        season = rule.when.season.flatMap { seasons[$0] }.map { ($0.from, $0.to) }
    }

    /// True when the rule's area and the incident area (subtree `low ..< high`) overlap:
    /// one lies inside the other.
    func overlaps(_ low: Int32, _ high: Int32) -> Bool {
        areaLow < 0 || (low >= areaLow && low < areaHigh) || (areaLow >= low && areaLow < high)
    }

    func containsDay(_ day: Season.MonthDay) -> Bool {
        guard let season else { return false }
        return Season(name: "", from: season.from, to: season.to).contains(day)
    }
}

/// A demand with its selector resolved to a `TeamSlice` index and its `within` to a level id.
struct FlatDemand: Sendable {
    /// Index into `MatcherIndex.slices`; -1 when no team has the capability or kind.
    var slice: Int
    var count: Int
    /// -1: search up to the root; -2: a level the tree does not use (ring 0 only).
    var within: Int32

    init(_ demand: Demand, slices byCapability: [String: Int], _ byKind: [String: Int], levels: [String: Int32]) {
        switch demand.selector {
        case .capability(let name): slice = byCapability[name] ?? -1
        case .kind(let name): slice = byKind[name] ?? -1
        }
        count = demand.count
        within = demand.within.map { levels[$0] ?? -2 } ?? -1
    }
}
