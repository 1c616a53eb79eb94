import FuzzSupport
import Rules

/// libFuzzer entry point for `CAPDecoder` and its `XMLReader` (SPEC §3.2) against the example
/// county: any bytes either decode (every area reference is a path of the county) or are
/// refused with a well-formed `InputError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCAP(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let county = FuzzSupport.exampleCounty
    do {
        let decoded = try CAPDecoder.decode(bytes, county: county)
        for path in decoded.message.areaReferences {
            precondition(county.areas.resolve(path) != nil, "CAP decoded to an area \(path) outside the county")
        }
        // Traditional folding maps one character to one: positions found in folded text are
        // positions in the text as sent.
        precondition(ChineseFolding.fold(decoded.message.title).count == decoded.message.title.count, "folding changed a length")
    } catch {
        FuzzSupport.check(error)
    }
    return 0
}
