/// A strict RFC 8259 JSON parser for untrusted input files.
///
/// Hand-written, not `JSONDecoder`/`JSONSerialization`: they report no line and column, accept
/// duplicate keys and lone surrogates, and set no depth limit, all of which SPEC §12 needs.
///
/// Invariants:
/// - Accepts exactly one JSON value, surrounded by optional whitespace, after an optional UTF-8
///   byte order mark; anything after the value is an error.
/// - The input must be valid UTF-8 (RFC 3629: no overlongs, no encoded surrogates, nothing above
///   U+10FFFF); `\u` escapes must not leave a lone surrogate.
/// - Nesting deeper than `maximumDepth` arrays/objects is refused before it can exhaust the
///   stack; duplicate keys in one object are refused as ambiguous.
/// - Every error is an `InputError` carrying the 1-based line and column (in Unicode scalars)
///   of the offending character, saying what was expected there.
public enum JSONParser {
    /// The deepest nesting of arrays and objects accepted.
    public static let maximumDepth = 64

    public static func parse(_ bytes: [UInt8]) throws(InputError) -> JSONValue {
        let result: Result<JSONValue, InputError> = bytes.withUnsafeBufferPointer { buffer in
            var cursor = JSONCursor(bytes: buffer)
            do throws(InputError) {
                return .success(try cursor.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

/// The parser's state: the bytes, the read index, and what is needed to report positions.
/// Lives only inside `JSONParser.parse`, for the duration of its access to the bytes.
struct JSONCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var line = 1
    /// Index of the first byte of the current line.
    var lineStart = 0
    /// UTF-8 continuation bytes seen on the current line before `index` (columns count scalars).
    var continuationBytes = 0
    var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            index = 3
            lineStart = 3
        }
    }

    var column: Int { index - lineStart - continuationBytes + 1 }

    func error(_ message: String, line: Int? = nil, column: Int? = nil, remedy: String? = nil) -> InputError {
        InputError(message, line: line ?? self.line, column: column ?? self.column, remedy: remedy)
    }

    static let syntaxRemedy = "fix the JSON at that position (RFC 8259)"

    mutating func parseDocument() throws(InputError) -> JSONValue {
        let value = try parseValue()
        skipWhitespace()
        if index < bytes.count {
            throw error("expected end of input after the top-level value, found \(try describeFound())",
                        remedy: "a file holds exactly one JSON object; remove what follows it")
        }
        return value
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D:
                index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
                continuationBytes = 0
            default:
                return
            }
        }
    }

    mutating func parseValue() throws(InputError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else {
            throw error("unexpected end of input: expected a value", remedy: "the file is truncated or empty")
        }
        let startLine = line, startColumn = column
        let content: JSONValue.Content
        switch bytes[index] {
        case UInt8(ascii: "{"): content = try parseObject()
        case UInt8(ascii: "["): content = try parseArray()
        case UInt8(ascii: "\""): content = .string(try parseString())
        case UInt8(ascii: "t"): try parseLiteral("true"); content = .bool(true)
        case UInt8(ascii: "f"): try parseLiteral("false"); content = .bool(false)
        case UInt8(ascii: "n"): try parseLiteral("null"); content = .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): content = .number(try parseNumber())
        default:
            throw error("expected a value, found \(try describeFound())", remedy: Self.syntaxRemedy)
        }
        return JSONValue(content, line: startLine, column: startColumn)
    }

    mutating func enterContainer() throws(InputError) {
        depth += 1
        if depth > JSONParser.maximumDepth {
            throw error("nesting deeper than \(JSONParser.maximumDepth) levels",
                        remedy: "flatten the document; an input needs only a few levels")
        }
    }

    mutating func parseObject() throws(InputError) -> JSONValue.Content {
        try enterContainer()
        index += 1  // {
        var members: [JSONMember] = []
        members.reserveCapacity(8)
        var seen: Set<String>? = nil
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(members)
        }
        var expectation = "expected a string key or '}'"
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("\(expectation), found \(try describeFound())", remedy: Self.syntaxRemedy)
            }
            let keyLine = line, keyColumn = column
            let key = try parseString()
            let isDuplicate = seen.map { $0.contains(key) } ?? members.contains { $0.key == key }
            if isDuplicate, let first = members.first(where: { $0.key == key }) {
                throw error("duplicate key \"\(key)\" (first at \(first.keyLine):\(first.keyColumn))",
                            line: keyLine, column: keyColumn,
                            remedy: "remove one of them: a key given twice is ambiguous")
            }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("expected ':' after object key, found \(try describeFound())", remedy: Self.syntaxRemedy)
            }
            index += 1
            let value = try parseValue()
            members.append(JSONMember(key: key, value: value, keyLine: keyLine, keyColumn: keyColumn))
            if members.count > 16 {
                if seen == nil { seen = Set(members.map(\.key)) } else { seen?.insert(key) }
            }
            skipWhitespace()
            guard index < bytes.count else {
                throw error("unexpected end of input: expected ',' or '}' after object member",
                            remedy: "the file is truncated")
            }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
                expectation = "expected a string key after ','"
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                return .object(members)
            default:
                throw error("expected ',' or '}' after object member, found \(try describeFound())",
                            remedy: Self.syntaxRemedy)
            }
        }
    }

    mutating func parseArray() throws(InputError) -> JSONValue.Content {
        try enterContainer()
        index += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else {
                throw error("unexpected end of input: expected ',' or ']' after array element",
                            remedy: "the file is truncated")
            }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                return .array(elements)
            default:
                throw error("expected ',' or ']' after array element, found \(try describeFound())",
                            remedy: Self.syntaxRemedy)
            }
        }
    }

    mutating func parseLiteral(_ word: StaticString) throws(InputError) {
        let count = word.utf8CodeUnitCount
        for offset in 0..<count {
            guard index + offset < bytes.count, bytes[index + offset] == word.utf8Start[offset] else {
                throw error("invalid literal: expected '\(word)'",
                            remedy: "JSON literals are true, false and null, in lower case; quote text")
            }
        }
        index += count
        if index < bytes.count, isIdentifierByte(bytes[index]) {
            throw error("invalid literal: unexpected '\(Character(Unicode.Scalar(bytes[index])))' after '\(word)'",
                        remedy: "JSON literals are true, false and null, in lower case; quote text")
        }
    }

    private func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
    }

    /// Describes the byte at `index` for an error message: `'x'`, `U+0001` or `end of input`.
    /// Throws the UTF-8 error instead when the bytes there are not valid UTF-8.
    mutating func describeFound() throws(InputError) -> String {
        guard index < bytes.count else { return "end of input" }
        let byte = bytes[index]
        if byte < 0x20 || byte == 0x7F { return "control character U+\(hex4(UInt32(byte)))" }
        if byte < 0x80 { return "'\(Character(Unicode.Scalar(byte)))'" }
        let length = try utf8SequenceLength(at: index)
        let text = String(decoding: bytes[index..<index + length], as: UTF8.self)
        return "'\(text)'"
    }
}

func hex4(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
