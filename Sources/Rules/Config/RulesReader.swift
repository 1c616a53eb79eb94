import Yams

/// Reads the rules file (SPEC §4): a YAML sequence of mobilization rules, checking every
/// reference against `RuleContext`. Escalation coverage and satisfiability are checked
/// afterwards by `RuleCoverage`, over the whole set at once.
///
/// Defaults: `ack_within` is the first escalation step's `after`, or 15m without steps;
/// `on_unacknowledged` is `report`; a demand's `count` is 1 and its `within` the whole tree.
struct RulesReader {
    static let ruleKeys = ["id", "when", "response", "mobilize", "ack_within", "arrive_within", "escalate",
                           "on_unacknowledged", "instructions"]
    static let whenKeys = ["kind", "level", "area", "season"]
    static let demandKeys = ["capability", "kind", "count", "within"]
    static let stepKeys = ["after", "to"]
    static let placeholders = ["incident_title", "area_name", "team_name", "response_level", "ack_deadline"]
    static let defaultAckWithin = ConfigDuration(seconds: 15 * 60)

    let file: String
    let context: RuleContext
    let log: DiagnosticLog

    func read(_ document: YAMLDocument) -> [Rule] {
        var rules: [Rule] = []
        var seen: [String: SourceLocation] = [:]
        let entries = RosterReader.entries(document, what: "rules", example: "{id: …, when: {…}, response: II, mobilize: […]}", log: log)
        for node in entries {
            guard var fields = MappingFields(node, file: file, what: "a rule", allowed: Self.ruleKeys, log: log, noun: "rule") else { continue }
            let before = log.errorCount
            let id = fields.string("id", required: "typhoon-orange")
            if let id { fields.what = "rule '\(id)'" }
            if let id {
                if let first = seen[id] {
                    log.error(fields.valueLocation("id"), "duplicate rule id '\(id)' (first declared at \(first))",
                              remedy: "give every rule its own id")
                } else {
                    seen[id] = fields.valueLocation("id")
                }
            }
            let rule = self.rule(fields, id: id ?? "")
            if log.errorCount == before, id != nil, let rule { rules.append(rule) }
        }
        return rules
    }

    private func rule(_ fields: MappingFields, id: String) -> Rule? {
        let what = "rule '\(id)'"
        let condition = fields.value("when").flatMap { self.condition($0, rule: what) } ?? RuleCondition()
        var response: ResponseLevel?
        if let text = fields.string("response", required: "II") {
            response = ResponseLevel(name: text)
            if response == nil {
                log.error(fields.valueLocation("response"), "'response' of \(what) is not a response level: '\(text)'",
                          remedy: Suggestion.didYouMean(text, among: ResponseLevel.allCases.map(\.name), otherwise: "write IV, III, II or I"))
            }
        }
        var demands: [Demand] = []
        if let items = fields.sequence("mobilize") {
            demands = items.compactMap { demand($0, rule: what) }   // `[]`: the rule only sets the response level
        } else if !fields.has("mobilize") {
            log.error(fields.location, "\(what) has no 'mobilize'",
                      remedy: "add `mobilize: [{capability: evacuation, count: 2, within: town}]`, or `mobilize: []` for a rule that only sets the response level")
        }
        let steps = (fields.sequence("escalate") ?? []).compactMap { step($0, rule: what) }
        let ackWithin = fields.duration("ack_within") ?? steps.first?.after ?? Self.defaultAckWithin
        checkStepOrder(steps, ackWithin: ackWithin, rule: what)
        let arriveWithin = fields.duration("arrive_within")
        var onUnacknowledged = OnUnacknowledged.report
        if let text = fields.string("on_unacknowledged") {
            if let value = OnUnacknowledged(rawValue: text) {
                onUnacknowledged = value
            } else {
                log.error(fields.valueLocation("on_unacknowledged"), "'on_unacknowledged' of \(what) must be `reassign` or `report`, found '\(text)'",
                          remedy: Suggestion.didYouMean(text, among: OnUnacknowledged.allCases.map(\.rawValue), otherwise: "write `reassign` or `report`"))
            }
        }
        let instructions = fields.string("instructions")
        if let instructions { checkPlaceholders(instructions, at: fields.valueLocation("instructions"), rule: what) }
        guard let response else { return nil }
        return Rule(id: id, when: condition, response: response, mobilize: demands, ackWithin: ackWithin,
                    arriveWithin: arriveWithin, escalate: steps, onUnacknowledged: onUnacknowledged,
                    instructions: instructions, declaredAt: fields.keyLocation("id"))
    }

    private func condition(_ node: Node, rule: String) -> RuleCondition? {
        guard let fields = MappingFields(node, file: file, what: "'when' of \(rule)", allowed: Self.whenKeys, log: log) else { return nil }
        var condition = RuleCondition()
        if let kinds = fields.strings("kind", acceptSingle: true) {
            for (kind, location) in kinds where !context.incidentKinds.contains(kind) {
                log.error(location, "\(rule) names unknown incident kind '\(kind)'",
                          remedy: Suggestion.didYouMean(kind, among: context.incidentKinds,
                                                        otherwise: "use one of \(Suggestion.list(context.incidentKinds)) or declare it under `kinds:` in the main config"))
            }
            condition.kinds = kinds.map(\.text)
        }
        if let text = fields.string("level") {
            condition.level = LevelCondition(text: text)
            if condition.level == nil {
                let word = text.filter { $0.isLetter }
                log.error(fields.valueLocation("level"), "'level' of \(rule) is not a level condition: '\(text)'",
                          remedy: Suggestion.didYouMean(word, among: WarningLevel.allCases.map(\.name),
                                                        otherwise: "write `\">= orange\"`, `\"<= yellow\"` or a plain level; levels are white, blue, yellow, orange, red"))
            }
        }
        if let text = fields.string("area"), let tree = context.tree {
            condition.area = ConfigAreaReference(tree: tree).resolve(text, at: fields.valueLocation("area"), what: "area of \(rule)", log: log)
        }
        if let season = fields.string("season") {
            if !context.seasons.contains(season) {
                log.error(fields.valueLocation("season"), "\(rule) names unknown season '\(season)'",
                          remedy: Suggestion.didYouMean(season, among: context.seasons,
                                                        otherwise: "declare it under `seasons:` in the main config (declared: \(Suggestion.list(context.seasons)))"))
            }
            condition.season = season
        }
        return condition
    }

