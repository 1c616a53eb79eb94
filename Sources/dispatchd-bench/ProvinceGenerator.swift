import Foundation
import Rules

/// Builds a province-sized county in memory, deterministically from a seed: province → 20
/// cities → 5 counties each → 10 towns each → 19 villages each (20,121 areas), 20,000 teams,
/// a duty post at every town and above, and 2,000 rules over kinds, levels, areas and
/// seasons. Rules are mostly regional (a county's or town's plan), as real ones are.
///
/// Invariant: the same seed and shape give an identical `County` (and identical YAML).
struct ProvinceGenerator {
    struct Shape {
        var cities = 20
        var countiesPerCity = 5
        var townsPerCounty = 10
        var villagesPerTown = 19
        var teams = 20_000
        var rules = 2_000
    }

    static let levels = ["province", "city", "county", "town", "village"]
    static let teamKinds = ["grid", "village-team", "militia", "fire-crew", "water-crew", "medical", "volunteer"]
    static let capabilities = ["evacuation", "firefighting", "rescue", "first-aid", "patrol", "pumping",
                               "logistics", "comms", "sandbag", "search"]
    static let incidentKinds = ["typhoon", "storm", "wildfire", "landslide"]
    static let seasons: [String: Season] = [
        "flood-season": Season(name: "flood-season", from: .init(month: 4, day: 15), to: .init(month: 10, day: 15)),
        "typhoon-season": Season(name: "typhoon-season", from: .init(month: 6, day: 1), to: .init(month: 10, day: 31)),
        "fire-season": Season(name: "fire-season", from: .init(month: 10, day: 1), to: .init(month: 3, day: 31)),
    ]
    static let levelConditions: [String?] = [nil, ">= yellow", ">= orange", "red", "<= blue"]

    var seed: UInt64 = 20_260_701
    var shape = Shape()

    func makeCounty() -> County {
        var random = SplitMix64(seed: seed)
        let tree = makeTree(&random)
        let teams = makeTeams(tree, &random)
        let posts = tree.areas.indices.filter { tree[$0].depth <= 3 }.map { index in
            DutyPost(id: "duty-" + tree[index].id, name: tree[index].name + "值班室", area: index,
                     contact: Recipient(name: tree[index].name + "值班员", phone: "0757-\(10_000_000 + index)"))
        }
        let rules = makeRules(tree, &random)
        let settings = County.Settings(configFile: "dispatchd.yaml", spool: "spool", state: "state",
                                       areasFile: "areas.yaml", teamsFile: "teams.yaml", dutyFile: "duty.yaml",
                                       rulesFile: "rules.yaml", seasons: Self.seasons)
        return County(settings: settings, areas: tree, teams: teams, dutyPosts: posts, rules: rules,
                      kinds: County.builtInKinds.union(["landslide"]), configHash: "generated-\(seed)")
    }

    /// `count` incidents over the province: mostly one village or town, some two or three
    /// areas, a few without a kind and a few exercises, spread over one year.
    func makeIncidents(_ count: Int, in county: County) -> [IncidentMessage] {
        var random = SplitMix64(seed: seed &+ 1)
        let tree = county.areas
        let lowAreas = tree.areas.indices.filter { tree[$0].depth >= 3 }
        let yearStart = 1_767_196_800.0   // 2026-01-01T00:00:00+08:00
        return (0..<count).map { number in
            let areaCount = Int.random(in: 0..<10, using: &random) < 8 ? 1 : Int.random(in: 2...3, using: &random)
            let areas = (0..<areaCount).map { _ in tree[lowAreas.randomElement(using: &random)!].path }
            let kind: String? = Int.random(in: 0..<20, using: &random) == 0 ? nil : Self.incidentKinds.randomElement(using: &random)
            let location = Bool.random(using: &random) ? jitter(tree.location(of: tree.resolve(areas[0])!), by: 0.02, &random) : nil
            return IncidentMessage(incidentID: "bench-\(number)", inputKey: "bench-\(number)|alert|0", kind: kind,
                                   level: WarningLevel.allCases.randomElement(using: &random)!, areaReferences: areas,
                                   title: "bench", sent: Date(timeIntervalSince1970: yearStart + Double.random(in: 0..<31_536_000, using: &random)),
                                   exercise: Int.random(in: 0..<20, using: &random) == 0, location: location)
        }
    }

