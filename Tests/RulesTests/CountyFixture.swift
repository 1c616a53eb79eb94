import Foundation
@testable import Rules

/// Builds small counties in code for the matcher tests: an area tree in preorder from a
/// nested description, then teams, duty posts, rules and seasons added by area path.
struct CountyFixture: Sendable {
    /// One area of the nested description; level defaults by depth (district, town, …).
    struct Node: Sendable {
        var id: String
        var level: String?
        var location: GeoPoint?
        var children: [Node]

        init(_ id: String, level: String? = nil, at location: GeoPoint? = nil, _ children: [Node] = []) {
            self.id = id
            self.level = level
            self.location = location
            self.children = children
        }
    }

    var tree: AreaTree
    var teams: [Team] = []
    var posts: [DutyPost] = []
    var rules: [Rule] = []
    var seasons: [String: Season] = [:]

    init(_ root: Node) {
        var areas: [AreaTree.Area] = []
        func add(_ node: Node, parent: Int?, depth: Int, parentPath: String?) {
            let index = areas.count
            let path = parentPath.map { "\($0)/\(node.id)" } ?? node.id
            let level = node.level ?? AreaTree.defaultLevels[min(depth, AreaTree.defaultLevels.count - 1)]
            areas.append(AreaTree.Area(id: node.id, name: node.id, level: level, path: path, location: node.location,
                                       parent: parent, depth: depth, subtreeEnd: index + 1))
            if let parent { areas[parent].children.append(index) }
            for child in node.children { add(child, parent: index, depth: depth + 1, parentPath: path) }
            areas[index].subtreeEnd = areas.count
        }
        add(root, parent: nil, depth: 0, parentPath: nil)
        tree = AreaTree(preorder: areas)
    }

    /// The index of the area at `reference` (a path or unique id); traps when there is none.
    func area(_ reference: String) -> Int {
        guard let index = tree.resolve(reference) else { fatalError("fixture has no area \(reference)") }
        return index
    }

    mutating func team(_ id: String, at area: String, kind: String = "militia", capabilities: [String] = ["evacuation"],
                       capacity: Int = 1, priority: Int = 0, location: GeoPoint? = nil) {
        teams.append(Team(id: id, name: id, kind: kind, capabilities: capabilities, area: self.area(area),
                          capacity: capacity, priority: priority, location: location))
    }

    mutating func post(_ id: String, at area: String) {
        posts.append(DutyPost(id: id, name: id, area: self.area(area)))
    }

    mutating func rule(_ id: String, kinds: [String]? = ["typhoon"], level: String? = nil, area: String? = nil,
                       season: String? = nil, response: ResponseLevel = .four, mobilize: [Demand],
                       escalate: [EscalationStep] = []) {
        let condition = RuleCondition(kinds: kinds, level: level.flatMap { LevelCondition(text: $0) },
                                      area: area.map { self.area($0) }, season: season)
        rules.append(Rule(id: id, when: condition, response: response, mobilize: mobilize,
                          ackWithin: ConfigDuration(seconds: 600), escalate: escalate))
    }

    var county: County {
        let settings = County.Settings(configFile: "/etc/dispatchd/dispatchd.yaml", spool: "/tmp/spool", state: "/tmp/state",
                                       areasFile: "areas.yaml", teamsFile: "teams.yaml", dutyFile: "duty.yaml",
                                       rulesFile: "rules.yaml", seasons: seasons)
        return County(settings: settings, areas: tree, teams: teams, dutyPosts: posts, rules: rules,
                      kinds: County.builtInKinds, configHash: "fixture")
    }

    /// A demand line: `capability` unless `kind` is given.
    static func demand(_ capability: String = "evacuation", kind: String? = nil, count: Int = 1,
                       within: String? = nil) -> Demand {
        Demand(selector: kind.map { .kind($0) } ?? .capability(capability), count: count, within: within)
    }

    /// An incident message; `sent` is `2026-07-01T04:00:00Z` unless given.
    static func message(kind: String? = "typhoon", level: WarningLevel = .red, areas: [String],
                        sent: Date = Date(timeIntervalSince1970: 1_782_878_400), exercise: Bool = false,
                        location: GeoPoint? = nil) -> IncidentMessage {
        IncidentMessage(incidentID: "inc-1", inputKey: "inc-1|alert|t", kind: kind, level: level, areaReferences: areas,
                        sent: sent, exercise: exercise, location: location)
    }

    /// The small county most tests use:
    ///
    ///     d (district)
    ///     ├─ t1 (town)      ├─ v11 (village) ─ g111 (grid)
    ///     │                 └─ v12 (village)
    ///     └─ t2 (town)      └─ v21 (village)
    static var standard: CountyFixture {
        CountyFixture(Node("d", at: GeoPoint(lat: 23.0, lon: 113.0), [
            Node("t1", at: GeoPoint(lat: 23.1, lon: 113.0), [
                Node("v11", at: GeoPoint(lat: 23.11, lon: 113.0), [Node("g111")]),
                Node("v12", at: GeoPoint(lat: 23.12, lon: 113.0)),
            ]),
            Node("t2", at: GeoPoint(lat: 23.3, lon: 113.0), [Node("v21")]),
        ]))
    }
}
