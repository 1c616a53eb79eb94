import Foundation

/// Writes an acknowledgement file (SPEC §7), as `dispatchd ack` drops it into `acks/`.
///
/// Keys in the order `order_id`, `status`, `by`, `at`, `note`; `at` and `note` only when set;
/// pretty printed, ending with a newline. `AckDecoder.decode` reads back exactly what this
/// writes (to the second for `at`).
public enum AckEncoder {
    public static func encode(_ ack: Acknowledgement, timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!) -> [UInt8] {
        var members: [(String, JSONValue)] = [
            ("order_id", .string(ack.orderID)),
            ("status", .string(ack.status.rawValue)),
            ("by", .string(ack.by)),
        ]
        if let at = ack.at { members.append(("at", .string(RFC3339.format(at, in: timeZone)))) }
        if let note = ack.note { members.append(("note", .string(note))) }
        if let via = ack.via { members.append(("via", .string(via))) }
        if let enteredBy = ack.enteredBy { members.append(("entered_by", .string(enteredBy))) }
        return JSONWriter.render(.object(members), pretty: true) + [0x0A]
    }
}
