import Foundation
import Rules

/// Writes a `County` as config files in the SPEC §4 format (`dispatchd.yaml`, `areas.yaml`,
/// `teams.yaml`, `duty.yaml`, `rules.yaml`), so the config loader can be timed on a
/// province-sized county. Areas are referenced by full path; all text is double-quoted.
///
/// Invariant: the output depends only on the `County` (no dates, no dictionary order).
struct CountyYAMLWriter {
    let county: County

    /// Writes the five files into `directory` (created if missing) and returns their paths.
    func write(to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let files = [("dispatchd.yaml", mainFile()), ("areas.yaml", areasFile()), ("teams.yaml", teamsFile()),
                     ("duty.yaml", dutyFile()), ("rules.yaml", rulesFile())]
        return try files.map { name, text in
            let url = directory.appendingPathComponent(name)
            try Data(text.utf8).write(to: url, options: .atomic)
            return url
        }
    }

    func mainFile() -> String {
        var text = """
            spool: /var/spool/dispatchd
            state: /var/lib/dispatchd
            areas: areas.yaml
            teams: teams.yaml
            duty: duty.yaml
            rules: rules.yaml
            max_input_bytes: 1048576
            rescan_interval: 30s
            timezone: \(county.settings.timeZone.identifier)
            seasons:

            """
        for name in county.settings.seasons.keys.sorted() {
            let season = county.settings.seasons[name]!
            text += "  \(name): {from: \"\(season.from)\", to: \"\(season.to)\"}\n"
        }
        text += "cap:\n  kinds:\n"
        var kinds = County.CAPSettings.defaultKinds
        for kind in county.kinds.subtracting(kinds.keys) { kinds[kind] = [kind.capitalized] }
        for kind in kinds.keys.sorted() {
            text += "    \(kind): [" + kinds[kind]!.map(quoted).joined(separator: ", ") + "]\n"
        }
        return text
    }

    func areasFile() -> String {
        var text = ""
        func emit(_ index: Int, indent: String, first: String) {
            let area = county.areas[index]
            text += "\(first)id: \(quoted(area.id))\n"
            text += "\(indent)name: \(quoted(area.name))\n"
            text += "\(indent)level: \(area.level)\n"
            if let location = area.location { text += "\(indent)location: \(point(location))\n" }
            guard !area.children.isEmpty else { return }
            text += "\(indent)children:\n"
            for child in area.children { emit(child, indent: indent + "    ", first: indent + "  - ") }
        }
        emit(0, indent: "", first: "")
        return text
    }

    func teamsFile() -> String {
        var text = ""
        for team in county.teams {
            text += "- id: \(quoted(team.id))\n  name: \(quoted(team.name))\n  kind: \(team.kind)\n"
            text += "  capabilities: [\(team.capabilities.joined(separator: ", "))]\n"
            text += "  area: \(quoted(county.areas[team.area].path))\n  capacity: \(team.capacity)\n"
            text += "  priority: \(team.priority)\n"
            if let leader = team.leader { text += "  leader: \(recipient(leader))\n" }
            if let location = team.location { text += "  location: \(point(location))\n" }
        }
        return text
    }

    func dutyFile() -> String {
        var text = ""
        for post in county.dutyPosts {
            text += "- id: \(quoted(post.id))\n  name: \(quoted(post.name))\n  area: \(quoted(county.areas[post.area].path))\n"
            if let contact = post.contact { text += "  contact: \(recipient(contact))\n" }
        }
        return text
    }

    func rulesFile() -> String {
        var text = ""
        for rule in county.rules {
            var when: [String] = []
            if let kinds = rule.when.kinds { when.append("kind: [\(kinds.joined(separator: ", "))]") }
            if let level = rule.when.level { when.append("level: \(quoted(level.description))") }
            if let area = rule.when.area { when.append("area: \(quoted(county.areas[area].path))") }
            if let season = rule.when.season { when.append("season: \(season)") }
            text += "- id: \(quoted(rule.id))\n  when: {\(when.joined(separator: ", "))}\n"
            text += "  response: \(rule.response.name)\n  mobilize:\n"
            for demand in rule.mobilize {
                let selector = switch demand.selector {
                case .capability(let name): "capability: \(name)"
                case .kind(let name): "kind: \(name)"
                }
                text += "    - {\(selector), count: \(demand.count)" + (demand.within.map { ", within: \($0)" } ?? "") + "}\n"
            }
            text += "  ack_within: \(rule.ackWithin)\n"
            if let arrive = rule.arriveWithin { text += "  arrive_within: \(arrive)\n" }
            if !rule.escalate.isEmpty {
                text += "  escalate:\n"
                for step in rule.escalate { text += "    - {after: \(step.after), to: \(quoted(step.to.description))}\n" }
            }
            text += "  on_unacknowledged: \(rule.onUnacknowledged.rawValue)\n"
            if let instructions = rule.instructions { text += "  instructions: \(quoted(instructions))\n" }
        }
        return text
    }

    private func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private func point(_ location: GeoPoint) -> String {
        "{lat: \(rounded(location.lat)), lon: \(rounded(location.lon))}"
    }

    private func rounded(_ value: Double) -> String { String(format: "%.6f", value) }

    private func recipient(_ person: Recipient) -> String {
        "{name: \(quoted(person.name))" + (person.phone.map { ", phone: \(quoted($0))" } ?? "") + "}"
    }
}
