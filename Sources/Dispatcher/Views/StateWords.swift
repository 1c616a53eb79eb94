import Catalogue
import Rules

/// The words people read for the state's raw values (states, commands, demands, history
/// events), from the one catalogue; shared by the CLI's human output and the console's pages.
/// `--json` and file formats keep the raw values.
extension Catalogue {
    public func state(_ state: IncidentRecord.State) -> String {
        switch state {
        case .active: self(.incidentActive)
        case .lifted: self(.incidentLifted)
        case .closed: self(.incidentClosed)
        }
    }

    public func state(_ state: OrderRecord.State) -> String {
        switch state {
        case .issued: self(.orderIssued)
        case .escalated: self(.orderEscalated)
        case .accepted: self(.orderAccepted)
        case .arrived: self(.orderArrived)
        case .completed: self(.orderCompleted)
        case .declined: self(.orderDeclined)
        case .stoodDown: self(.orderStoodDown)
        case .unacknowledged: self(.orderUnacknowledged)
        }
    }

    /// The name of an operator command, as people say it.
    public func name(of kind: OperatorCommand.Kind) -> String {
        switch kind {
        case .cancel: self(.commandCancel)
        case .close: self(.commandClose)
        case .dispatch: self(.commandDispatch)
        case .standdown: self(.commandStanddown)
        case .reassign: self(.commandReassign)
        case .team: self(.commandTeam)
        case .duty: self(.commandDuty)
        }
    }

    /// `capability evacuation` / `kind militia` (a rule's selector as the state stores it), in
    /// this language; anything else as it is.
    public func selector(_ text: String) -> String {
        if text.hasPrefix("capability ") { return self(.selectorCapability, String(text.dropFirst("capability ".count))) }
        if text.hasPrefix("kind ") { return self(.selectorKind, String(text.dropFirst("kind ".count))) }
        return text
    }

    /// A history event's name (§16); an event unknown to this version as it is.
    public func event(_ name: String) -> String {
        let keys: [String: TextKey] = [
            "input": .eventInput, "order": .eventOrder, "reassign": .eventReassign, "standdown": .eventStanddown,
            "lifted": .eventLifted, "closed": .eventClosed, "shortfall": .eventShortfall, "unacknowledged": .eventUnacknowledged,
            "escalation": .eventEscalation, "ack": .eventAck, "command": .eventCommand, "duty": .eventDuty, "team": .eventTeam,
            "timer": .eventTimer, "matched": .eventMatched, "handover": .eventDuty, "team_unavailable": .eventTeamUnavailable,
            "team_available": .eventTeamAvailable,
        ]
        return keys[name].map { self($0) } ?? name
    }
}
