/// The result of decoding one CAP message: the incident message, whether it dispatches, and
/// the mapping decisions in human terms (what `dispatchd plan` prints).
public struct CAPDecoded: Sendable {
    public enum Disposition: Sendable, Equatable {
        case dispatch
        /// Filed as processed with no effect (Ack/Error, Test/Draft/System, ignored exercises).
        case ignore(CAPIgnoreReason)
    }

    /// Always filled; best effort for ignored messages.
    public var message: IncidentMessage
    public var disposition: Disposition
    public var mapping: CAPMapping

    public init(message: IncidentMessage, disposition: Disposition, mapping: CAPMapping) {
        self.message = message
        self.disposition = disposition
        self.mapping = mapping
    }
}
