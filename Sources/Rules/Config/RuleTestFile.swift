import Yams

/// One case of a rule test file (SPEC §18, `dispatchd test`): an incident, the teams already
/// busy, and what the plan is expected to hold. Only the expectations written are compared.
public struct RuleTestCase: Sendable {
    public enum Input: Sendable {
        /// An incident file (native JSON or CAP), its path resolved against the test file's directory.
        case file(String)
        /// An inline native incident, as JSON text (`id`, `msg_type` and `sent` filled in when absent).
        case inline([UInt8])
    }

    public struct ExpectedShortfall: Sendable, Equatable {
        public var rule: String
        public var requested: Int?
        public var dispatched: Int?
    }

    public var name: String
    public var location: SourceLocation
    public var input: Input
    public var busy: [String]
    public var rules: [String]?
    public var responseLevel: String?
    public var teams: [String]?
    public var shortfalls: [ExpectedShortfall]?
}

/// Reads a rule test file: a YAML list of cases `{name, input: FILE | {incident}, busy?: [team
/// ids], expect: {rules?, response_level?, teams?, shortfalls?: [{rule, requested?, dispatched?}]}}`.
/// Every team and rule id is checked against the county, with `FILE:LINE:COLUMN` diagnostics.
public enum RuleTestFile {
    public static func read(file: String, bytes: [UInt8], county: County) -> (cases: [RuleTestCase], diagnostics: [Diagnostic]) {
        let log = DiagnosticLog()
        let document = YAMLDocument(file: file, bytes: bytes, log: log)
        guard let root = document.root else {
            if document.isEmpty { log.error(SourceLocation(file: file, line: 1, column: 1), "no test cases in this file",
                                            remedy: "write a list of cases: `- name: …` with `input:` and `expect:`") }
            return ([], log.diagnostics)
        }
        guard case .sequence(let items) = root else {
            log.error(MappingFields.location(of: root, in: file), "a test file must be a list of cases, found \(root.kindName)",
                      remedy: "start each case with `- name: …`")
            return ([], log.diagnostics)
        }
        let directory = file.contains("/") ? String(file[..<file.lastIndex(of: "/")!]) : "."
        let cases = items.enumerated().compactMap { index, node in
            readCase(node, index: index, file: file, directory: directory, county: county, log: log)
        }
        return (cases, log.diagnostics)
    }