    private func demand(_ node: Node, rule: String) -> Demand? {
        guard let fields = MappingFields(node, file: file, what: "a demand of \(rule)", allowed: Self.demandKeys, log: log) else { return nil }
        let capability = fields.string("capability"), kind = fields.string("kind")
        var selector: Demand.Selector?
        switch (capability, kind) {
        case (let name?, nil):
            selector = .capability(name)
            if context.teamsKnown, !context.teamCapabilities.contains(name) {
                log.error(fields.valueLocation("capability"), "no team has capability '\(name)' that \(rule) demands",
                          remedy: Suggestion.didYouMean(name, among: context.teamCapabilities,
                                                        otherwise: "add it to a team's `capabilities` (known: \(Suggestion.list(context.teamCapabilities)))"))
            }
        case (nil, let name?):
            selector = .kind(name)
            if context.teamsKnown, !context.teamKinds.contains(name) {
                log.error(fields.valueLocation("kind"), "no team is of kind '\(name)' that \(rule) demands",
                          remedy: Suggestion.didYouMean(name, among: context.teamKinds,
                                                        otherwise: "give a team `kind: \(name)` (known: \(Suggestion.list(context.teamKinds)))"))
            }
        case (.some, .some):
            log.error(fields.keyLocation("kind"), "a demand of \(rule) names both 'capability' and 'kind'",
                      remedy: "keep one: write two demands to ask for both")
        case (nil, nil):
            if !fields.has("capability") && !fields.has("kind") {
                log.error(fields.location, "a demand of \(rule) names neither 'capability' nor 'kind'",
                          remedy: "add `capability: evacuation` or `kind: militia`")
            }
        }
        let count = fields.int("count", minimum: 1) ?? 1
        let within = fields.string("within")
        if let within, context.tree != nil, !context.levelNames.contains(within) {
            log.error(fields.valueLocation("within"), "'within' of a demand of \(rule) is not a level the area tree uses: '\(within)'",
                      remedy: Suggestion.didYouMean(within, among: context.levelNames, otherwise: "use one of \(context.levelNames.joined(separator: ", "))"))
        }
        guard let selector else { return nil }
        return Demand(selector: selector, count: count, within: within, declaredAt: fields.location)
    }

    func step(_ node: Node, rule: String) -> EscalationStep? {
        guard let fields = MappingFields(node, file: file, what: "an escalation step of \(rule)", allowed: Self.stepKeys, log: log)
        else { return nil }
        let after = fields.duration("after")
        if !fields.has("after") { fields.missing("after", example: "10m") }
        guard let to = fields.string("to", required: "town") else { return nil }
        let target: EscalationStep.Target
        if context.levelNames.contains(to) {
            target = .level(to)
        } else if context.dutyPostIDs.contains(to) {
            target = .dutyPost(to)
        } else {
            if context.tree != nil, context.dutyKnown {
                log.error(fields.valueLocation("to"), "escalation target '\(to)' of \(rule) is neither an area level nor a duty post id",
                          remedy: Suggestion.didYouMean(to, among: context.levelNames + context.dutyPostIDs,
                                                        otherwise: "use a level (\(context.levelNames.joined(separator: ", "))) or a duty post id from the duty file"))
            }
            return nil
        }
        guard let after else { return nil }
        return EscalationStep(after: after, to: target, declaredAt: fields.location)
    }

    func checkStepOrder(_ steps: [EscalationStep], ackWithin: ConfigDuration, rule: String) {
        var previous: ConfigDuration?
        for step in steps {
            let location = step.declaredAt
            if step.after < ackWithin {
                log.error(location, "escalation step 'after: \(step.after)' of \(rule) is earlier than its ack_within \(ackWithin)",
                          remedy: "make every step's `after` at least `ack_within` (\(ackWithin))")
            } else if let previous, step.after <= previous {
                log.error(location, "escalation step 'after: \(step.after)' of \(rule) does not come after the previous step (\(previous))",
                          remedy: "list steps with strictly increasing `after` values")
            }
            previous = step.after
        }
    }

    func checkPlaceholders(_ text: String, at location: SourceLocation, rule: String) {
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else {
                log.error(location, "'instructions' of \(rule) has a '{' without a closing '}'",
                          remedy: "close it, e.g. `{team_name}`; placeholders are \(Self.placeholders.map { "{\($0)}" }.joined(separator: ", "))")
                return
            }
            let name = String(after[..<close])
            if !Self.placeholders.contains(name) {
                log.error(location, "'instructions' of \(rule) uses unknown placeholder '{\(name)}'",
                          remedy: Suggestion.closest(to: name, among: Self.placeholders).map { "did you mean '{\($0)}'?" }
                            ?? "use \(Self.placeholders.map { "{\($0)}" }.joined(separator: ", "))")
            }
            rest = after[after.index(after: close)...]
        }
    }
}
