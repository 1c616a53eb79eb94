import Foundation
import Yams

/// Reads the main file (SPEC §4): paths of the other files, spool and state directories,
/// limits, timezone, seasons, postures, `cap:` and extra kinds. Relative paths are resolved
/// against the main file's directory.
struct MainConfig {
    var settings: County.Settings
    /// Where each of the other files is named (its value), for "cannot read" diagnostics;
    /// absent when the main file leaves it to the default.
    var fileKeyLocations: [String: SourceLocation]
    /// Incident kinds declared by `kinds:` and `cap.kinds`, with where they are declared.
    var declaredKinds: [String]
    /// Every season name written, including seasons with errors in their days.
    var seasonNames: Set<String> = []

    static let allowedKeys = ["spool", "state", "areas", "teams", "duty", "rules", "max_input_bytes",
                              "rescan_interval", "timezone", "seasons", "postures", "cap", "kinds",
                              "manual", "authorization",
                              "console"]   // `console:` is read by dispatchd-console (SPEC §17)
    /// `manual:`, read once the area levels and duty posts are known (`ManualDefaultsReader`).
    var manualNode: Node?

    init(document: YAMLDocument, log: DiagnosticLog) {
        let file = document.file
        var fields: MappingFields?
        if let root = document.root {
            fields = MappingFields(root, file: file, what: "the main config", allowed: Self.allowedKeys, log: log)
        }
        func path(_ key: String, _ fallback: String) -> String {
            ConfigPaths.resolve(fields?.string(key) ?? fallback, relativeTo: file)
        }
        var settings = County.Settings(
            configFile: file, spool: path("spool", "/var/spool/dispatchd"), state: path("state", "/var/lib/dispatchd"),
            areasFile: path("areas", "areas.yaml"), teamsFile: path("teams", "teams.yaml"),
            dutyFile: path("duty", "duty.yaml"), rulesFile: path("rules", "rules.yaml"))
        var keyLocations: [String: SourceLocation] = [:]
        for key in ["areas", "teams", "duty", "rules"] where fields?.has(key) == true {
            keyLocations[key] = fields?.valueLocation(key)
        }
        self.fileKeyLocations = keyLocations
        self.declaredKinds = []
        guard let fields else {
            self.settings = settings
            return
        }
        if let bytes = fields.int("max_input_bytes", minimum: 1) { settings.maxInputBytes = bytes }
        if let interval = fields.duration("rescan_interval") {
            if interval.seconds == 0 {
                log.error(fields.valueLocation("rescan_interval"), "'rescan_interval' must be longer than 0s",
                          remedy: "write a positive duration such as `30s`")
            } else {
                settings.rescanInterval = interval
            }
        }
        if let name = fields.string("timezone") {
            if let zone = TimeZone(identifier: name) {
                settings.timeZone = zone
            } else {
                log.error(fields.valueLocation("timezone"), "unknown timezone '\(name)'",
                          remedy: "write an IANA timezone name such as `Asia/Shanghai`")
            }
        }
        settings.seasons = Self.seasons(fields, log: log)
        if case .mapping(let seasons)? = fields.value("seasons") {
            seasonNames = Set(seasons.compactMap { $0.key.scalar?.string })
        }
        settings.postures = Self.postures(fields, log: log)
        settings.authorization = Self.authorization(fields, log: log)
        manualNode = fields.value("manual")
        let cap = Self.cap(fields, log: log)
        settings.cap = cap.settings
        var kinds = cap.declaredKinds
        for (kind, location) in fields.strings("kinds") ?? [] {
            if !Self.isValidName(kind) {
                log.error(location, "kind '\(kind)' must be a lowercase name of letters, digits and '-'",
                          remedy: "write it like `landslide` or `flash-flood`")
            } else if !kinds.contains(kind) {
                kinds.append(kind)
            }
        }
        self.declaredKinds = kinds
        self.settings = settings
    }

