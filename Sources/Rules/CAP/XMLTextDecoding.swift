/// Turns the raw bytes of an XML document into Unicode scalars, honouring its declared encoding.
///
/// Invariants:
/// - A byte order mark decides first: UTF-8 (EF BB BF), UTF-16 big-endian (FE FF) or
///   little-endian (FF FE). Otherwise the `encoding` of the XML declaration decides, and
///   without one the document is UTF-8 (XML 1.0 §4.3.3).
/// - Accepted encodings: UTF-8, UTF-16 (with a BOM), ISO-8859-1 (latin1), US-ASCII and
///   windows-1252. Anything else is an `InputError` naming the encoding and the remedy; bytes
///   invalid in the declared encoding are refused at their line and column.
/// - Pure arithmetic: no Foundation string encodings, so the same bytes decode the same way on
///   every platform.
enum XMLTextDecoding {
    static func scalars(_ bytes: [UInt8]) throws(InputError) -> [Unicode.Scalar] {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return try utf8(bytes, from: 3) }
        if bytes.starts(with: [0xFE, 0xFF]) { return try utf16(bytes, bigEndian: true) }
        if bytes.starts(with: [0xFF, 0xFE]) { return try utf16(bytes, bigEndian: false) }
        if bytes.starts(with: [0x00, 0x3C]) || bytes.starts(with: [0x3C, 0x00]) {
            throw InputError("the document looks like UTF-16 but has no byte order mark", line: 1, column: 1,
                             remedy: "save the file as UTF-8, or as UTF-16 with a byte order mark")
        }
        switch try declaredEncoding(bytes)?.lowercased() {
        case nil, "utf-8", "utf8":
            return try utf8(bytes, from: 0)
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1":
            return bytes.map { Unicode.Scalar($0) }
        case "us-ascii", "ascii":
            if let bad = bytes.firstIndex(where: { $0 >= 0x80 }) {
                let (line, column) = position(of: bad, in: bytes)
                throw InputError("byte 0x\(String(bytes[bad], radix: 16)) is not US-ASCII, the encoding the document declares",
                                 line: line, column: column, remedy: "declare the real encoding (e.g. UTF-8) in the XML declaration")
            }
            return bytes.map { Unicode.Scalar($0) }
        case "windows-1252", "cp1252":
            return bytes.map(windows1252)
        case "utf-16", "utf16", "utf-16le", "utf-16be":
            throw InputError("the document declares UTF-16 but has no byte order mark", line: 1, column: 1,
                             remedy: "save the file as UTF-8, or as UTF-16 with a byte order mark")
        case let other?:
            throw InputError("unsupported encoding \"\(other)\" in the XML declaration", line: 1, column: 1,
                             remedy: "re-encode the message as UTF-8 (ISO-8859-1, US-ASCII, windows-1252 and UTF-16 are also read)")
        }
    }

    /// The `encoding` pseudo-attribute of a leading `<?xml …?>` declaration, read as ASCII.
    static func declaredEncoding(_ bytes: [UInt8]) throws(InputError) -> String? {
        guard bytes.starts(with: Array("<?xml".utf8)) else { return nil }
        let limit = min(bytes.count, 512)
        var end = 5
        while end + 1 < limit, !(bytes[end] == UInt8(ascii: "?") && bytes[end + 1] == UInt8(ascii: ">")) { end += 1 }
        guard end + 1 < limit else {
            throw InputError("the XML declaration is not closed with ?>", line: 1, column: 1,
                             remedy: "start the document with <?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        }
        let declaration = String(decoding: bytes[5..<end], as: UTF8.self)
        guard let range = declaration.range(of: "encoding") else { return nil }
        var rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    private static func utf8(_ bytes: [UInt8], from start: Int) throws(InputError) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(bytes.count - start)
        var decoder = UTF8()
        var iterator = bytes[start...].makeIterator()
        var consumed = start
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                result.append(scalar)
                consumed += UTF8.width(scalar)
            case .emptyInput:
                return result
            case .error:
                let (line, column) = position(of: consumed, in: bytes)
                throw InputError("invalid UTF-8 byte sequence", line: line, column: column,
                                 remedy: "save the file as UTF-8, or declare its real encoding in the XML declaration")
            }
        }
    }

    private static func utf16(_ bytes: [UInt8], bigEndian: Bool) throws(InputError) -> [Unicode.Scalar] {
        guard bytes.count % 2 == 0 else {
            throw InputError("a UTF-16 document has an odd number of bytes", remedy: "the file is truncated; send it again")
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2 - 1)
        var index = 2
        while index < bytes.count {
            let high = UInt16(bytes[index]), low = UInt16(bytes[index + 1])
            units.append(bigEndian ? high << 8 | low : low << 8 | high)
            index += 2
        }
        var result: [Unicode.Scalar] = []
        var decoder = UTF16()
        var iterator = units.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): result.append(scalar)
            case .emptyInput: return result
            case .error:
                throw InputError("invalid UTF-16 (an unpaired surrogate) after \(result.count) characters",
                                 remedy: "save the file as UTF-8")
            }
        }
    }

    /// Line and column (1-based, columns in bytes) of byte `offset`.
    static func position(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1, column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }

    /// windows-1252: latin1 except 0x80–0x9F, which hold typographic characters.
    private static func windows1252(_ byte: UInt8) -> Unicode.Scalar {
        let high: [UInt32] = [0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
                              0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
                              0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178]
        guard (0x80...0x9F).contains(byte) else { return Unicode.Scalar(byte) }
        return Unicode.Scalar(high[Int(byte - 0x80)]) ?? Unicode.Scalar(byte)
    }
}
