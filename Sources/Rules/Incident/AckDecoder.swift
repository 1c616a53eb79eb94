/// Decodes an acknowledgement file (SPEC §7) into an `Acknowledgement`.
///
/// Invariants: `order_id`, `status` and `by` are required non-empty strings (`order_id` without
/// control characters); `status` is one of accept, decline, arrived, complete
/// (case-insensitive); `at` is an optional RFC 3339 time with offset; `note` an optional
/// string; unknown fields are ignored and `null` means absent. Whether the order exists is for
/// the dispatch core to decide, not this decoder. Every refusal is an `InputError` at the
/// offending value with a remedy.
public enum AckDecoder {
    public static func decode(_ bytes: [UInt8]) throws(InputError) -> Acknowledgement {
        let root = try JSONParser.parse(bytes)
        let fields = try JSONFieldReader(root, name: "the acknowledgement",
                                         remedy: "write the acknowledgement as one JSON object (SPEC §7)")
        let orderID = try fields.requiredIdentifier("order_id", remedy: "add `order_id`, the id of the order being answered")
        let statusNames = Acknowledgement.Status.allCases.map(\.rawValue)
        let status = try fields.requiredString("status", remedy: "add `status`, one of \(statusNames.joined(separator: ", "))")
        guard let parsedStatus = Acknowledgement.Status(rawValue: status.text.lowercased()) else {
            let hint = NearestName.suggestion(for: status.text, among: statusNames).map { "did you mean \"\($0)\"? " } ?? ""
            throw fields.error(at: status.value, "unknown `status` \"\(status.text)\"",
                               remedy: "\(hint)use one of \(statusNames.joined(separator: ", "))")
        }
        let by = try fields.requiredString("by", remedy: "add `by`, the name of the person answering").text
        return Acknowledgement(orderID: orderID, status: parsedStatus, by: by,
                               at: try fields.optionalTime("at")?.date,
                               note: try fields.optionalString("note"))
    }
}
