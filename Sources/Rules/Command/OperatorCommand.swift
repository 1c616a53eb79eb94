import Foundation

/// An operator command (SPEC §14), as dropped into `commands/` by the CLI and the console:
/// `{"command": "standdown", "order_id": "...", "reason": "...", "by": "王强",
///   "at": "2024-09-06T09:12:00+08:00", "note": "...", "via": "cli"}`.
///
/// Invariants: `by` is a non-empty person's name and `at` the time the operator gave the
/// command; `note` and `via` are optional. What the command does is `action`, one case per
/// command of §14, each carrying exactly the fields that command names. Whether its ids exist
/// and whether it can apply is for the dispatch core to decide, not this model. Files are
/// written only by `OperatorCommandEncoder` and read only by `OperatorCommandDecoder`, which
/// reads back exactly what the encoder writes (to the second for times).
public struct OperatorCommand: Sendable, Equatable {
    public var action: Action
    /// Who gave the command (a person's name), recorded beside the file owner's uid.
    public var by: String
    /// When the operator gave it.
    public var at: Date
    public var note: String?
    /// Where it was given: `cli`, `console` or any word.
    public var via: String?

    public init(_ action: Action, by: String, at: Date, note: String? = nil, via: String? = nil) {
        self.action = action
        self.by = by
        self.at = at
        self.note = note
        self.via = via
    }

    public var kind: Kind { action.kind }

    /// The `command` field's values.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case cancel, close, dispatch, standdown, reassign, team, duty
    }

    /// What a command does, with its fields.
    public enum Action: Sendable, Equatable {
        /// As a native `cancel` (§8): the warning is lifted.
        case cancel(incidentID: String)
        /// As a native `close` (§8): the response ends.
        case close(incidentID: String)
        /// A manual order for one team outside the rules.
        case dispatch(ManualDispatch)
        /// One order stood down (reason `operator`); its demand is not refilled.
        case standdown(orderID: String, reason: String?)
        /// One order stood down (reason `reassigned`) and given to `teamID`, else to the next
        /// candidate for the same demand.
        case reassign(orderID: String, teamID: String?)
        /// A team's live availability.
        case team(TeamAvailability)
        /// Who is on duty at a duty post from now on (§15).
        case duty(DutyChange)

        public var kind: Kind {
            switch self {
            case .cancel: .cancel
            case .close: .close
            case .dispatch: .dispatch
            case .standdown: .standdown
            case .reassign: .reassign
            case .team: .team
            case .duty: .duty
            }
        }
    }
}

/// `dispatch`: a manual order. Fields left nil take the config's `manual:` defaults.
public struct ManualDispatch: Sendable, Equatable {
    public var incidentID: String
    public var teamID: String
    /// The order text; nil uses the manual defaults' text.
    public var instructions: String?
    public var ackWithin: ConfigDuration?
    /// The escalation chain; nil uses the config's `manual: escalate`.
    public var escalate: [ManualEscalationStep]?
    public var onUnacknowledged: OnUnacknowledged?

    public init(incidentID: String, teamID: String, instructions: String? = nil, ackWithin: ConfigDuration? = nil,
                escalate: [ManualEscalationStep]? = nil, onUnacknowledged: OnUnacknowledged? = nil) {
        self.incidentID = incidentID
        self.teamID = teamID
        self.instructions = instructions
        self.ackWithin = ackWithin
        self.escalate = escalate
        self.onUnacknowledged = onUnacknowledged
    }
}

/// One step of a manual order's chain, as in a rule: `{"after": "10m", "to": "town"}`. `to` is
/// an area level or a duty post id; which one is resolved against the config when applied.
public struct ManualEscalationStep: Sendable, Equatable {
    public var after: ConfigDuration
    public var to: String

    public init(after: ConfigDuration, to: String) {
        self.after = after
        self.to = to
    }
}

/// `team`: a team becomes available or unavailable (with a reason, until a time).
public struct TeamAvailability: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable, Codable {
        case available, unavailable
    }

    public var teamID: String
    public var status: Status
    public var reason: String?
    /// When an unavailable team becomes available again by itself; nil: until told.
    public var until: Date?

    public init(teamID: String, status: Status, reason: String? = nil, until: Date? = nil) {
        self.teamID = teamID
        self.status = status
        self.reason = reason
        self.until = until
    }
}

/// `duty`: the persons on duty at a post from now on (an empty list: nobody; messages to the
/// post then go to its configured contact).
public struct DutyChange: Sendable, Equatable {
    public var postID: String
    public var onDuty: [Recipient]

    public init(postID: String, onDuty: [Recipient]) {
        self.postID = postID
        self.onDuty = onDuty
    }
}