    private func makeTree(_ random: inout SplitMix64) -> AreaTree {
        var areas: [AreaTree.Area] = []
        let fanOut = [shape.cities, shape.countiesPerCity, shape.townsPerCounty, shape.villagesPerTown, 0]
        let spread = [4.0, 0.8, 0.25, 0.06, 0.0]
        let names = ["省", "市", "县", "镇", "村"]
        func add(id: String, depth: Int, parent: Int?, path: String, at location: GeoPoint) {
            let index = areas.count
            areas.append(AreaTree.Area(id: id, name: "\(id)\(names[depth])", level: Self.levels[depth], path: path,
                                       location: location, parent: parent, depth: depth, subtreeEnd: index + 1))
            if let parent { areas[parent].children.append(index) }
            for child in 0..<fanOut[depth] {
                let childID = depth == 0 ? "c\(child + 1)" : "\(id)-\(child + 1)"
                add(id: childID, depth: depth + 1, parent: index, path: path + "/" + childID,
                    at: jitter(location, by: spread[depth], &random))
            }
            areas[index].subtreeEnd = areas.count
        }
        add(id: "gd", depth: 0, parent: nil, path: "gd", at: GeoPoint(lat: 23.1, lon: 113.3))
        return AreaTree(preorder: areas)
    }

    private func makeTeams(_ tree: AreaTree, _ random: inout SplitMix64) -> [Team] {
        let byDepth = Dictionary(grouping: tree.areas.indices, by: { tree[$0].depth })
        return (0..<shape.teams).map { number in
            let roll = Int.random(in: 0..<100, using: &random)
            let depth = roll < 60 ? 4 : roll < 85 ? 3 : roll < 97 ? 2 : 1
            let area = byDepth[depth]!.randomElement(using: &random)!
            let capabilities = Array(Self.capabilities.shuffled(using: &random).prefix(Int.random(in: 1...3, using: &random)))
            let location = Int.random(in: 0..<10, using: &random) < 7 ? jitter(tree.location(of: area), by: 0.01, &random) : nil
            return Team(id: String(format: "team-%05d", number), name: "\(tree[area].name)队\(number)",
                        kind: Self.teamKinds.randomElement(using: &random)!, capabilities: capabilities, area: area,
                        capacity: Int.random(in: 1...3, using: &random), leader: Recipient(name: "队长\(number)", phone: "1380000\(number)"),
                        priority: Int.random(in: 0...3, using: &random), location: location)
        }
    }

    private func makeRules(_ tree: AreaTree, _ random: inout SplitMix64) -> [Rule] {
        let byDepth = Dictionary(grouping: tree.areas.indices, by: { tree[$0].depth })
        let seasonNames = Self.seasons.keys.sorted()
        return (0..<shape.rules).map { number in
            let roll = Int.random(in: 0..<100, using: &random)
            let area: Int? = roll < 70 ? byDepth[2]!.randomElement(using: &random)
                : roll < 90 ? byDepth[3]!.randomElement(using: &random)
                : roll < 98 ? byDepth[1]!.randomElement(using: &random) : nil
            let condition = RuleCondition(
                kinds: [Self.incidentKinds.randomElement(using: &random)!],
                level: Self.levelConditions.randomElement(using: &random)!.flatMap { LevelCondition(text: $0) },
                area: area,
                season: Int.random(in: 0..<4, using: &random) == 0 ? seasonNames.randomElement(using: &random) : nil)
            let demands = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                let withinRoll = Int.random(in: 0..<100, using: &random)
                let within = withinRoll < 40 ? "town" : withinRoll < 85 ? "county" : "city"
                let selector: Demand.Selector = Int.random(in: 0..<4, using: &random) < 3
                    ? .capability(Self.capabilities.randomElement(using: &random)!)
                    : .kind(Self.teamKinds.randomElement(using: &random)!)
                return Demand(selector: selector, count: Int.random(in: 1...3, using: &random), within: within)
            }
            return Rule(id: String(format: "rule-%04d", number), when: condition,
                        response: ResponseLevel.allCases.randomElement(using: &random)!, mobilize: demands,
                        ackWithin: ConfigDuration(seconds: 600),
                        escalate: [EscalationStep(after: ConfigDuration(seconds: 600), to: .level("town")),
                                   EscalationStep(after: ConfigDuration(seconds: 1200), to: .level("county")),
                                   EscalationStep(after: ConfigDuration(seconds: 1800), to: .level("city"))],
                        onUnacknowledged: Bool.random(using: &random) ? .reassign : .report,
                        instructions: "{area_name}{incident_title}：请{team_name}立即集结，{ack_deadline}前回复确认")
        }
    }

    private func jitter(_ point: GeoPoint?, by degrees: Double, _ random: inout SplitMix64) -> GeoPoint {
        let base = point ?? GeoPoint(lat: 23.1, lon: 113.3)
        guard degrees > 0 else { return base }
        return GeoPoint(lat: base.lat + Double.random(in: -degrees...degrees, using: &random),
                        lon: base.lon + Double.random(in: -degrees...degrees, using: &random))
    }
}
