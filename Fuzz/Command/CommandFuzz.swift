import Foundation
import FuzzSupport
import Rules

/// libFuzzer entry point for `OperatorCommandDecoder` (SPEC §14): any bytes either decode to a
/// command whose `by` and ids are non-empty and that survives an encode/decode round trip
/// unchanged, or are refused with a well-formed `InputError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommand(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        let command = try OperatorCommandDecoder.decode(bytes)
        precondition(!command.by.isEmpty, "decoded a command with an empty by")
        switch command.action {
        case .cancel(let id), .close(let id), .standdown(let id, _), .reassign(let id, _):
            precondition(!id.isEmpty, "decoded a command with an empty id")
        case .dispatch(let order):
            precondition(!order.incidentID.isEmpty && !order.teamID.isEmpty, "decoded a dispatch with an empty id")
        case .team(let change):
            precondition(!change.teamID.isEmpty, "decoded a team command with an empty team_id")
            precondition(change.until == nil || change.status == .unavailable, "until on a team made available")
        case .duty(let change):
            precondition(!change.postID.isEmpty, "decoded a duty command with an empty post_id")
        }
        // What the encoder writes reads back the same, to the second.
        var truncated = command
        truncated.at = Date(timeIntervalSince1970: command.at.timeIntervalSince1970.rounded(.down))
        if case .team(var change) = truncated.action, let until = change.until {
            change.until = Date(timeIntervalSince1970: until.timeIntervalSince1970.rounded(.down))
            truncated.action = .team(change)
        }
        let again = try OperatorCommandDecoder.decode(OperatorCommandEncoder.encode(truncated))
        precondition(again == truncated, "the encoded command did not read back the same: \(truncated) vs \(again)")
    } catch {
        FuzzSupport.check(error)
    }
    return 0
}
