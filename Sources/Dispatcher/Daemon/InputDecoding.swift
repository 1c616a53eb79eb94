import Rules

/// The seam between input bytes and the dispatch core: picks the decoder by format (SPEC
/// §3.1/§3.2). A second format is one more case here and nothing else changes downstream.
public enum InputDecoding {
    public enum Decoded: Sendable {
        case incident(IncidentMessage)
        case ack(Acknowledgement)
    }

    /// Decodes an incident input by its name and content.
    public static func incident(fileName: String, bytes: [UInt8], county: County) throws(InputError) -> IncidentMessage {
        switch InputFormat.detect(fileName: fileName, bytes: bytes) {
        case .nativeJSON:
            return try NativeIncidentDecoder.decode(bytes, knownKinds: county.kinds)
        case .cap:
            throw InputError("CAP XML input is not supported by this version of dispatchd yet",
                             remedy: "convert the warning to the native JSON form (docs/INPUTS.md) and submit that")
        case .unknown:
            throw InputError("not an incident: the content is neither JSON (starting with '{') nor XML (starting with '<')",
                             remedy: "drop native JSON incidents as *.json and CAP warnings as *.xml or *.cap")
        }
    }
}
