/// The scalar parts of `JSONParser`: strings (with escapes and UTF-8 validation) and numbers.
///
/// Strings without escapes are decoded straight from the validated bytes; escapes go through a
/// byte buffer. UTF-8 is validated per RFC 3629 as it is scanned, so an error names the exact
/// position of the first bad byte.
extension JSONCursor {
    static let utf8Remedy = "save the file as UTF-8"

    mutating func parseString() throws(InputError) -> String {
        let openLine = line, openColumn = column
        index += 1  // opening quote
        let start = index
        var buffer: [UInt8]? = nil  // only allocated once an escape is seen
        var runStart = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text: String
                if var escaped = buffer {
                    escaped.append(contentsOf: bytes[runStart..<index])
                    text = String(decoding: escaped, as: UTF8.self)
                } else {
                    text = String(decoding: bytes[start..<index], as: UTF8.self)
                }
                index += 1
                return text
            } else if byte == UInt8(ascii: "\\") {
                if buffer == nil { buffer = [] ; buffer?.reserveCapacity(index - start + 16) }
                buffer?.append(contentsOf: bytes[runStart..<index])
                try parseEscape(into: &buffer!)
                runStart = index
            } else if byte < 0x20 {
                throw error("control character U+\(hex4(UInt32(byte))) inside a string",
                            remedy: byte == 0x0A ? "close the string before the line ends, or write the line break as \\n"
                                : "escape it as \\u\(hex4(UInt32(byte)))")
            } else if byte < 0x80 {
                index += 1
            } else {
                let length = try utf8SequenceLength(at: index)
                index += length
                continuationBytes += length - 1
            }
        }
        throw error("unterminated string: no closing '\"' before the end of input",
                    line: openLine, column: openColumn, remedy: "add the closing quote")
    }

    private mutating func parseEscape(into buffer: inout [UInt8]) throws(InputError) {
        guard index + 1 < bytes.count else {
            index += 1
            throw error("unexpected end of input inside a string escape", remedy: "the file is truncated")
        }
        let escapeChar = bytes[index + 1]
        let simple: UInt8?
        switch escapeChar {
        case UInt8(ascii: "\""): simple = 0x22
        case UInt8(ascii: "\\"): simple = 0x5C
        case UInt8(ascii: "/"): simple = 0x2F
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"): simple = nil
        default:
            throw error("invalid escape '\\\(escapeChar < 0x80 && escapeChar >= 0x20 ? String(Character(Unicode.Scalar(escapeChar))) : "?")' in string",
                        remedy: "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX")
        }
        if let simple {
            buffer.append(simple)
            index += 2
            return
        }
        let escapeColumn = column
        index += 2
        var scalar = try parseHex4()
        if (0xDC00...0xDFFF).contains(scalar) {
            throw error("lone low surrogate \\u\(hex4(scalar)) in string", column: escapeColumn,
                        remedy: "write the character itself, or a complete surrogate pair")
        }
        if (0xD800...0xDBFF).contains(scalar) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw error("lone high surrogate \\u\(hex4(scalar)) in string", column: escapeColumn,
                            remedy: "follow it with its low surrogate \\uDC00…\\uDFFF, or write the character itself")
            }
            index += 2
            let low = try parseHex4()
            guard (0xDC00...0xDFFF).contains(low) else {
                throw error("high surrogate \\u\(hex4(scalar)) not followed by a low surrogate", column: escapeColumn,
                            remedy: "follow it with its low surrogate \\uDC00…\\uDFFF, or write the character itself")
            }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        // Valid by construction: not a surrogate, at most U+10FFFF.
        buffer.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
    }

    private mutating func parseHex4() throws(InputError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else {
                throw error("unexpected end of input inside a \\u escape", remedy: "the file is truncated")
            }
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default:
                throw error("expected a hexadecimal digit in \\u escape, found \(try describeFound())",
                            remedy: "a \\u escape has exactly four hex digits, e.g. \\u4E2D")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// The length of the valid UTF-8 sequence starting at `position` (a byte ≥ 0x80), or an
    /// error at that position saying why it is not valid.
    func utf8SequenceLength(at position: Int) throws(InputError) -> Int {
        let lead = bytes[position]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xE1...0xEF: length = 3
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        case 0xF1...0xF3: length = 4
        case 0xC0, 0xC1:
            throw utf8Error("overlong encoding (byte 0x\(hex2(lead)))", at: position)
        case 0x80...0xBF:
            throw utf8Error("unexpected continuation byte 0x\(hex2(lead))", at: position)
        default:
            throw utf8Error("byte 0x\(hex2(lead)) never appears in UTF-8", at: position)
        }
        guard position + 1 < bytes.count, (0x80...0xBF).contains(bytes[position + 1]) else {
            throw utf8Error("truncated sequence after byte 0x\(hex2(lead))", at: position)
        }
        let second = bytes[position + 1]
        if !secondRange.contains(second) {
            let reason = switch lead {
            case 0xE0, 0xF0: "overlong encoding (bytes 0x\(hex2(lead)) 0x\(hex2(second)))"
            case 0xED: "encoded surrogate (bytes 0x\(hex2(lead)) 0x\(hex2(second)))"
            default: "code point above U+10FFFF (bytes 0x\(hex2(lead)) 0x\(hex2(second)))"
            }
            throw utf8Error(reason, at: position)
        }
        for offset in 2..<length {
            guard position + offset < bytes.count, (0x80...0xBF).contains(bytes[position + offset]) else {
                throw utf8Error("truncated sequence after byte 0x\(hex2(lead))", at: position)
            }
        }
        return length
    }

    private func utf8Error(_ reason: String, at position: Int) -> InputError {
        // `position` is on the current line, at or after `index`; it is the next scalar's column.
        InputError("invalid UTF-8: \(reason)", line: line,
                   column: position - lineStart - continuationBytes + 1, remedy: Self.utf8Remedy)
    }

    private func hex2(_ byte: UInt8) -> String {
        byte < 0x10 ? "0" + String(byte, radix: 16, uppercase: true) : String(byte, radix: 16, uppercase: true)
    }

    mutating func parseNumber() throws(InputError) -> JSONNumber {
        let start = index
        let startColumn = column
        if bytes[index] == UInt8(ascii: "-") {
            index += 1
        }
        guard index < bytes.count, isDigit(bytes[index]) else {
            throw error("expected a digit after '-', found \(try describeFound())", remedy: Self.syntaxRemedy)
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw error("leading zero in number", column: startColumn,
                            remedy: "write the number without leading zeros, or quote it as text")
            }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error("expected a digit after the decimal point, found \(try describeFound())",
                            remedy: Self.syntaxRemedy)
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error("expected a digit in the exponent, found \(try describeFound())",
                            remedy: Self.syntaxRemedy)
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let literal = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(literal), value.isFinite else {
            throw error("number \(literal) is out of range", column: startColumn,
                        remedy: "use a number within ±1.7e308")
        }
        return JSONNumber(literal: literal, value: value)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
