/// The seam between input bytes and the dispatch core: picks the decoder by format (SPEC
/// §3.1/§3.2). A second format is one more case here and nothing else changes downstream.
public enum InputDecoding {
    public enum Decoded: Sendable {
        case incident(IncidentMessage)
        /// Filed as processed with no effect (CAP Ack/Error, Test/Draft/System, an ignored
        /// exercise), still recorded under its key for duplicate detection.
        case ignoredIncident(IncidentMessage, reason: CAPIgnoreReason)
        case ack(Acknowledgement)
        case command(OperatorCommand)
    }

    /// What an incident file turned out to be.
    public enum IncidentInput: Sendable {
        /// Dispatch it; `cap` explains the mapping when the input was CAP.
        case dispatch(IncidentMessage, cap: CAPMapping?)
        /// File it as processed with no effect, logging `reason` (CAP Ack/Error, Test/Draft/System,
        /// an ignored exercise). `message.inputKey` is its key for duplicate detection.
        case ignored(IncidentMessage, reason: CAPIgnoreReason, cap: CAPMapping)
    }

    /// Decodes an incident input by its name and content.
    public static func decode(fileName: String, bytes: [UInt8], county: County) throws(InputError) -> IncidentInput {
        switch InputFormat.detect(fileName: fileName, bytes: bytes) {
        case .nativeJSON:
            return .dispatch(try NativeIncidentDecoder.decode(bytes, knownKinds: county.kinds), cap: nil)
        case .cap:
            let decoded = try CAPDecoder.decode(bytes, county: county)
            switch decoded.disposition {
            case .dispatch: return .dispatch(decoded.message, cap: decoded.mapping)
            case .ignore(let reason): return .ignored(decoded.message, reason: reason, cap: decoded.mapping)
            }
        case .unknown:
            throw InputError("not an incident: the content is neither JSON (starting with '{') nor XML (starting with '<')",
                             remedy: "drop native JSON incidents as *.json and CAP warnings as *.xml or *.cap")
        }
    }

    /// Decodes an incident input that must dispatch. A CAP message that is only filed as
    /// processed (see `decode`) is refused here with its reason: callers that file such
    /// messages use `decode(fileName:bytes:county:)`.
    public static func incident(fileName: String, bytes: [UInt8], county: County) throws(InputError) -> IncidentMessage {
        switch try decode(fileName: fileName, bytes: bytes, county: county) {
        case .dispatch(let message, _):
            return message
        case .ignored(_, let reason, _):
            throw InputError("the CAP message dispatches nothing: \(reason)",
                             remedy: "send an Actual (or Exercise) Alert, Update or Cancel to dispatch")
        }
    }
}