    private static func readCase(_ node: Node, index: Int, file: String, directory: String, county: County,
                                 log: DiagnosticLog) -> RuleTestCase? {
        guard let fields = MappingFields(node, file: file, what: "test case \(index + 1)",
                                         allowed: ["name", "input", "busy", "expect"], log: log) else { return nil }
        let errorsBefore = log.errorCount
        let name = fields.string("name", required: "台风橙色预警，杨和镇") ?? "case \(index + 1)"
        var input: RuleTestCase.Input?
        switch fields.value("input") {
        case nil:
            fields.missing("input", example: "../examples/typhoon-orange-yanghe.json")
        case .scalar(let scalar)?:
            input = .file(scalar.string.hasPrefix("/") ? scalar.string : directory + "/" + scalar.string)
        case .mapping(let mapping)?:
            var members = mapping.map { JSONMember(key: $0.key.scalar?.string ?? "", value: json($0.value)) }
            let given = Set(members.map(\.key))
            if !given.contains("id") { members.append(JSONMember(key: "id", value: JSONValue(.string("test-\(index + 1)")))) }
            if !given.contains("msg_type") { members.append(JSONMember(key: "msg_type", value: JSONValue(.string("alert")))) }
            if !given.contains("sent") { members.append(JSONMember(key: "sent", value: JSONValue(.string("2026-06-01T09:00:00+08:00")))) }
            input = .inline(Array(JSONWriter.string(JSONValue(.object(members))).utf8))
        case let other?:
            log.error(fields.valueLocation("input"), "'input' of \(fields.what) must be a file name or an incident mapping, found \(other.kindName)",
                      remedy: "write `input: FILE` or `input: {kind: typhoon, level: orange, area: …}`")
        }
        let busy = fields.strings("busy") ?? []
        for (id, location) in busy where county.team(id: id) == nil { unknownTeam(id, at: location, county: county, log: log) }

        var rules: [String]?, level: String?, teams: [String]?, shortfalls: [RuleTestCase.ExpectedShortfall]?
        if let expectNode = fields.value("expect"),
           let expect = MappingFields(expectNode, file: file, what: "'expect' of \(fields.what)",
                                      allowed: ["rules", "response_level", "teams", "shortfalls"], log: log) {
            let ruleItems = expect.strings("rules")
            for (id, location) in ruleItems ?? [] where county.rule(id: id) == nil { unknownRule(id, at: location, county: county, log: log) }
            rules = ruleItems?.map(\.text)
            level = expect.string("response_level")
            let teamItems = expect.strings("teams")
            for (id, location) in teamItems ?? [] where county.team(id: id) == nil { unknownTeam(id, at: location, county: county, log: log) }
            teams = teamItems?.map(\.text)
            if let list = expect.value("shortfalls") {
                guard case .sequence(let entries) = list else {
                    log.error(expect.valueLocation("shortfalls"), "'shortfalls' must be a list", remedy: "write `shortfalls: []` or `- {rule: …, requested: 2, dispatched: 1}`")
                    return nil
                }
                shortfalls = entries.compactMap { entry in
                    guard let item = MappingFields(entry, file: file, what: "a shortfall", allowed: ["rule", "requested", "dispatched"], log: log),
                          let rule = item.string("rule", required: "typhoon-evacuation") else { return nil }
                    if county.rule(id: rule) == nil { unknownRule(rule, at: item.valueLocation("rule"), county: county, log: log) }
                    return RuleTestCase.ExpectedShortfall(rule: rule, requested: item.int("requested", minimum: 0),
                                                          dispatched: item.int("dispatched", minimum: 0))
                }
            }
        } else if !fields.has("expect") {
            fields.missing("expect", example: "{rules: [typhoon-orange], teams: [yanghe-militia]}")
        }
        guard let input, log.errorCount == errorsBefore else { return nil }
        return RuleTestCase(name: name, location: fields.location, input: input, busy: busy.map(\.text),
                            rules: rules, responseLevel: level, teams: teams, shortfalls: shortfalls)
    }

    private static func unknownTeam(_ id: String, at location: SourceLocation, county: County, log: DiagnosticLog) {
        let hint = Suggestion.closest(to: id, among: county.teams.map(\.id)).map { "did you mean '\($0)'? " } ?? ""
        log.error(location, "unknown team '\(id)'", remedy: "\(hint)use a team id of the teams file")
    }

    private static func unknownRule(_ id: String, at location: SourceLocation, county: County, log: DiagnosticLog) {
        let hint = Suggestion.closest(to: id, among: county.rules.map(\.id)).map { "did you mean '\($0)'? " } ?? ""
        log.error(location, "unknown rule '\(id)'", remedy: "\(hint)use a rule id of the rules file")
    }

    /// A YAML value as JSON: plain `true`/`false`/`null` and numbers keep their type, the rest is text.
    private static func json(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                switch scalar.string {
                case "true": return JSONValue(.bool(true))
                case "false": return JSONValue(.bool(false))
                case "", "~", "null": return JSONValue(.null)
                default: if let number = Double(scalar.string) { return JSONValue(.number(JSONNumber(literal: scalar.string, value: number))) }
                }
            }
            return JSONValue(.string(scalar.string))
        case .sequence(let items): return JSONValue(.array(items.map(json)))
        case .mapping(let mapping): return JSONValue(.object(mapping.map { JSONMember(key: $0.key.scalar?.string ?? "", value: json($0.value)) }))
        case .alias: return JSONValue(.null)
        }
    }
}
