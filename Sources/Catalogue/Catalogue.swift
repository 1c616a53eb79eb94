/// The one message catalogue of every human text (tables, headings, notes, error texts) the
/// `dispatchd` commands and the console print, in Chinese and English (SPEC §10).
///
/// Invariants: every `TextKey` has a text in every `Language` (`CatalogueTests` keeps the
/// tables complete and their placeholders consistent); a text's placeholders are `{1}`,
/// `{2}`, … and the same set appears in each language, in whatever order the language needs.
/// A key missing from a table (which the test forbids) prints as its English text, else its
/// name, never as nothing. Pure Swift, no Foundation bundles, no ICU: texts are data here.
public struct Catalogue: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    /// The catalogue for the process's locale environment (SPEC §10).
    public init(environment: [String: String]) { self.init(Language.from(environment: environment)) }

    /// The text of `key` with `{1}`, `{2}`, … replaced by `arguments` in order.
    public func callAsFunction(_ key: TextKey, _ arguments: String...) -> String {
        Catalogue.fill(template(key), arguments)
    }

    /// The text of `key` with placeholders replaced by `arguments`.
    public func text(_ key: TextKey, _ arguments: [String]) -> String {
        Catalogue.fill(template(key), arguments)
    }

    /// The raw template of `key` in this language.
    public func template(_ key: TextKey) -> String {
        Catalogue.table(language)[key] ?? Catalogue.table(.english)[key] ?? key.rawValue
    }

    /// The table of one language.
    public static func table(_ language: Language) -> [TextKey: String] {
        switch language {
        case .english: englishTexts
        case .chinese: chineseTexts
        }
    }

    /// Replaces `{N}` (N from 1) by the N-th argument; a placeholder without an argument stays.
    static func fill(_ template: String, _ arguments: [String]) -> String {
        guard !arguments.isEmpty, template.contains("{") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"), let number = Int(rest[afterOpen..<close]),
               number >= 1, number <= arguments.count {
                out += arguments[number - 1]
                rest = rest[rest.index(after: close)...]
            } else {
                out += "{"
                rest = rest[afterOpen...]
            }
        }
        return out + rest
    }

    /// The placeholder numbers a template uses (for the completeness test).
    public static func placeholders(in template: String) -> Set<Int> {
        var found: Set<Int> = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else { break }
            if let number = Int(rest[afterOpen..<close]) { found.insert(number) }
            rest = rest[rest.index(after: close)...]
        }
        return found
    }
}
