/// A strict, non-validating XML reader for the subset CAP needs, in pure Swift.
/// Hand-written, not Foundation's `XMLParser` (libxml2): that one reports no column we can
/// trust for an error, and its entity handling is what the stance below refuses by construction.
///
/// Security stance and invariants:
/// - Any `<!DOCTYPE` is refused, so no DTD is read, no external entity is fetched and no entity
///   is expanded: billion-laughs and XXE documents fail by construction, at the DOCTYPE's line
///   and column. Only the five predefined entities and numeric character references exist.
/// - Nesting depth, attributes per element and the total element count are bounded (`Limits`);
///   the tree is built with an explicit stack, never by recursion, so no input can exhaust the
///   call stack.
/// - The content of elements named in `skipping` (e.g. `derefUri`, `Signature`) is checked for
///   well-formedness but never kept: embedded audio or signatures cost no memory beyond the
///   decoded input, which `max_input_bytes` already bounds upstream.
/// - Namespace prefixes are resolved (`xmlns`, `xmlns:p`); an undeclared prefix is an error.
/// - Comments and processing instructions are dropped; CDATA is character data.
/// - Every error is an `InputError` with line and column and a remedy.
public enum XMLReader {
    public struct Limits: Sendable {
        public var maxDepth: Int
        public var maxAttributes: Int
        public var maxElements: Int

        public init(maxDepth: Int = 64, maxAttributes: Int = 64, maxElements: Int = 100_000) {
            self.maxDepth = maxDepth
            self.maxAttributes = maxAttributes
            self.maxElements = maxElements
        }
    }

    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// Parses a whole document and returns its root element.
    public static func parse(_ bytes: [UInt8], limits: Limits = Limits(), skipping: Set<String> = []) throws(InputError) -> XMLElement {
        var parser = Parser(scanner: XMLScanner(try XMLTextDecoding.scalars(bytes)), limits: limits, skipping: skipping)
        return try parser.document()
    }

    private struct Open {
        var qualifiedName: String
        var element: XMLElement
        var text = String.UnicodeScalarView()
        var bindings: [String: String]
        var skipping: Bool
    }

    private struct Parser {
        var scanner: XMLScanner
        let limits: Limits
        let skipping: Set<String>
        var stack: [Open] = []
        var elementCount = 0

        mutating func document() throws(InputError) -> XMLElement {
            if scanner.peek() == "\u{FEFF}" { scanner.advance() }
            if scanner.looking(at: "<?xml"), let next = scanner.peek(5), XMLElement.isSpace(next) {
                try scanner.skip(past: "?>", what: "the XML declaration", startLine: 1, startColumn: 1)
            }
            try misc()
            guard scanner.peek() == "<" else {
                if scanner.atEnd {
                    throw scanner.error("the document has no root element", remedy: "send a CAP <alert> document")
                }
                throw scanner.error("text before the root element", remedy: "the file must start with '<' (an XML document)")
            }
            let root = try elements()
            try misc()
            guard scanner.atEnd else {
                throw scanner.error("content after the end of the root element",
                                    remedy: "send one XML document per file, with nothing after its root element")
            }
            return root
        }

        /// Whitespace, comments and processing instructions outside the root element.
        mutating func misc() throws(InputError) {
            while true {
                scanner.skipSpace()
                if try markupDeclaration() { continue }
                return
            }
        }

        /// Skips a comment or processing instruction at the cursor; refuses a DOCTYPE or any
        /// other `<!` declaration. Returns false when the cursor is at none of them.
        mutating func markupDeclaration() throws(InputError) -> Bool {
            let line = scanner.line, column = scanner.column
            if scanner.consume("<!--") {
                try scanner.skip(past: "-->", what: "a comment", startLine: line, startColumn: column)
                return true
            }
            if scanner.looking(at: "<!DOCTYPE") || scanner.looking(at: "<!doctype") {
                throw scanner.error("DTDs are not accepted: a CAP message needs none; this also blocks external entities and entity expansion",
                                    remedy: "remove the <!DOCTYPE …> declaration (and any entity it defines) from the message")
            }
            if scanner.looking(at: "<?") {
                scanner.advance(by: 2)
                let target = try scanner.name(what: "a processing instruction target")
                if target.lowercased() == "xml" {
                    throw InputError("an XML declaration is only allowed at the very start of the document", line: line,
                                     column: column, remedy: "remove anything (even whitespace) before <?xml …?>")
                }
                try scanner.skip(past: "?>", what: "a processing instruction", startLine: line, startColumn: column)
                return true
            }
            if scanner.looking(at: "<!") && !scanner.looking(at: "<![CDATA[") {
                throw scanner.error("markup declarations (<!ELEMENT, <!ENTITY, …) are not accepted",
                                    remedy: "remove the declaration: a CAP message needs none")
            }
            return false
        }

