import Foundation

/// Reads CAP elements by local name within the document's CAP namespace, with errors that say
/// which element is missing or wrong, where, and what to write instead.
struct CAPFields {
    let namespaces: Set<String?>

    init(root: XMLElement) {
        namespaces = [root.namespace]
    }

    func first(_ name: String, in parent: XMLElement) -> XMLElement? {
        parent.child(name, in: namespaces)
    }

    func all(_ name: String, in parent: XMLElement) -> [XMLElement] {
        parent.children(name, in: namespaces)
    }

    /// The trimmed text of the first child `name`; nil when absent or blank.
    func text(_ name: String, in parent: XMLElement) -> String? {
        guard let text = first(name, in: parent)?.trimmedText, !text.isEmpty else { return nil }
        return text
    }

    func required(_ name: String, in parent: XMLElement) throws(InputError) -> String {
        guard let element = first(name, in: parent) else {
            throw InputError("the CAP <\(parent.localName)> has no <\(name)>", line: parent.line, column: parent.column,
                             remedy: "add <\(name)>: CAP requires identifier, sender, sent, status and msgType")
        }
        let text = element.trimmedText
        guard !text.isEmpty else {
            throw InputError("<\(name)> is empty", line: element.line, column: element.column, remedy: "give <\(name)> a value")
        }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw InputError("<\(name)> contains a control character or line break", line: element.line, column: element.column,
                             remedy: "write <\(name)> on one line")
        }
        return text
    }

    /// A required value of a CAP code list (`status`, `msgType`), matched case-insensitively.
    func code<Code: RawRepresentable & CaseIterable>(_ name: String, _ type: Code.Type,
                                                     in parent: XMLElement) throws(InputError) -> Code where Code.RawValue == String {
        let text = try required(name, in: parent)
        if let value = Code.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) { return value }
        let element = first(name, in: parent)!
        throw InputError("unknown <\(name)> \"\(text)\"", line: element.line, column: element.column,
                         remedy: "use one of \(Code.allCases.map(\.rawValue).joined(separator: ", "))")
    }

    /// The first of `names` that is present and not blank (GB/T 35965.1 writes `sendTime` where
    /// OASIS CAP writes `sent`); the error of the first name when none is.
    func required(anyOf names: [String], in parent: XMLElement) throws(InputError) -> (name: String, text: String) {
        let name = names.first { first($0, in: parent) != nil } ?? names[0]
        return (name, try required(name, in: parent))
    }

    /// A CAP dateTime (`2024-09-06T08:00:00+08:00`): RFC 3339 with an offset. GB/T 35965.1
    /// writes a space instead of the `T` (`2024-09-06 08:00:00+08:00`); that is read too.
    func time(_ text: String, _ name: String, in element: XMLElement) throws(InputError) -> Date {
        var bytes = Array(text.utf8)
        if bytes.count > 10, bytes[10] == 0x20, bytes[4] == 0x2D, bytes[7] == 0x2D { bytes[10] = UInt8(ascii: "T") }
        switch RFC3339.check(String(decoding: bytes, as: UTF8.self)) {
        case .success(let date): return date
        case .failure(let failure):
            let at = first(name, in: element) ?? element
            throw InputError("<\(name)> \"\(text)\" is not a CAP dateTime: \(failure.reason)", line: at.line, column: at.column,
                             remedy: "write it like 2024-09-06T08:00:00+08:00 (the offset is required)")
        }
    }

    /// The values of one `<geocode>`: CAP's `valueName`/`value` pair, or (GB/T 35965.1) plain
    /// text holding one or more codes separated by commas. A value with commas is split too.
    func geocodes(_ element: XMLElement) -> [(name: String, value: String)] {
        let name = text("valueName", in: element) ?? ""
        let written = first("value", in: element) == nil ? element.trimmedText : (text("value", in: element) ?? "")
        return written.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" || $0 == ";" || $0.isWhitespace })
            .map { (name: name, value: String($0)) }
    }

    struct Reference {
        var key: String
        var identifier: String
        var sent: Date?
    }

    /// `references`: whitespace-separated `sender,identifier,sent` triples, or (GB/T 35965.1)
    /// bare identifiers of earlier messages of the same sender, separated by commas or spaces.
    /// Returned oldest first (bare identifiers, which have no time, after the triples, in the
    /// order written). A triple whose time is written with a space is joined back together.
    func references(in root: XMLElement, sender: String) throws(InputError) -> [Reference] {
        guard let element = first("references", in: root) else { return [] }
        var tokens: [String] = []
        for token in element.trimmedText.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }) {
            // "sender,identifier,2024-09-06 08:00:00+08:00": the time's second half.
            if let last = tokens.last, Self.endsWithDate(last), token.first?.isNumber == true, token.contains(":") {
                tokens[tokens.count - 1] = last + " " + token
            } else {
                tokens.append(String(token))
            }
        }
        var result: [(offset: Int, reference: Reference)] = []
        for token in tokens {
            let parts = token.split(separator: ",", omittingEmptySubsequences: false)
            // A triple's third part is a time (it has colons); an unreadable time still keeps the triple, as before.
            if parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, parts[2].contains(":") {
                let sent = try? time(String(parts[2]), "references", in: element)
                result.append((result.count, Reference(key: "\(parts[0])|\(parts[1])", identifier: String(parts[1]), sent: sent)))
                continue
            }
            for identifier in parts where !identifier.isEmpty {
                guard !identifier.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                    throw InputError("<references> entry \"\(identifier)\" contains a control character", line: element.line,
                                     column: element.column, remedy: "write sender,identifier,sent triples or bare identifiers")
                }
                result.append((result.count, Reference(key: "\(sender)|\(identifier)", identifier: String(identifier), sent: nil)))
            }
        }
        return result.sorted { lhs, rhs in
            switch (lhs.reference.sent, rhs.reference.sent) {
            case let (left?, right?) where left != right: left < right
            case (.some, nil): true
            case (nil, .some): false
            default: lhs.offset < rhs.offset
            }
        }.map(\.reference)
    }

    private static func endsWithDate(_ token: String) -> Bool {
        let bytes = Array(token.utf8.suffix(11))
        guard bytes.count == 11, bytes[0] == UInt8(ascii: ",") else { return false }
        return bytes[5] == 0x2D && bytes[8] == 0x2D && bytes[1...4].allSatisfy { (0x30...0x39).contains($0) }
    }
}
