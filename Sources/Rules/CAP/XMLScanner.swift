/// A cursor over the decoded characters of an XML document that knows its line and column.
///
/// Invariant: `line`/`column` (1-based, columns counted in Unicode scalars) always describe
/// `index`, so every error raised through `error(_:remedy:)` points at the character being read.
struct XMLScanner {
    let scalars: [Unicode.Scalar]
    private(set) var index = 0
    private(set) var line = 1
    private(set) var column = 1

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    var atEnd: Bool { index >= scalars.count }

    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    mutating func advance(by count: Int) {
        for _ in 0..<count where !atEnd { advance() }
    }

    func looking(at literal: String) -> Bool {
        var offset = 0
        for scalar in literal.unicodeScalars {
            guard peek(offset) == scalar else { return false }
            offset += 1
        }
        return true
    }

    mutating func consume(_ literal: String) -> Bool {
        guard looking(at: literal) else { return false }
        advance(by: literal.unicodeScalars.count)
        return true
    }

    mutating func skipSpace() {
        while let scalar = peek(), XMLElement.isSpace(scalar) { advance() }
    }

    func error(_ message: String, remedy: String) -> InputError {
        InputError(message, line: line, column: column, remedy: remedy)
    }

    /// Skips up to and past `terminator`; an unterminated construct is an error naming `what`.
    mutating func skip(past terminator: String, what: String, startLine: Int, startColumn: Int) throws(InputError) {
        while !atEnd {
            if consume(terminator) { return }
            advance()
        }
        throw InputError("\(what) opened at \(startLine):\(startColumn) is never closed with \(terminator)",
                         line: line, column: column, remedy: "the document is truncated or malformed; send it again")
    }

    static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "_", ":": true
        default: scalar.value >= 0xC0 && scalar.value != 0xD7 && scalar.value != 0xF7
        }
    }

    static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "0"..."9", "-", ".": true
        default: isNameStart(scalar) || scalar.value == 0xB7
        }
    }

    /// Characters XML 1.0 allows in a document.
    static func isXMLCharacter(_ value: UInt32) -> Bool {
        value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
            || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
    }

    mutating func name(what: String) throws(InputError) -> String {
        guard let first = peek(), XMLScanner.isNameStart(first) else {
            let found = peek().map { "\"\($0)\"" } ?? "the end of the document"
            throw error("expected \(what), found \(found)", remedy: "the document is not well-formed XML; check the markup here")
        }
        var name = String.UnicodeScalarView()
        while let scalar = peek(), XMLScanner.isNameCharacter(scalar) {
            name.append(scalar)
            advance()
        }
        return String(name)
    }

    /// Reads a reference after `&` up to `;` and returns its character. Only the five
    /// predefined entities and numeric character references exist without a DTD.
    mutating func reference() throws(InputError) -> Unicode.Scalar {
        let startLine = line, startColumn = column
        advance() // &
        var body = ""
        while let scalar = peek(), scalar != ";", body.unicodeScalars.count < 32 {
            guard !XMLElement.isSpace(scalar), scalar != "<", scalar != "&" else { break }
            body.unicodeScalars.append(scalar)
            advance()
        }
        guard peek() == ";" else {
            throw InputError("a bare '&' that starts no entity reference", line: startLine, column: startColumn,
                             remedy: "write a literal ampersand as &amp;")
        }
        advance()
        switch body {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "apos": return "'"
        case "quot": return "\""
        default: break
        }
        if body.hasPrefix("#") {
            let hex = body.hasPrefix("#x")
            let digits = body.dropFirst(hex ? 2 : 1)
            if let value = UInt32(digits, radix: hex ? 16 : 10), XMLScanner.isXMLCharacter(value),
               let scalar = Unicode.Scalar(value) {
                return scalar
            }
            throw InputError("&\(body); is not a valid character reference", line: startLine, column: startColumn,
                             remedy: "use a reference to a character XML allows, e.g. &#x4E2D;")
        }
        throw InputError("entity &\(body); is not defined: without a DTD only &lt; &gt; &amp; &apos; &quot; and numeric character references exist",
                         line: startLine, column: startColumn,
                         remedy: "write the character itself or as &#x…; (custom and external entities are never expanded)")
    }
}
