import Yams

/// Reads `leader:` and `contact:` values: a plain string or a `{name, phone}` mapping.
enum RecipientReader {
    enum PlainText { case name, phone }

    /// `plain` says what a plain string means: a leader's name or a contact's phone.
    static func read(_ node: Node, plain: PlainText, owner: String, file: String, what: String, log: DiagnosticLog) -> Recipient? {
        if case .scalar = node {
            guard let text = MappingFields.string(node, file: file, what: what, log: log) else { return nil }
            switch plain {
            case .name: return Recipient(name: text, phone: nil)
            case .phone: return Recipient(name: owner, phone: text)
            }
        }
        guard let fields = MappingFields(node, file: file, what: what, allowed: ["name", "phone"], log: log) else { return nil }
        let name = fields.string("name")
        let phone = fields.string("phone")
        if name == nil && phone == nil {
            log.error(fields.location, "\(what) names neither a person nor a phone", remedy: "write `{name: 张三, phone: \"13800000000\"}`")
            return nil
        }
        return Recipient(name: name ?? owner, phone: phone)
    }
}
