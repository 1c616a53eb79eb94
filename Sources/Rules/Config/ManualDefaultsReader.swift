import Yams

/// Reads `manual:` of the main config (SPEC §14): `{ack_within, escalate, on_unacknowledged,
/// instructions}` for manual orders, checked like a rule's (targets are levels or duty post
/// ids; steps not earlier than `ack_within` and increasing; known placeholders). Absent keys
/// take the standard defaults (`ManualDefaults.standard`); an absent `manual:` is the standard.
struct ManualDefaultsReader {
    static let keys = ["ack_within", "escalate", "on_unacknowledged", "instructions"]

    let file: String
    let context: RuleContext
    let log: DiagnosticLog

    func read(_ node: Node?) -> Rule {
        var manual = ManualDefaults.standard(levels: context.levelNames)
        guard let node, let fields = MappingFields(node, file: file, what: "'manual'", allowed: Self.keys, log: log) else {
            return manual
        }
        let what = "'manual'"
        let rules = RulesReader(file: file, context: context, log: log)
        if let items = fields.sequence("escalate") {
            manual.escalate = items.compactMap { rules.step($0, rule: what) }
        }
        if let ackWithin = fields.duration("ack_within") {
            if ackWithin.seconds == 0 {
                log.error(fields.valueLocation("ack_within"), "'ack_within' of 'manual' must be longer than 0s",
                          remedy: "write a positive duration such as `10m`")
            }
            manual.ackWithin = ackWithin
        } else if fields.has("escalate") {
            manual.ackWithin = manual.escalate.first?.after ?? manual.ackWithin
        }
        rules.checkStepOrder(manual.escalate, ackWithin: manual.ackWithin, rule: what)
        if let text = fields.string("on_unacknowledged") {
            if let value = OnUnacknowledged(rawValue: text) {
                manual.onUnacknowledged = value
            } else {
                log.error(fields.valueLocation("on_unacknowledged"), "'on_unacknowledged' of 'manual' must be `reassign` or `report`, found '\(text)'",
                          remedy: Suggestion.didYouMean(text, among: OnUnacknowledged.allCases.map(\.rawValue), otherwise: "write `reassign` or `report`"))
            }
        }
        if let instructions = fields.string("instructions") {
            rules.checkPlaceholders(instructions, at: fields.valueLocation("instructions"), rule: what)
            manual.instructions = instructions
        }
        manual.declaredAt = fields.location
        return manual
    }
}
