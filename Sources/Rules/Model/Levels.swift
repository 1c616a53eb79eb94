/// Warning levels (预警级别) and emergency response levels (应急响应级别).
///
/// Warning levels order white < blue < yellow < orange < red (the national four colours plus
/// Guangdong's white 48-hour typhoon signal). Response levels order IV < III < II < I: level I
/// is the highest, so `ResponseLevel.one > ResponseLevel.four`.

/// A warning colour.
public enum WarningLevel: Int, Comparable, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case white, blue, yellow, orange, red

    public init?(name: String) {
        guard let level = WarningLevel.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = level
    }

    /// The name used in config files and messages: `white` … `red`.
    public var name: String {
        switch self {
        case .white: "white"
        case .blue: "blue"
        case .yellow: "yellow"
        case .orange: "orange"
        case .red: "red"
        }
    }

    /// The Chinese colour word used in warning titles: 白色 … 红色.
    public var chineseName: String {
        switch self {
        case .white: "白色"
        case .blue: "蓝色"
        case .yellow: "黄色"
        case .orange: "橙色"
        case .red: "红色"
        }
    }

    public var description: String { name }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// An emergency response level; `I` is the highest.
public enum ResponseLevel: Int, Comparable, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case four = 4, three = 3, two = 2, one = 1

    public init?(name: String) {
        guard let level = ResponseLevel.allCases.first(where: { $0.name == name.uppercased() }) else { return nil }
        self = level
    }

    /// `IV`, `III`, `II` or `I`.
    public var name: String {
        switch self {
        case .four: "IV"
        case .three: "III"
        case .two: "II"
        case .one: "I"
        }
    }

    public var description: String { name }
    /// Higher response is "greater": `.one > .two`.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue > rhs.rawValue }
}

/// `when.level` of a rule: `">= orange"`, `"<= yellow"` or a plain `red` (exactly).
public enum LevelCondition: Sendable, Equatable, CustomStringConvertible {
    case atLeast(WarningLevel)
    case atMost(WarningLevel)
    case exactly(WarningLevel)

    /// Parses the config form; returns nil when the text is not one of the three forms.
    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix(">=") {
            guard let level = WarningLevel(name: String(trimmed.dropFirst(2)).trimmingCharacters(in: .whitespaces)) else { return nil }
            self = .atLeast(level)
        } else if trimmed.hasPrefix("<=") {
            guard let level = WarningLevel(name: String(trimmed.dropFirst(2)).trimmingCharacters(in: .whitespaces)) else { return nil }
            self = .atMost(level)
        } else {
            guard let level = WarningLevel(name: trimmed) else { return nil }
            self = .exactly(level)
        }
    }

    public func matches(_ level: WarningLevel) -> Bool {
        switch self {
        case .atLeast(let bound): level >= bound
        case .atMost(let bound): level <= bound
        case .exactly(let bound): level == bound
        }
    }

    public var description: String {
        switch self {
        case .atLeast(let level): ">= \(level)"
        case .atMost(let level): "<= \(level)"
        case .exactly(let level): level.name
        }
    }
}
