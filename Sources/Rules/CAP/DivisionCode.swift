/// A Chinese administrative division code (GB/T 2260 with the town and village digits of the
/// statistical division codes), as GB/T 35965.1 geocodes carry them (SPEC §3.2.1).
///
/// Invariants:
/// - Written with 6, 9 or 12 ASCII digits; kept as 12 (padded with zeros). Digits 1–2 are the
///   province, 3–4 the city, 5–6 the county, 7–9 the town, 10–12 the village.
/// - Trailing zero groups mean "the whole unit": `440600000000` is all of 佛山市, `440000000000`
///   all of 广东省. `significantDigits` is 2, 4, 6, 9 or 12 accordingly.
/// - `a.contains(b)` when b's first `a.significantDigits` digits are a's: every unit contains
///   itself, a city contains its counties, towns and villages.
public struct DivisionCode: Sendable, Hashable, CustomStringConvertible {
    public let digits: String
    public let significantDigits: Int

    public init?(_ text: String) {
        guard [6, 9, 12].contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        let padded = text + String(repeating: "0", count: 12 - text.utf8.count)
        guard !padded.hasPrefix("00") else { return nil }
        digits = padded
        let bytes = Array(padded.utf8)
        func zero(_ range: Range<Int>) -> Bool { bytes[range].allSatisfy { $0 == 0x30 } }
        significantDigits = zero(2..<12) ? 2 : zero(4..<12) ? 4 : zero(6..<12) ? 6 : zero(9..<12) ? 9 : 12
    }

    public func contains(_ other: DivisionCode) -> Bool {
        significantDigits <= other.significantDigits
            && digits.utf8.prefix(significantDigits).elementsEqual(other.digits.utf8.prefix(significantDigits))
    }

    /// The unit's rank, for messages: province, city, county, town or village.
    public var rank: String {
        switch significantDigits {
        case 2: "province"
        case 4: "city"
        case 6: "county"
        case 9: "town"
        default: "village"
        }
    }

    public var description: String { digits }
}
