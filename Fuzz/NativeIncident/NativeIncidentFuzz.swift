import FuzzSupport
import Rules

/// libFuzzer entry point for `NativeIncidentDecoder` (SPEC §3.1): any bytes either decode to
/// an incident whose keys are consistent or are refused with a well-formed `InputError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNativeIncident(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        let message = try NativeIncidentDecoder.decode(bytes, knownKinds: FuzzSupport.exampleCounty.kinds)
        precondition(!message.incidentID.isEmpty, "decoded an incident with an empty id")
        precondition(message.inputKey.hasPrefix(message.incidentID + "|"), "inputKey \(message.inputKey) does not start with the id")
        if message.msgType == .alert || message.msgType == .update {
            precondition(message.kind != nil && !message.areaReferences.isEmpty, "an alert without kind or areas")
        }
    } catch {
        FuzzSupport.check(error)
    }
    return 0
}
