import Yams

/// Reads the teams and duty files (SPEC §4), each a YAML sequence of entries.
///
/// Entries with errors are left out after the errors are recorded; ids must be unique within
/// each file. Without an area tree (the areas file failed), area references are not checked,
/// so one broken file does not bury the others under follow-on errors.
enum RosterReader {
    static let teamKeys = ["id", "name", "kind", "capabilities", "area", "capacity", "members", "leader", "contact",
                           "priority", "location"]
    static let dutyKeys = ["id", "name", "area", "contact"]

    static func entries(_ document: YAMLDocument, what: String, example: String, log: DiagnosticLog) -> [Node] {
        guard let root = document.root else { return [] }
        guard case .sequence(let sequence) = root else {
            log.error(MappingFields.location(of: root, in: document.file), "the \(what) file must be a list, found \(root.kindName)",
                      remedy: "write one `- \(example)` entry per line")
            return []
        }
        return Array(sequence)
    }

    /// Names declared by teams, including teams left out for errors, so that one broken
    /// team does not turn every demand for its capabilities into a second error.
    struct DeclaredNames {
        var capabilities: Set<String> = []
        var kinds: Set<String> = []
        var dutyPostIDs: Set<String> = []
    }

    static func teams(_ document: YAMLDocument, tree: AreaTree?, declared: inout DeclaredNames, log: DiagnosticLog) -> [Team] {
        var teams: [Team] = []
        var seen: [String: SourceLocation] = [:]
        for node in entries(document, what: "teams", example: "{id: …, name: …, kind: …, capabilities: […], area: …}", log: log) {
            guard var fields = MappingFields(node, file: document.file, what: "a team", allowed: teamKeys, log: log, noun: "team") else { continue }
            let before = log.errorCount
            let id = fields.string("id", required: "shishui-militia")
            let what = id.map { "team '\($0)'" } ?? "a team"
            fields.what = what
            let name = fields.string("name", required: "石水村民兵应急分队")
            let kind = fields.string("kind", required: "militia")
            var capabilities: [String] = []
            if let list = fields.strings("capabilities") {
                capabilities = list.map(\.text)
            } else if !fields.has("capabilities") {
                log.error(fields.location, "\(what) has no 'capabilities'",
                          remedy: "add `capabilities: [evacuation, rescue]` (or `capabilities: []` when it has none)")
            }
            let area = resolveArea(fields, example: "gaoming/yanghe/shishui", tree: tree, log: log)
            let capacity = fields.int("capacity", minimum: 1) ?? 1
            let members = fields.int("members", minimum: 0)
            let priority = fields.int("priority") ?? 0
            let leader = fields.value("leader").flatMap {
                RecipientReader.read($0, plain: .name, owner: name ?? "", file: document.file, what: "'leader' of \(what)", log: log)
            }
            let contact = fields.value("contact").flatMap {
                RecipientReader.read($0, plain: .phone, owner: name ?? "", file: document.file, what: "'contact' of \(what)", log: log)
            }
            let location = fields.geoPoint("location")
            declared.capabilities.formUnion(capabilities)
            if let kind { declared.kinds.insert(kind) }
            if let id {
                if let first = seen[id] {
                    log.error(fields.valueLocation("id"), "duplicate team id '\(id)' (first declared at \(first))",
                              remedy: "give every team its own id")
                    continue
                }
                seen[id] = fields.valueLocation("id")
            }
            guard log.errorCount == before, let id, let name, let kind, let area else { continue }
            teams.append(Team(id: id, name: name, kind: kind, capabilities: capabilities, area: area, capacity: capacity,
                              members: members, leader: leader, contact: contact, priority: priority, location: location,
                              declaredAt: fields.keyLocation("id")))
        }
        return teams
    }

    /// The required `area` of a team or duty post, resolved in the tree (nil, with the error
    /// logged, when missing or unknown; nil without a new error when the tree itself failed).
    private static func resolveArea(_ fields: MappingFields, example: String, tree: AreaTree?, log: DiagnosticLog) -> Int? {
        guard let text = fields.string("area", required: example), let tree else { return nil }
        return ConfigAreaReference(tree: tree).resolve(text, at: fields.valueLocation("area"), what: "area of \(fields.what)", log: log)
    }

    static func dutyPosts(_ document: YAMLDocument, tree: AreaTree?, declared: inout DeclaredNames, log: DiagnosticLog) -> [DutyPost] {
        var posts: [DutyPost] = []
        var seen: [String: SourceLocation] = [:]
        for node in entries(document, what: "duty", example: "{id: …, name: …, area: …}", log: log) {
            guard var fields = MappingFields(node, file: document.file, what: "a duty post", allowed: dutyKeys, log: log, noun: "duty post") else { continue }
            let before = log.errorCount
            let id = fields.string("id", required: "yanghe-duty")
            let what = id.map { "duty post '\($0)'" } ?? "a duty post"
            fields.what = what
            if let id { declared.dutyPostIDs.insert(id) }
            let name = fields.string("name", required: "杨和镇应急值班室")
            let area = resolveArea(fields, example: "gaoming/yanghe", tree: tree, log: log)
            let contact = fields.value("contact").flatMap {
                RecipientReader.read($0, plain: .phone, owner: name ?? "", file: document.file, what: "'contact' of \(what)", log: log)
            }
            if let id {
                if let first = seen[id] {
                    log.error(fields.valueLocation("id"), "duplicate duty post id '\(id)' (first declared at \(first))",
                              remedy: "give every duty post its own id")
                    continue
                }
                seen[id] = fields.valueLocation("id")
            }
            guard log.errorCount == before, let id, let name, let area else { continue }
            posts.append(DutyPost(id: id, name: name, area: area, contact: contact, declaredAt: fields.keyLocation("id")))
        }
        return posts
    }
}