        /// Reads the root element and everything inside it.
        mutating func elements() throws(InputError) -> XMLElement {
            if let root = try startTag() { return root }
            while !stack.isEmpty {
                if scanner.atEnd {
                    let open = stack[stack.count - 1]
                    throw scanner.error("the document ends inside <\(open.qualifiedName)> opened at \(open.element.line):\(open.element.column)",
                                        remedy: "the document is truncated; send it again")
                }
                if scanner.looking(at: "</") {
                    if let root = try endTag() { return root }
                } else if scanner.looking(at: "<![CDATA[") {
                    let line = scanner.line, column = scanner.column
                    scanner.advance(by: 9)
                    while !scanner.consume("]]>") {
                        guard let scalar = scanner.peek() else {
                            throw scanner.error("a CDATA section opened at \(line):\(column) is never closed with ]]>",
                                                remedy: "the document is truncated; send it again")
                        }
                        try append(scalar)
                        scanner.advance()
                    }
                } else if try markupDeclaration() {
                    continue
                } else if scanner.peek() == "<" {
                    if let root = try startTag() { return root }
                } else if scanner.peek() == "&" {
                    let scalar = try scanner.reference()
                    if !stack[stack.count - 1].skipping { stack[stack.count - 1].text.append(scalar) }
                } else if let scalar = scanner.peek() {
                    try append(scalar)
                    scanner.advance()
                }
            }
            throw scanner.error("internal error: element stack emptied without a root", remedy: "report this as a bug")
        }

        mutating func append(_ scalar: Unicode.Scalar) throws(InputError) {
            guard XMLScanner.isXMLCharacter(scalar.value) else {
                throw scanner.error("character U+\(String(scalar.value, radix: 16, uppercase: true)) is not allowed in XML",
                                    remedy: "remove the control character from the message")
            }
            if !stack[stack.count - 1].skipping { stack[stack.count - 1].text.append(scalar) }
        }

        /// Reads `<name attr="…" …>` or `<name …/>`; returns the element when it closes the root.
        mutating func startTag() throws(InputError) -> XMLElement? {
            let line = scanner.line, column = scanner.column
            scanner.advance() // <
            let qualifiedName = try scanner.name(what: "an element name")
            var attributes: [XMLElement.Attribute] = []
            var bindings: [String: String] = [:]
            while true {
                let hadSpace = scanner.peek().map(XMLElement.isSpace) ?? false
                scanner.skipSpace()
                if scanner.consume("/>") || scanner.consume(">") { break }
                guard hadSpace else {
                    throw scanner.error("expected whitespace, '>' or '/>' in the tag <\(qualifiedName)>",
                                        remedy: "separate attributes with spaces and close the tag")
                }
                let attribute = try self.attribute(in: qualifiedName)
                if attributes.contains(where: { $0.name == attribute.name }) {
                    throw scanner.error("attribute \(attribute.name) appears twice in <\(qualifiedName)>", remedy: "keep one of them")
                }
                guard attributes.count < limits.maxAttributes else {
                    throw scanner.error("<\(qualifiedName)> has more than \(limits.maxAttributes) attributes",
                                        remedy: "a CAP element needs only a few; this looks like a malformed or hostile document")
                }
                if attribute.name == "xmlns" {
                    bindings[""] = attribute.value
                } else if attribute.name.hasPrefix("xmlns:") {
                    bindings[String(attribute.name.dropFirst(6))] = attribute.value
                }
                attributes.append(attribute)
            }
            let selfClosing = scanner.scalars[scanner.index - 2] == "/"
            elementCount += 1
            guard elementCount <= limits.maxElements else {
                throw InputError("the document has more than \(limits.maxElements) elements", line: line, column: column,
                                 remedy: "a CAP alert has far fewer; split the content or check the sender")
            }
            guard stack.count < limits.maxDepth else {
                throw InputError("elements are nested deeper than \(limits.maxDepth) levels", line: line, column: column,
                                 remedy: "a CAP alert needs fewer than 10 levels; this looks like a malformed or hostile document")
            }
            let (prefix, localName) = split(qualifiedName)
            let namespace = try resolve(prefix: prefix ?? "", extra: bindings, name: qualifiedName, line: line, column: column)
            for attribute in attributes {
                let (attributePrefix, _) = split(attribute.name)
                if let attributePrefix, attributePrefix != "xmlns" {
                    _ = try resolve(prefix: attributePrefix, extra: bindings, name: attribute.name, line: line, column: column)
                }
            }
            let skipping = (stack.last?.skipping ?? false) || skipping.contains(localName)
            let open = Open(qualifiedName: qualifiedName,
                            element: XMLElement(namespace: namespace, localName: localName, attributes: attributes,
                                                line: line, column: column),
                            bindings: bindings, skipping: skipping)
            stack.append(open)
            return selfClosing ? try finishTop() : nil
        }

