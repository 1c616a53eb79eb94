/// Terminal column widths, so tables with Chinese text stay aligned.
/// Hand-written: no package in reach counts East Asian widths per grapheme cluster.
///
/// Invariants: widths are counted per grapheme cluster (what a terminal draws as one glyph).
/// A cluster is 2 columns when any of its scalars is East Asian Wide or Fullwidth (CJK, Hangul,
/// kana, fullwidth forms) or has emoji presentation (including a text-default emoji followed
/// by U+FE0F); 0 when it is only combining marks, format characters or control characters;
/// otherwise 1. Ambiguous-width characters count as 1, as in non-CJK locales.
public enum DisplayWidth {
    public static func of(_ s: String) -> Int {
        var total = 0
        for character in s {
            total += width(of: character)
        }
        return total
    }

    /// `s` followed by spaces up to `width` columns; `s` unchanged when already as wide.
    public static func pad(_ s: String, to width: Int) -> String {
        let current = of(s)
        return current >= width ? s : s + String(repeating: " ", count: width - current)
    }

    static func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.contains(where: { isWide($0) }) { return 2 }
        if first.properties.isEmoji, scalars.contains("\u{FE0F}") { return 2 }
        if scalars.allSatisfy({ isZeroWidth($0) }) { return 0 }
        return 1
    }

    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return scalar.value == 0x200B || (0x1160...0x11FF).contains(scalar.value)
        }
    }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x1100 { return false }
        if scalar.properties.isEmojiPresentation { return true }
        return wideRanges.contains { $0.contains(value) }
    }

    /// East Asian Wide (W) and Fullwidth (F) blocks outside emoji (Unicode EastAsianWidth.txt).
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,   // Hangul Jamo initials
        0x2329...0x232A,   // angle brackets
        0x2E80...0x303E,   // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
        0x3041...0x33FF,   // kana, bopomofo, Hangul compatibility jamo, kanbun, CJK strokes, enclosed, compatibility
        0x3400...0x4DBF,   // CJK Extension A
        0x4E00...0x9FFF,   // CJK Unified Ideographs
        0xA000...0xA4CF,   // Yi
        0xA960...0xA97F,   // Hangul Jamo Extended-A
        0xAC00...0xD7A3,   // Hangul syllables
        0xF900...0xFAFF,   // CJK compatibility ideographs
        0xFE10...0xFE19,   // vertical forms
        0xFE30...0xFE6F,   // CJK compatibility forms, small form variants
        0xFF00...0xFF60,   // fullwidth forms
        0xFFE0...0xFFE6,   // fullwidth signs
        0x16FE0...0x18CFF, // Tangut and ideographic symbols
        0x1B000...0x1B2FF, // kana supplement and extended
        0x1F200...0x1F2FF, // enclosed ideographic supplement
        0x20000...0x2FFFD, // CJK Extensions B–F, compatibility supplement
        0x30000...0x3FFFD, // CJK Extension G and later
    ]
}
