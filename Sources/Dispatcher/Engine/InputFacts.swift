import Foundation
import Rules

/// What the intake knows about one claimed input file, recorded in its history row.
public struct InputFacts: Sendable {
    public var fileName: String
    public var sha256: String
    public var size: Int64
    public var ownerUID: UInt32?

    public init(fileName: String, sha256: String, size: Int64, ownerUID: UInt32?) {
        self.fileName = fileName
        self.sha256 = sha256
        self.size = size
        self.ownerUID = ownerUID
    }
}

/// What became of one input: the intake files it to `processed/` or `rejected/` accordingly.
public enum InputOutcome: Sendable, Equatable {
    /// Applied; the text says what it did (for the log).
    case applied(String)
    /// Accepted and recorded, but by design nothing is dispatched (`InputVerdict`); the text
    /// says what was done instead (for the log).
    case notDispatched(NoDispatchReason, String)
    /// Same key and same bytes as an input already taken: no effect.
    case duplicate
    /// Older than what the incident already has, or otherwise without effect (logged).
    case noEffect(NoEffectReason)
    /// Refused: the input goes to `rejected/` with this error.
    case rejected(InputError)

    public var isRejected: Bool { if case .rejected = self { true } else { false } }
}

/// Why a valid input is filed with no effect at all.
public enum NoEffectReason: Sendable, Equatable, CustomStringConvertible {
    /// Older than the newest input already applied to its incident (the time as the log writes it).
    case stale(sent: String)
    /// Its incident is closed.
    case incidentClosed(String)
    /// A cancel (CAP Cancel or all-clear) for an incident the daemon does not know.
    case cancelForUnknownIncident(String)
    /// A close for an incident the daemon does not know.
    case closeForUnknownIncident(String)
    /// A CAP message filed as processed by design (Ack/Error, Test/Draft/System, ignored exercise).
    case capIgnored(CAPIgnoreReason)

    public var description: String {
        switch self {
        case .stale(let sent): "stale: sent \(sent) is older than the newest input already applied"
        case .incidentClosed(let id): "incident \(id) is closed; inputs after a close have no effect"
        case .cancelForUnknownIncident(let id):
            "cancel or all-clear for unknown incident \(id): nothing is opened or dispatched"
        case .closeForUnknownIncident(let id): "close for unknown incident \(id)"
        case .capIgnored(let reason): "\(reason)"
        }
    }
}
