/// One escalation step of a rule resolved to a concrete duty post for one order.
public struct ResolvedEscalationStep: Sendable, Equatable {
    /// The step's 1-based position in the rule's `escalate` list (as written in the rules
    /// file; a step that resolves to nothing is skipped, the others keep their numbers).
    public var step: Int
    /// When the step fires, counted from the order's issue time.
    public var after: ConfigDuration
    /// The id of the duty post that receives the escalation.
    public var dutyPostID: String

    public init(step: Int, after: ConfigDuration, dutyPostID: String) {
        self.step = step
        self.after = after
        self.dutyPostID = dutyPostID
    }
}

extension Matcher {
    /// The escalation chain of `rule` for an order of a team at `teamArea` on an incident at
    /// `incidentArea`: each step resolved with `DutyDirectory.resolve` (a level means the post
    /// serving the team's area at that level, else the incident's; an explicit id is that
    /// post). Steps that resolve to no post are left out.
    public func escalationChain(rule: Rule, teamArea: Int, incidentArea: Int) -> [ResolvedEscalationStep] {
        var chain: [ResolvedEscalationStep] = []
        chain.reserveCapacity(rule.escalate.count)
        for (position, step) in rule.escalate.enumerated() {
            guard let post = index.duty.resolve(step.to, teamArea: teamArea, incidentArea: incidentArea) else {
                continue
            }
            chain.append(ResolvedEscalationStep(step: position + 1, after: step.after,
                                                dutyPostID: index.duty.posts[post].id))
        }
        return chain
    }
}
