/// The language of human output (SPEC §10): Chinese when the first of `LC_ALL`,
/// `LC_MESSAGES`, `LANG` that is set (and not empty) starts with `zh`, else English.
/// `--json` output and file formats never depend on it.
public enum Language: String, Sendable, CaseIterable {
    case chinese = "zh"
    case english = "en"

    /// The language SPEC §10 names for this environment (pass `ProcessInfo.processInfo.environment`).
    public static func from(environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return from(localeName: value)
        }
        return .english
    }

    /// `zh_CN.UTF-8`, `zh-TW`, `zh` → Chinese; anything else (`C`, `POSIX`, `en_US.UTF-8`) → English.
    public static func from(localeName: String) -> Language {
        localeName.lowercased().hasPrefix("zh") ? .chinese : .english
    }
}
