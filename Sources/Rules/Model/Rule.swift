/// A mobilization rule (预案条目): which incidents it applies to, the response level, the
/// teams to mobilize, the acknowledgement deadline and the escalation chain (SPEC §4).
public struct Rule: Hashable, Sendable {
    public var id: String
    public var when: RuleCondition
    public var response: ResponseLevel
    public var mobilize: [Demand]
    public var ackWithin: ConfigDuration
    public var arriveWithin: ConfigDuration?
    public var escalate: [EscalationStep]
    public var onUnacknowledged: OnUnacknowledged
    public var instructions: String?
    public var declaredAt: SourceLocation?

    public init(id: String, when: RuleCondition, response: ResponseLevel, mobilize: [Demand],
                ackWithin: ConfigDuration, arriveWithin: ConfigDuration? = nil, escalate: [EscalationStep] = [],
                onUnacknowledged: OnUnacknowledged = .report, instructions: String? = nil,
                declaredAt: SourceLocation? = nil) {
        self.id = id
        self.when = when
        self.response = response
        self.mobilize = mobilize
        self.ackWithin = ackWithin
        self.arriveWithin = arriveWithin
        self.escalate = escalate
        self.onUnacknowledged = onUnacknowledged
        self.instructions = instructions
        self.declaredAt = declaredAt
    }
}

/// `when:` of a rule. Every field present must match; absent fields match anything.
public struct RuleCondition: Hashable, Sendable {
    /// Incident kinds (`kind: typhoon` or `kind: [typhoon, storm]`); nil is any kind.
    public var kinds: [String]?
    public var level: LevelCondition?
    /// Index into the `AreaTree`: the rule applies to incident areas inside or above it.
    public var area: Int?
    /// A season name from the main config's `seasons`.
    public var season: String?

    public init(kinds: [String]? = nil, level: LevelCondition? = nil, area: Int? = nil, season: String? = nil) {
        self.kinds = kinds
        self.level = level
        self.area = area
        self.season = season
    }
}

extension LevelCondition: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }
}

/// One line of `mobilize:`: how many teams of a capability or kind, searched up to which level.
public struct Demand: Hashable, Sendable {
    public enum Selector: Hashable, Sendable, CustomStringConvertible {
        case capability(String)
        case kind(String)

        public var description: String {
            switch self {
            case .capability(let name): "capability \(name)"
            case .kind(let name): "kind \(name)"
            }
        }
    }

    public var selector: Selector
    public var count: Int
    /// The area level up to which the search widens; nil searches the whole tree.
    public var within: String?
    public var declaredAt: SourceLocation?

    public init(selector: Selector, count: Int, within: String?, declaredAt: SourceLocation? = nil) {
        self.selector = selector
        self.count = count
        self.within = within
        self.declaredAt = declaredAt
    }
}

/// One step of `escalate:`.
public struct EscalationStep: Hashable, Sendable {
    public enum Target: Hashable, Sendable, CustomStringConvertible {
        /// An area level: the duty post serving the team's (or incident's) area at that level.
        case level(String)
        /// An explicit duty post id.
        case dutyPost(String)

        public var description: String {
            switch self {
            case .level(let level): level
            case .dutyPost(let id): id
            }
        }
    }

    public var after: ConfigDuration
    public var to: Target
    public var declaredAt: SourceLocation?

    public init(after: ConfigDuration, to: Target, declaredAt: SourceLocation? = nil) {
        self.after = after
        self.to = to
        self.declaredAt = declaredAt
    }
}

public enum OnUnacknowledged: String, Hashable, Sendable, CaseIterable {
    case reassign, report
}
