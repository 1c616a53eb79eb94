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
    /// Same key and same bytes as an input already taken: no effect.
    case duplicate
    /// Without effect for a reason of its own (closed, unknown incident…; logged).
    case noEffect(String)
    /// Older than the newest input already applied to its incident: no effect (logged).
    case stale(String)
    /// Refused: the input goes to `rejected/` with this error.
    case rejected(InputError)

    public var isRejected: Bool { if case .rejected = self { true } else { false } }
}