    static func isValidName(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }

    private static func seasons(_ fields: MappingFields, log: DiagnosticLog) -> [String: Season] {
        guard let node = fields.value("seasons") else { return [:] }
        guard case .mapping(let mapping) = node else {
            log.error(fields.location(of: node), "'seasons' must map season names to `{from, to}`, found \(node.kindName)",
                      remedy: "write `seasons: {flood-season: {from: \"04-15\", to: \"10-15\"}}`")
            return [:]
        }
        var seasons: [String: Season] = [:]
        for (key, value) in mapping {
            guard let name = MappingFields.string(key, file: fields.file, what: "a season name", log: log) else { continue }
            guard let season = MappingFields(value, file: fields.file, what: "season '\(name)'", allowed: ["from", "to"], log: log)
            else { continue }
            var days: [Season.MonthDay] = []
            for end in ["from", "to"] {
                guard let text = season.string(end, required: "\"04-15\"") else { continue }
                guard let day = Season.MonthDay(text: text) else {
                    log.error(season.valueLocation(end), "'\(end)' of season '\(name)' is not a calendar day: '\(text)'",
                              remedy: "write `MM-DD` in quotes, e.g. `\"04-15\"`")
                    continue
                }
                days.append(day)
            }
            if days.count == 2 { seasons[name] = Season(name: name, from: days[0], to: days[1]) }
        }
        return seasons
    }

    private static func postures(_ fields: MappingFields, log: DiagnosticLog) -> [ResponseLevel: String] {
        guard let node = fields.value("postures") else { return [:] }
        guard case .mapping(let mapping) = node else {
            log.error(fields.location(of: node), "'postures' must map response levels to text, found \(node.kindName)",
                      remedy: "write `postures: {II: \"全体村居干部24小时值班\"}`")
            return [:]
        }
        var postures: [ResponseLevel: String] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string, let level = ResponseLevel(name: name) else {
                let name = key.scalar?.string ?? key.kindName
                log.error(fields.location(of: key), "'\(name)' in 'postures' is not a response level",
                          remedy: Suggestion.didYouMean(name, among: ResponseLevel.allCases.map(\.name),
                                                        otherwise: "use IV, III, II or I"))
                continue
            }
            if let text = MappingFields.string(value, file: fields.file, what: "posture \(name)", log: log) {
                postures[level] = text
            }
        }
        return postures
    }

    private static func cap(_ fields: MappingFields, log: DiagnosticLog) -> (settings: County.CAPSettings, declaredKinds: [String]) {
        var settings = County.CAPSettings()
        guard let node = fields.value("cap"),
              let cap = MappingFields(node, file: fields.file, what: "'cap'", allowed: ["languages", "exercise", "kinds", "levels"], log: log)
        else { return (settings, []) }
        if let languages = cap.strings("languages") { settings.languages = languages.map(\.text) }
        if let text = cap.string("exercise") {
            if let handling = County.CAPSettings.ExerciseHandling(rawValue: text) {
                settings.exercise = handling
            } else {
                log.error(cap.valueLocation("exercise"), "'exercise' of 'cap' must be `dispatch` or `ignore`, found '\(text)'",
                          remedy: Suggestion.didYouMean(text, among: ["dispatch", "ignore"], otherwise: "write `dispatch` or `ignore`"))
            }
        }
        settings.levels.merge(levels(cap, log: log)) { $1 }
        var declared: [String] = []
        if let kindsNode = cap.value("kinds") {
            guard case .mapping(let mapping) = kindsNode else {
                log.error(cap.location(of: kindsNode), "'kinds' of 'cap' must map kinds to lists of patterns, found \(kindsNode.kindName)",
                          remedy: "write `kinds: {typhoon: [\"台风\", \"Typhoon\"]}`")
                return (settings, declared)
            }
            for (key, value) in mapping {
                guard let kind = MappingFields.string(key, file: fields.file, what: "a kind in 'cap.kinds'", log: log) else { continue }
                let patterns: [String]
                switch value {
                case .sequence(let list):
                    patterns = list.compactMap { MappingFields.string($0, file: fields.file, what: "a pattern of '\(kind)'", log: log) }
                case .scalar:
                    patterns = MappingFields.string(value, file: fields.file, what: "the pattern of '\(kind)'", log: log).map { [$0] } ?? []
                default:
                    log.error(cap.location(of: value), "patterns of '\(kind)' must be a list of texts", remedy: "write `\(kind): [\"台风\", \"Typhoon\"]`")
                    continue
                }
                settings.kinds[kind] = patterns
                declared.append(kind)
            }
        }
        return (settings, declared)
    }

    /// `cap.levels`: level name → patterns (signal names that are not colours, SPEC §3.2.1).
    /// Each level named replaces that level's defaults; `[]` removes them.
    private static func levels(_ cap: MappingFields, log: DiagnosticLog) -> [WarningLevel: [String]] {
        guard let node = cap.value("levels") else { return [:] }
        let example = "write `levels: {red: [\"黑色暴雨\", \"十号风球\"]}`"
        guard case .mapping(let mapping) = node else {
            log.error(cap.location(of: node), "'levels' of 'cap' must map levels to lists of patterns, found \(node.kindName)",
                      remedy: example)
            return [:]
        }
        var levels: [WarningLevel: [String]] = [:]
        for (key, value) in mapping {
            guard let name = MappingFields.string(key, file: cap.file, what: "a level in 'cap.levels'", log: log) else { continue }
            guard let level = WarningLevel(name: name) else {
                log.error(cap.location(of: key), "'\(name)' in 'cap.levels' is not a warning level",
                          remedy: Suggestion.didYouMean(name, among: WarningLevel.allCases.map(\.name),
                                                        otherwise: "use white, blue, yellow, orange or red"))
                continue
            }
            switch value {
            case .sequence(let list):
                levels[level] = list.compactMap { MappingFields.string($0, file: cap.file, what: "a pattern of level '\(name)'", log: log) }
            case .scalar:
                levels[level] = MappingFields.string(value, file: cap.file, what: "the pattern of level '\(name)'", log: log).map { [$0] } ?? []
            default:
                log.error(cap.location(of: value), "patterns of level '\(name)' must be a list of texts", remedy: example)
            }
        }
        return levels
    }
}

