import Catalogue
import Dispatcher
import Foundation
import Rules

/// The catalogue of this process's language (SPEC §10: LC_ALL, LC_MESSAGES, LANG). Every
/// human text the commands print comes from here; `--json` never does.
let texts = Catalogue(environment: ProcessInfo.processInfo.environment)

extension Catalogue {
    func state(_ state: IncidentRecord.State) -> String {
        switch state {
        case .active: self(.incidentActive)
        case .lifted: self(.incidentLifted)
        case .closed: self(.incidentClosed)
        }
    }

    func state(_ state: OrderRecord.State) -> String {
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

    /// Column headings in this language.
    func columns(_ keys: TextKey...) -> [String] { keys.map { self($0) } }
}

extension Catalogue {
    /// The name of an operator command, as people say it.
    func name(of kind: OperatorCommand.Kind) -> String {
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
}

extension Catalogue {
    /// `capability evacuation` / `kind militia` (a rule's selector as the state stores it), in
    /// this language; anything else as it is.
    func selector(_ text: String) -> String {
        if text.hasPrefix("capability ") { return self(.selectorCapability, String(text.dropFirst("capability ".count))) }
        if text.hasPrefix("kind ") { return self(.selectorKind, String(text.dropFirst("kind ".count))) }
        return text
    }
}
