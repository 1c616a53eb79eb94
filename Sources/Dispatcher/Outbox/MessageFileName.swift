/// The file name of an outgoing message: `SEQ-TYPE-ID.json` (SPEC §6).
///
/// SEQ is zero-padded to 20 digits, so names sort in SEQ order; every character of ID outside
/// `A-Za-z0-9._-` (including each non-ASCII scalar and `/`) becomes `_`, so an ID can never
/// escape the directory or produce a hidden, temporary or ambiguous name.
public enum MessageFileName {
    public static func make(seq: Int64, type: OutgoingMessage.MessageType, id: String) -> String {
        "\(paddedSeq(seq))-\(type.rawValue)-\(escape(id)).json"
    }

    /// SEQ as 20 decimal digits.
    public static func paddedSeq(_ seq: Int64) -> String {
        let digits = String(seq)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }

    /// Replaces every Unicode scalar outside `A-Za-z0-9._-` with `_`.
    public static func escape(_ id: String) -> String {
        var escaped = String.UnicodeScalarView()
        for scalar in id.unicodeScalars {
            escaped.append(isAllowed(scalar) ? scalar : "_")
        }
        return String(escaped)
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", ".", "_", "-": true
        default: false
        }
    }
}
