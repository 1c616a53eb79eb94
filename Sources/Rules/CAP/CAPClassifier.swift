import Foundation

/// The content decisions of CAP intake (SPEC §3.2): which `<info>` block, which kind, which
/// warning level. Pure functions of the block's text and the county's `cap:` settings.
///
/// Invariants:
/// - Info block: for each configured language in order, the first block whose `language`
///   equals it (case-insensitive), else the first whose language has it as primary tag
///   (`zh` matches `zh-TW`); a block without `language` is `en-US` (CAP default). No match:
///   the first block.
/// - Kind: `eventCode` values and the GB/T 35965.1 `eventType` code first, then `event` text,
///   each matched case-insensitively as a substring against every configured pattern, both
///   folded from Traditional to Simplified (`ChineseFolding`); the longest matching pattern
///   wins (ties: the kind name first in alphabetical order), so "Tropical Storm" beats
///   "Storm"-like patterns. No match is `nil`, not an error.
/// - Level, the first of these that finds one, each in `event` and then in `headline`, folded:
///   1. a `cap.levels` pattern (signal names such as 八號風球, Amber Rainstorm); the one that
///      starts last wins (a text that changes signals names the new one last), ties to the
///      longer pattern;
///   2. the last colour word (Chinese 白色…红色 and 黑色 as red, English White…Red as whole
///      words, and the UK's Amber as orange), after removing the text of the matched kind
///      pattern (so "Red Flag Warning" is not red). "Last" because a downgrade reads
///      "橙色预警降级为黄色";
///   3. a colour `severity` (GB/T 35965.1: Red, Orange, Yellow, Blue, White);
///   4. the CAP `severity`: Minor blue, Moderate yellow, Severe orange, Extreme red; Unknown or
///      absent is white, the lowest level, so rules written `>= blue` do not fire on a warning
///      that states no severity.
///   ASCII patterns and English colour words match as whole words only (No. 1 is not No. 10).
enum CAPClassifier {
    static func chooseInfo(languages: [String?], configured: [String]) -> (index: Int, reason: String)? {
        guard !languages.isEmpty else { return nil }
        let actual = languages.map { ($0 ?? "en-US").lowercased() }
        for wanted in configured.map({ $0.lowercased() }) {
            if let index = actual.firstIndex(of: wanted) {
                return (index, "language \(actual[index]) is \"\(wanted)\" in cap.languages")
            }
            if let index = actual.firstIndex(where: { $0.hasPrefix(wanted + "-") }) {
                return (index, "language \(actual[index]) has primary tag \"\(wanted)\" from cap.languages")
            }
        }
        return (0, "no block's language is in cap.languages [\(configured.joined(separator: ", "))]; the first is used")
    }

    struct KindMatch: Equatable {
        var kind: String
        var pattern: String
        var field: String
    }

    static func kind(eventCodes: [String], event: String, patterns: [String: [String]]) -> KindMatch? {
        let fields = eventCodes.map { ("eventCode \"\($0)\"", $0) } + [("event \"\(event)\"", event)]
        for (field, text) in fields where !text.isEmpty {
            let folded = ChineseFolding.fold(text)
            var best: KindMatch? = nil
            for kind in patterns.keys.sorted() {
                for pattern in patterns[kind] ?? [] where !pattern.isEmpty {
                    guard folded.range(of: ChineseFolding.fold(pattern), options: .caseInsensitive) != nil else { continue }
                    if pattern.count > (best?.pattern.count ?? 0) { best = KindMatch(kind: kind, pattern: pattern, field: field) }
                }
            }
            if let best { return best }
        }
        return nil
    }

    private static let colours: [(word: String, level: WarningLevel, english: Bool)] = [
        ("白色", .white, false), ("蓝色", .blue, false), ("黄色", .yellow, false), ("橙色", .orange, false), ("红色", .red, false),
        ("黑色", .red, false),
        ("white", .white, true), ("blue", .blue, true), ("yellow", .yellow, true), ("orange", .orange, true),
        ("amber", .orange, true), ("red", .red, true),
    ]

