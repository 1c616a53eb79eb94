/// The CAP `status` and `msgType` values (SPEC §3.2), as types: what the decoder reads is one
/// of these or an error naming the allowed values, and everything downstream switches over
/// them instead of comparing strings.
public enum CAPStatus: String, Sendable, CaseIterable, Equatable {
    case actual = "Actual", exercise = "Exercise", system = "System", test = "Test", draft = "Draft"

    /// Test, Draft and System messages are logged and filed as processed, never dispatched.
    public var neverDispatches: Bool { self == .system || self == .test || self == .draft }
}

public enum CAPMessageType: String, Sendable, CaseIterable, Equatable {
    case alert = "Alert", update = "Update", cancel = "Cancel", ack = "Ack", error = "Error"
}

/// Why a CAP message is filed as processed without dispatching (SPEC §3.2).
public enum CAPIgnoreReason: Sendable, Equatable, CustomStringConvertible {
    /// An `Ack` or `Error` message.
    case messageType(CAPMessageType)
    /// `Test`, `Draft` or `System`.
    case status(CAPStatus)
    /// `Exercise` with `cap.exercise: ignore`.
    case exerciseIgnored

    public var description: String {
        switch self {
        case .messageType(let type): "a CAP \(type.rawValue) message is logged and filed as processed"
        case .status(let status): "status \(status.rawValue) is logged and filed as processed, never dispatched"
        case .exerciseIgnored: "status Exercise is ignored (cap.exercise: ignore)"
        }
    }
}
