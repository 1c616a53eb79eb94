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

    func oneOf(_ name: String, _ values: [String], in parent: XMLElement) throws(InputError) -> String {
        let text = try required(name, in: parent)
        if let value = values.first(where: { $0.lowercased() == text.lowercased() }) { return value }
        let element = first(name, in: parent)!
        throw InputError("unknown <\(name)> \"\(text)\"", line: element.line, column: element.column,
                         remedy: "use one of \(values.joined(separator: ", "))")
    }

    /// A CAP dateTime (`2024-09-06T08:00:00+08:00`): RFC 3339 with an offset.
    func time(_ text: String, _ name: String, in element: XMLElement) throws(InputError) -> Date {
        switch RFC3339.check(text) {
        case .success(let date): return date
        case .failure(let failure):
            let at = first(name, in: element) ?? element
            throw InputError("<\(name)> \"\(text)\" is not a CAP dateTime: \(failure.reason)", line: at.line, column: at.column,
                             remedy: "write it like 2024-09-06T08:00:00+08:00 (the offset is required)")
        }
    }

    struct Reference {
        var key: String
        var identifier: String
        var sent: Date?
    }

    /// `references`: whitespace-separated `sender,identifier,sent` triples, returned oldest first.
    func references(in root: XMLElement) throws(InputError) -> [Reference] {
        guard let element = first("references", in: root) else { return [] }
        var result: [(offset: Int, reference: Reference)] = []
        for (offset, triple) in element.trimmedText.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).enumerated() {
            let parts = triple.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw InputError("<references> entry \"\(triple)\" is not sender,identifier,sent", line: element.line,
                                 column: element.column, remedy: "separate entries with spaces and write each as sender,identifier,sent")
            }
            let reference = Reference(key: "\(parts[0])|\(parts[1])", identifier: String(parts[1]), sent: RFC3339.parse(String(parts[2])))
            result.append((offset, reference))
        }
        return result.sorted { lhs, rhs in
            switch (lhs.reference.sent, rhs.reference.sent) {
            case let (left?, right?) where left != right: left < right
            default: lhs.offset < rhs.offset
            }
        }.map(\.reference)
    }
}