        mutating func attribute(in element: String) throws(InputError) -> XMLElement.Attribute {
            let name = try scanner.name(what: "an attribute name")
            scanner.skipSpace()
            guard scanner.consume("=") else {
                throw scanner.error("attribute \(name) in <\(element)> has no value", remedy: "write it as \(name)=\"value\"")
            }
            scanner.skipSpace()
            guard let quote = scanner.peek(), quote == "\"" || quote == "'" else {
                throw scanner.error("the value of attribute \(name) is not quoted", remedy: "write it as \(name)=\"value\"")
            }
            scanner.advance()
            var value = String.UnicodeScalarView()
            while let scalar = scanner.peek(), scalar != quote {
                if scalar == "<" {
                    throw scanner.error("'<' inside the value of attribute \(name)", remedy: "write it as &lt;")
                }
                if scalar == "&" {
                    value.append(try scanner.reference())
                    continue
                }
                guard XMLScanner.isXMLCharacter(scalar.value) else {
                    throw scanner.error("a control character inside the value of attribute \(name)", remedy: "remove it")
                }
                value.append(XMLElement.isSpace(scalar) ? " " : scalar)
                scanner.advance()
            }
            guard !scanner.atEnd else {
                throw scanner.error("the value of attribute \(name) is never closed", remedy: "close it with \(quote)")
            }
            scanner.advance()
            return XMLElement.Attribute(name: name, value: String(value))
        }

        /// Reads `</name>`; returns the element when it closes the root.
        mutating func endTag() throws(InputError) -> XMLElement? {
            let line = scanner.line, column = scanner.column
            scanner.advance(by: 2)
            let name = try scanner.name(what: "an element name after </")
            scanner.skipSpace()
            guard scanner.consume(">") else {
                throw scanner.error("the end tag </\(name)> is not closed with '>'", remedy: "write it as </\(name)>")
            }
            let open = stack[stack.count - 1]
            guard open.qualifiedName == name else {
                throw InputError("the end tag </\(name)> does not match <\(open.qualifiedName)> opened at \(open.element.line):\(open.element.column)",
                                 line: line, column: column, remedy: "close elements in the order they were opened")
            }
            return try finishTop()
        }

        mutating func finishTop() throws(InputError) -> XMLElement? {
            let open = stack.removeLast()
            var element = open.element
            element.text = String(open.text)
            guard !stack.isEmpty else { return element }
            if !stack[stack.count - 1].skipping { stack[stack.count - 1].element.children.append(element) }
            return nil
        }

        func split(_ name: String) -> (prefix: String?, local: String) {
            guard let colon = name.firstIndex(of: ":") else { return (nil, name) }
            return (String(name[..<colon]), String(name[name.index(after: colon)...]))
        }

        func resolve(prefix: String, extra: [String: String], name: String, line: Int, column: Int) throws(InputError) -> String? {
            if prefix == "xml" { return XMLReader.xmlNamespace }
            if let uri = extra[prefix] { return uri.isEmpty ? nil : uri }
            for open in stack.reversed() {
                if let uri = open.bindings[prefix] { return uri.isEmpty ? nil : uri }
            }
            if prefix.isEmpty { return nil }
            throw InputError("the namespace prefix \"\(prefix)\" of <\(name)> is not declared", line: line, column: column,
                             remedy: "declare it with xmlns:\(prefix)=\"…\" (for CAP: urn:oasis:names:tc:emergency:cap:1.2)")
        }
    }
}
