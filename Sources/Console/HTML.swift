import Catalogue
import Foundation

/// Escaping for everything the console prints into a page: every text from outside (titles,
/// names, notes, ids) goes through `escape`, in element content and in quoted attributes alike.
public enum HTML {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}

/// The page language (SPEC §17): the catalogue's `Language`, Chinese unless the browser's
/// Accept-Language prefers English. Every text comes from the one catalogue (`Catalogue`),
/// shared with the CLI.
extension Language {
    /// The first language in Accept-Language that is zh or en decides; Chinese otherwise.
    public init(acceptLanguage: String?) {
        let tags = (acceptLanguage ?? "").split(separator: ",").map {
            $0.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        }
        let first = tags.first { $0.hasPrefix("zh") || $0.hasPrefix("en") }
        self = (first?.hasPrefix("en") ?? false) ? .english : .chinese
    }

    public var isChinese: Bool { self == .chinese }
    public var code: String { isChinese ? "zh-CN" : "en" }

    /// The catalogue's text of `key` in this language, `{1}`… filled with `arguments`.
    public func callAsFunction(_ key: TextKey, _ arguments: String...) -> String {
        Catalogue(self).text(key, arguments)
    }
}