    static func level(event: String, headline: String, severity: String?, kindPattern: String?,
                      patterns: [WarningLevel: [String]] = [:]) -> (WarningLevel, String) {
        let texts = [("event", event), ("headline", headline)]
        for (name, text) in texts {
            if let (pattern, level) = lastPattern(in: ChineseFolding.fold(text), patterns: patterns) {
                return (level, "cap.levels pattern \"\(pattern)\" (\(level.name)) in \(name) \"\(text)\"")
            }
        }
        for (name, text) in texts {
            var cleaned = ChineseFolding.fold(text)
            if let kindPattern, !kindPattern.isEmpty {
                cleaned = cleaned.replacingOccurrences(of: ChineseFolding.fold(kindPattern), with: " ", options: .caseInsensitive)
            }
            if let (word, level) = lastColour(in: cleaned) {
                return (level, "colour \"\(word)\" in \(name) \"\(text)\"")
            }
        }
        switch severity?.lowercased() {
        case "minor": return (.blue, "severity Minor")
        case "moderate": return (.yellow, "severity Moderate")
        case "severe": return (.orange, "severity Severe")
        case "extreme": return (.red, "severity Extreme")
        case let other? where WarningLevel(name: other) != nil:
            let level = WarningLevel(name: other)!
            return (level, "severity \(severity!) is a colour (GB/T 35965.1)")
        case let other?:
            return (.white, "no colour in event or headline, severity \(other.isEmpty ? "empty" : other): the lowest level")
        case nil:
            return (.white, "no colour in event or headline and no severity: the lowest level")
        }
    }

    /// The `cap.levels` pattern that starts last in `text` (already folded); ties to the longer.
    static func lastPattern(in text: String, patterns: [WarningLevel: [String]]) -> (String, WarningLevel)? {
        guard !text.isEmpty else { return nil }
        var best: (offset: Int, length: Int, pattern: String, level: WarningLevel)? = nil
        for level in WarningLevel.allCases {
            for pattern in patterns[level] ?? [] where !pattern.isEmpty {
                let folded = ChineseFolding.fold(pattern)
                var searchStart = text.startIndex
                while let range = text.range(of: folded, options: .caseInsensitive, range: searchStart..<text.endIndex) {
                    searchStart = range.upperBound
                    if folded.allSatisfy(\.isASCII), !isWordBoundary(text, range) { continue }
                    let offset = text.distance(from: text.startIndex, to: range.lowerBound)
                    if best == nil || (offset, folded.count) > (best!.offset, best!.length) {
                        best = (offset, folded.count, pattern, level)
                    }
                }
            }
        }
        return best.map { ($0.pattern, $0.level) }
    }

    /// The colour word that starts last in `text`.
    static func lastColour(in text: String) -> (String, WarningLevel)? {
        let lowered = text.lowercased()
        var best: (offset: Int, word: String, level: WarningLevel)? = nil
        for colour in colours {
            var searchStart = lowered.startIndex
            while let range = lowered.range(of: colour.word, range: searchStart..<lowered.endIndex) {
                searchStart = range.upperBound
                if colour.english, !isWordBoundary(lowered, range) { continue }
                let offset = lowered.distance(from: lowered.startIndex, to: range.lowerBound)
                if offset >= (best?.offset ?? -1) {
                    best = (offset, String(lowered[range]), colour.level)
                }
            }
        }
        return best.map { ($0.word, $0.level) }
    }

    static func isWordBoundary(_ text: String, _ range: Range<String.Index>) -> Bool {
        let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
        let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
        return !(before?.isLetter ?? false) && !(before?.isNumber ?? false)
            && !(after?.isLetter ?? false) && !(after?.isNumber ?? false)
    }
}
