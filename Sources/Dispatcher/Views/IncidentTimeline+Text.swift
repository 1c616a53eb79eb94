import Rules

/// The plain-text parts of a timeline row, the same in `dispatchd history` and on the
/// console's incident page (each escapes or aligns them as its medium needs).
extension IncidentTimeline.Event {
    /// `王强 (wangq)`: the person named in the file and the file owner's user name; nil when neither is known.
    public var who: String? {
        let owner = ownerName ?? ownerUID.map { "uid \($0)" }
        switch (by, owner) {
        case let (by?, owner?): return "\(by) (\(owner))"
        case let (by?, nil): return by
        case let (nil, owner?): return "(\(owner))"
        case (nil, nil): return nil
        }
    }

    /// `key=value` pairs of the details; SHA-256 digests and hashes cut to 12 hex digits.
    public var detailSummary: String {
        details.compactMap { member -> String? in
            guard !member.value.isNull else { return nil }
            var text = member.value.stringValue ?? JSONWriter.string(member.value)
            if member.key == "sha256" || member.key.hasSuffix("_hash") { text = String(text.prefix(12)) }
            return text.isEmpty ? nil : "\(member.key)=\(text)"
        }.joined(separator: " ")
    }
}