extension MainConfig {
    /// `authorization: {operators: [groups], commanders: [groups]}` (SPEC §14).
    static func authorization(_ fields: MappingFields, log: DiagnosticLog) -> Authorization? {
        guard let node = fields.value("authorization"),
              let roles = MappingFields(node, file: fields.file, what: "'authorization'",
                                        allowed: Authorization.Role.allCases.map(\.rawValue), log: log)
        else { return nil }
        var authorization = Authorization()
        for role in Authorization.Role.allCases {
            var groups: [String] = []
            for (group, location) in roles.strings(role.rawValue, acceptSingle: true) ?? [] {
                if group.isEmpty || group.contains(where: { $0.isWhitespace || $0 == ":" || $0 == "/" }) {
                    log.error(location, "'\(group)' in 'authorization.\(role.rawValue)' is not a Unix group name",
                              remedy: "write group names such as `dispatchd-operators`")
                } else {
                    groups.append(group)
                }
            }
            if role == .operators { authorization.operators = groups } else { authorization.commanders = groups }
        }
        if authorization.operators.isEmpty && authorization.commanders.isEmpty {
            log.warning(fields.valueLocation("authorization"), "'authorization' names no group: only root and the daemon's own user may drop files",
                        remedy: "name the operators' and commanders' groups, e.g. `{operators: [dispatchd-operators], commanders: [dispatchd-command]}`, or remove the key")
        }
        return authorization
    }
}
