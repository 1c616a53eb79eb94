import Foundation

/// What changes from one county config to another (SPEC §18, `dispatchd check --diff`), entity
/// by entity: areas (by path), teams, duty posts and rules (by id), and the main settings.
///
/// Each entity is compared field by field in the words of the config files (areas as paths,
/// durations as written), never by source position, so moving an entry within a file is no change.
public enum ConfigDiff {
    public enum Entity: String, Sendable, CaseIterable { case setting, area, team, post = "duty post", rule }

    public struct FieldChange: Sendable, Equatable {
        public var field: String
        public var old: String
        public var new: String
    }

    public enum Kind: Sendable, Equatable {
        case added, removed
        case changed([FieldChange])
    }

    public struct Change: Sendable, Equatable {
        public var entity: Entity
        public var id: String
        public var kind: Kind
        /// Where the entity is declared: in OTHER when added or changed, in the running config when removed.
        public var location: SourceLocation?
    }

    public static func compare(_ old: County, _ new: County) -> [Change] {
        var changes = compareSettings(old, new)
        changes += compare(.area, old.areas.areas.map { (area: $0, tree: old.areas) }, new.areas.areas.map { (area: $0, tree: new.areas) },
                           id: { $0.area.path }, location: { $0.area.declaredAt }, fields: { areaFields($0.area, $0.tree) })
        changes += compare(.team, old.teams.map { ($0, old) }, new.teams.map { ($0, new) },
                           id: { $0.0.id }, location: { $0.0.declaredAt }, fields: { teamFields($0.0, $0.1) })
        changes += compare(.post, old.dutyPosts.map { ($0, old) }, new.dutyPosts.map { ($0, new) },
                           id: { $0.0.id }, location: { $0.0.declaredAt }, fields: { postFields($0.0, $0.1) })
        changes += compare(.rule, old.rules.map { ($0, old) }, new.rules.map { ($0, new) },
                           id: { $0.0.id }, location: { $0.0.declaredAt }, fields: { ruleFields($0.0, $0.1) })
        return changes
    }

    private static func compare<T>(_ entity: Entity, _ old: [T], _ new: [T], id: (T) -> String, location: (T) -> SourceLocation?,
                                   fields: (T) -> [(String, String)]) -> [Change] {
        let oldByID = Dictionary(old.map { (id($0), $0) }, uniquingKeysWith: { first, _ in first })
        let newIDs = Set(new.map(id))
        var changes: [Change] = []
        for item in new {
            guard let before = oldByID[id(item)] else {
                changes.append(Change(entity: entity, id: id(item), kind: .added, location: location(item)))
                continue
            }
            let was = Dictionary(fields(before), uniquingKeysWith: { first, _ in first })
            var differences: [FieldChange] = []
            var seen = Set<String>()
            for (field, value) in fields(item) {
                seen.insert(field)
                if was[field, default: "-"] != value { differences.append(FieldChange(field: field, old: was[field, default: "-"], new: value)) }
            }
            for (field, value) in fields(before) where !seen.contains(field) {
                differences.append(FieldChange(field: field, old: value, new: "-"))
            }
            if !differences.isEmpty { changes.append(Change(entity: entity, id: id(item), kind: .changed(differences), location: location(item))) }
        }
        for item in old where !newIDs.contains(id(item)) {
            changes.append(Change(entity: entity, id: id(item), kind: .removed, location: location(item)))
        }
        return changes
    }

    private static func text(_ recipient: Recipient?) -> String {
        guard let recipient else { return "-" }
        return recipient.name + (recipient.phone.map { " \($0)" } ?? "")
    }

    private static func text(_ point: GeoPoint?) -> String {
        point.map { "\($0.lat),\($0.lon)" } ?? "-"
    }

    private static func areaFields(_ area: AreaTree.Area, _ tree: AreaTree) -> [(String, String)] {
        [("name", area.name), ("level", area.level), ("geocodes", area.geocodes.joined(separator: " ")),
         ("location", text(area.location)),
         ("polygon", area.polygon.map { $0.map { text($0) }.joined(separator: " ") } ?? "-")]
    }

    private static func teamFields(_ team: Team, _ county: County) -> [(String, String)] {
        [("name", team.name), ("kind", team.kind), ("capabilities", team.capabilities.joined(separator: ", ")),
         ("area", county.areas[team.area].path), ("capacity", "\(team.capacity)"), ("members", team.members.map(String.init) ?? "-"),
         ("leader", text(team.leader)), ("contact", text(team.contact)), ("priority", "\(team.priority)"),
         ("location", text(team.location))]
    }

    private static func postFields(_ post: DutyPost, _ county: County) -> [(String, String)] {
        [("name", post.name), ("area", county.areas[post.area].path), ("contact", text(post.contact))]
    }

    private static func ruleFields(_ rule: Rule, _ county: County) -> [(String, String)] {
        let when = rule.when
        var fields: [(String, String)] = [
            ("when.kind", when.kinds?.joined(separator: ", ") ?? "-"), ("when.level", when.level.map { "\($0)" } ?? "-"),
            ("when.area", when.area.map { county.areas[$0].path } ?? "-"), ("when.season", when.season ?? "-"),
            ("response", rule.response.name), ("ack_within", "\(rule.ackWithin)"),
            ("arrive_within", rule.arriveWithin.map { "\($0)" } ?? "-"), ("on_unacknowledged", rule.onUnacknowledged.rawValue),
            ("instructions", rule.instructions ?? "-"),
        ]
        fields.append(("mobilize", rule.mobilize.map { "\($0.selector) ×\($0.count)" + ($0.within.map { " within \($0)" } ?? "") }
            .joined(separator: "; ")))
        fields.append(("escalate", rule.escalate.map { "+\($0.after) \($0.to)" }.joined(separator: "; ")))
        return fields
    }

    private static func compareSettings(_ old: County, _ new: County) -> [Change] {
        func fields(_ county: County) -> [(String, String)] {
            let settings = county.settings
            let capKinds: [String] = settings.cap.kinds.keys.sorted().map { key in
                key + ": " + (settings.cap.kinds[key] ?? []).joined(separator: "/")
            }
            var fields: [(String, String)] = [
                ("spool", settings.spool), ("state", settings.state), ("max_input_bytes", String(settings.maxInputBytes)),
                ("rescan_interval", settings.rescanInterval.description), ("timezone", settings.timeZone.identifier),
                ("kinds", county.kinds.sorted().joined(separator: ", ")),
                ("cap.languages", settings.cap.languages.joined(separator: ", ")), ("cap.exercise", settings.cap.exercise.rawValue),
                ("cap.kinds", capKinds.joined(separator: "; ")),
            ]
            for name in settings.seasons.keys.sorted() {
                guard let season = settings.seasons[name] else { continue }
                fields.append(("seasons." + name, season.from.description + "–" + season.to.description))
            }
            for level in settings.postures.keys.sorted(by: { $0.name < $1.name }) {
                fields.append(("postures." + level.name, settings.postures[level] ?? ""))
            }
            return fields
        }
        let location = SourceLocation(file: new.settings.configFile, line: 1, column: 1)
        return compare(.setting, [old], [new], id: { _ in "dispatchd.yaml" }, location: { _ in location }, fields: fields)
    }
}
