/// What the main config says about operators (SPEC §14): who may do what (`authorization:`)
/// and how a manual order is chased (`manual:`).

/// `authorization: {operators: [groups], commanders: [groups]}`: Unix groups per role.
/// Without the key (`County.Settings.authorization == nil`) every writer of the spool may do
/// everything; the directory permissions are the gate.
public struct Authorization: Sendable, Equatable {
    /// What a file asks to do, and so the role it needs.
    public enum Role: String, Sendable, CaseIterable, Comparable {
        /// Incidents, acks and every command but `cancel` and `close`.
        case operators
        /// Everything.
        case commanders

        public static func < (lhs: Role, rhs: Role) -> Bool { lhs == .operators && rhs == .commanders }
    }

    public var operators: [String]
    public var commanders: [String]

    public init(operators: [String] = [], commanders: [String] = []) {
        self.operators = operators
        self.commanders = commanders
    }

    /// The groups that grant `role` (commanders may do everything operators may).
    public func groups(granting role: Role) -> [String] {
        role == .operators ? operators + commanders : commanders
    }

    /// The role an operator command needs: `cancel` and `close` are for commanders.
    public static func role(for command: OperatorCommand.Kind) -> Role {
        switch command {
        case .cancel, .close: .commanders
        case .dispatch, .standdown, .reassign, .team, .duty: .operators
        }
    }
}

/// `manual: {ack_within, escalate, on_unacknowledged, instructions}`: the chain of a manual
/// order (`dispatch` command) that names none of its own. Held as a `Rule` with id `manual`
/// that no incident ever matches (no demands), so the order code and `check` treat its chain
/// exactly like a rule's.
public enum ManualDefaults {
    public static let ruleID = "manual"

    /// Without `manual:`: `ack_within: 10m`, steps `{after: 10m, to: town}` and
    /// `{after: 20m, to: district}` (those levels the area tree has), `on_unacknowledged: report`.
    public static func standard(levels: [String]) -> Rule {
        var steps: [EscalationStep] = []
        if levels.contains("town") { steps.append(EscalationStep(after: ConfigDuration(seconds: 600), to: .level("town"))) }
        if levels.contains("district") { steps.append(EscalationStep(after: ConfigDuration(seconds: 1200), to: .level("district"))) }
        return Rule(id: ruleID, when: RuleCondition(), response: .four, mobilize: [], ackWithin: ConfigDuration(seconds: 600),
                    escalate: steps, onUnacknowledged: .report)
    }
}

extension Authorization {
    /// Whether a file owned by `uid`, whose account is in `groups`, may do what needs `role`.
    /// Root and the daemon's own user are always allowed.
    public func permits(uid: UInt32, groups: Set<String>, role: Role, daemonUID: UInt32) -> Bool {
        uid == 0 || uid == daemonUID || !groups.isDisjoint(with: self.groups(granting: role))
    }
}
