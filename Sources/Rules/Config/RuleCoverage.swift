/// Whole-config checks of the rules against the tree, the duty posts and the teams:
/// every escalation step must resolve to a duty post for every area a rule can apply to
/// (error), every demand should be satisfiable by the teams in reach (warning), and every
/// team should be reachable by some demand (warning).
///
/// Cost: one pass over the tree per distinct escalation level, then a binary search per
/// (step, scope), cached; capacity sums are prefix sums per capability or kind over teams in
/// area order. A province-sized config (20,000 areas, teams; 2,000 rules) takes milliseconds.
struct RuleCoverage {
    let tree: AreaTree
    let directory: DutyDirectory
    let teams: [Team]
    let log: DiagnosticLog

    private var unservedByLevel: [String: [Int]] = [:]
    /// Unserved areas per (level, scope area): rules often share both.
    private var unservedByScope: [String: [Int]] = [:]

    init(tree: AreaTree, posts: [DutyPost], teams: [Team], log: DiagnosticLog) {
        self.tree = tree
        self.directory = DutyDirectory(areas: tree, posts: posts)
        self.teams = teams
        self.log = log
    }

    /// `warn` is false when the rules file could not be parsed: every team would look
    /// unreachable, which only hides the real error.
    mutating func check(_ rules: [Rule], warn: Bool) {
        for rule in rules { checkEscalation(rule) }
        guard warn else { return }
        checkSatisfiable(rules)
        checkReachable(rules)
    }

    // MARK: Escalation coverage

    /// Areas where `.level(level)` resolves to no post, in index order.
    private mutating func unserved(level: String) -> [Int] {
        if let cached = unservedByLevel[level] { return cached }
        let target = EscalationStep.Target.level(level)
        let result = (0..<tree.count).filter { directory.resolve(target, teamArea: $0, incidentArea: $0) == nil }
        unservedByLevel[level] = result
        return result
    }

    /// Areas a rule scoped at `scope` can apply to (its subtree and the areas above it) where
    /// `.level(level)` resolves to no post.
    private mutating func unserved(level: String, scope: Int) -> [Int] {
        let key = "\(level)|\(scope)"
        if let cached = unservedByScope[key] { return cached }
        let all = unserved(level: level)
        var missing: [Int] = []
        if !all.isEmpty {
            var next = firstIndex(in: all) { $0 >= scope }
            while next < all.count, all[next] < tree[scope].subtreeEnd {
                missing.append(all[next])
                next += 1
            }
            for above in tree.lineage(of: scope).dropFirst() {
                let found = firstIndex(in: all) { $0 >= above }
                if found < all.count, all[found] == above { missing.append(above) }
            }
        }
        unservedByScope[key] = missing
        return missing
    }

    private mutating func checkEscalation(_ rule: Rule) {
        let scope = rule.when.area ?? 0
        for (number, step) in rule.escalate.enumerated() {
            guard case .level(let level) = step.to else { continue }   // a post id was checked on reading
            let missing = unserved(level: level, scope: scope)
            guard !missing.isEmpty else { continue }
            let examples = missing.prefix(3).map { "'\(tree[$0].path)'" }.joined(separator: ", ")
            let more = missing.count > 3 ? " and \(missing.count - 3) more" : ""
            let anchor = tree.ancestor(of: missing[0], atLevel: level) ?? missing[0]
            log.error(step.declaredAt ?? rule.declaredAt,
                      "escalation step \(number + 1) of rule '\(rule.id)' (to: \(level)) reaches no duty post for \(examples)\(more)",
                      remedy: "add a duty post at '\(tree[anchor].path)' or above")
        }
    }

    // MARK: Satisfiability and reach

    private func checkSatisfiable(_ rules: [Rule]) {
        var capacityIndex: [Demand.Selector: (areas: [Int], prefix: [Int])] = [:]
        let byArea = teams.sorted { $0.area < $1.area }
        for team in byArea {
            for selector in Set([Demand.Selector.kind(team.kind)] + team.capabilities.map(Demand.Selector.capability)) {
                var entry = capacityIndex[selector] ?? ([], [0])
                entry.areas.append(team.area)
                entry.prefix.append(entry.prefix.last! + team.capacity)
                capacityIndex[selector] = entry
            }
        }
        func capacity(_ selector: Demand.Selector, in region: Int) -> Int {
            guard let entry = capacityIndex[selector] else { return 0 }
            let low = firstIndex(in: entry.areas) { $0 >= region }
            let high = firstIndex(in: entry.areas) { $0 >= tree[region].subtreeEnd }
            return entry.prefix[high] - entry.prefix[low]
        }
        for rule in rules {
            for demand in rule.mobilize {
                var region = 0
                if let area = rule.when.area, let within = demand.within {
                    region = tree.ancestor(of: area, atLevel: within) ?? 0
                }
                let available = capacity(demand.selector, in: region)
                guard available < demand.count else { continue }
                let place = region == 0 ? "the whole county" : "'\(tree[region].path)'"
                log.warning(demand.declaredAt ?? rule.declaredAt,
                            "rule '\(rule.id)' demands \(demand.count) of \(demand.selector) but teams in \(place) can take only \(available)",
                            remedy: "add teams with that \(demand.selector) or raise their capacity, or lower `count`")
            }
        }
    }

    private func checkReachable(_ rules: [Rule]) {
        var demanded: Set<Demand.Selector> = []
        for rule in rules { for demand in rule.mobilize { demanded.insert(demand.selector) } }
        for team in teams where !demanded.contains(.kind(team.kind))
            && !team.capabilities.contains(where: { demanded.contains(.capability($0)) }) {
            log.warning(team.declaredAt, "no rule can ever mobilize team '\(team.id)' (kind \(team.kind), capabilities \(team.capabilities.joined(separator: ", ")))",
                        remedy: "add a rule demanding its kind or one of its capabilities, or remove the team")
        }
    }
}

/// The first index of `sorted` whose element satisfies `predicate`, which must be false then
/// true along the array (binary search).
private func firstIndex(in sorted: [Int], where predicate: (Int) -> Bool) -> Int {
    var low = 0, high = sorted.count
    while low < high {
        let middle = (low + high) / 2
        if predicate(sorted[middle]) { high = middle } else { low = middle + 1 }
    }
    return low
}
