/// A duration written in config as `90s`, `10m`, `1h30m` (units `h`, `m`, `s`, each at most
/// once, in that order). Whole seconds only.
public struct ConfigDuration: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var seconds: Int

    public init(seconds: Int) { self.seconds = seconds }

    /// Parses `1h30m`, `10m`, `90s`; nil for anything else (including `0s`-free empty text,
    /// negative or unitless numbers).
    public init?(text: String) {
        var total = 0
        var number = ""
        var lastUnitRank = -1
        var sawUnit = false
        for character in text.trimmingCharacters(in: .whitespaces) {
            if let digit = character.wholeNumberValue, character.isASCII {
                number.append(Character(String(digit)))
                continue
            }
            let rank: Int, factor: Int
            switch character {
            case "h": (rank, factor) = (0, 3600)
            case "m": (rank, factor) = (1, 60)
            case "s": (rank, factor) = (2, 1)
            default: return nil
            }
            guard !number.isEmpty, rank > lastUnitRank, let value = Int(number), value < 1_000_000 else { return nil }
            total += value * factor
            lastUnitRank = rank
            number = ""
            sawUnit = true
        }
        guard sawUnit, number.isEmpty else { return nil }
        self.seconds = total
    }

    /// The canonical text form: `1h30m`, `10m`, `90s` → `1m30s`, `0s`.
    public var description: String {
        if seconds == 0 { return "0s" }
        var text = ""
        let hours = seconds / 3600, minutes = seconds % 3600 / 60, secs = seconds % 60
        if hours > 0 { text += "\(hours)h" }
        if minutes > 0 { text += "\(minutes)m" }
        if secs > 0 { text += "\(secs)s" }
        return text
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.seconds < rhs.seconds }
}
