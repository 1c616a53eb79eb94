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

/// The page language (SPEC §17): Chinese, unless the browser's Accept-Language prefers English.
public struct Language: Sendable, Equatable {
    public let isChinese: Bool

    public static let chinese = Language(isChinese: true)
    public static let english = Language(isChinese: false)

    /// The first language in Accept-Language that is zh or en decides; Chinese otherwise.
    public init(acceptLanguage: String?) {
        let tags = (acceptLanguage ?? "").split(separator: ",").map {
            $0.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        }
        let first = tags.first { $0.hasPrefix("zh") || $0.hasPrefix("en") }
        self.isChinese = !(first?.hasPrefix("en") ?? false)
    }

    init(isChinese: Bool) { self.isChinese = isChinese }

    /// One text in both languages, chosen here. GAP: the CLI's message catalogue
    /// (catalogue-api.md) is not merged yet; the console's texts move there when it is.
    public func t(_ chinese: String, _ english: String) -> String { isChinese ? chinese : english }
    public var code: String { isChinese ? "zh-CN" : "en" }
}

import Foundation
