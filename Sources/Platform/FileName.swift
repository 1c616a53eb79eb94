/// A directory entry's name as the kernel gave it: raw bytes, never re-encoded.
///
/// Names dropped by operators may contain newlines, control characters or invalid UTF-8.
/// `FileName` keeps the bytes so the file can always be addressed again (losslessly), and
/// offers `escaped` for log and error messages (printable, one line, unambiguous).
/// Invariant: `bytes` is non-empty, contains no NUL and no `/`.
public struct FileName: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// Wraps raw bytes; traps on an empty name or one containing NUL or `/` (a programmer error).
    public init(bytes: [UInt8]) {
        precondition(!bytes.isEmpty, "a file name cannot be empty")
        precondition(!bytes.contains(0) && !bytes.contains(UInt8(ascii: "/")),
                     "a file name cannot contain NUL or '/'")
        self.bytes = bytes
    }

    /// Wraps a Swift string (UTF-8).
    public init(_ string: String) {
        self.init(bytes: Array(string.utf8))
    }

    /// The name as a string, when it is valid UTF-8.
    public var string: String? {
        String(validating: bytes, as: UTF8.self)
    }

    /// A printable one-line form: valid UTF-8 is kept (including Chinese text), control
    /// characters become `\n`, `\t`, `\u{7F}`…, invalid bytes become `\xFF`, and `\` is doubled.
    public var escaped: String {
        var out = ""
        var index = 0
        while index < bytes.count {
            let length = FileName.utf8SequenceLength(bytes, at: index)
            if length == 0 {
                out += "\\x" + FileName.hex(bytes[index])
                index += 1
                continue
            }
            let scalarString = String(decoding: bytes[index..<index + length], as: UTF8.self)
            for scalar in scalarString.unicodeScalars {
                switch scalar {
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                        out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            index += length
        }
        return out
    }

    public var description: String { escaped }

    public var hasPrefixDot: Bool { bytes.first == UInt8(ascii: ".") }

    public func hasSuffix(_ suffix: String) -> Bool {
        let tail = Array(suffix.utf8)
        return bytes.count >= tail.count && Array(bytes.suffix(tail.count)) == tail
    }

    /// Splits at the last `.` that is not the first byte: ("report", ".json"); ("README", "").
    public var stemAndExtension: (stem: [UInt8], ext: [UInt8]) {
        if let dot = bytes.lastIndex(of: UInt8(ascii: ".")), dot > 0 {
            return (Array(bytes[..<dot]), Array(bytes[dot...]))
        }
        return (bytes, [])
    }

    /// This name with `suffix` appended, e.g. `NAME.error`.
    public func appending(_ suffix: String) -> FileName {
        FileName(bytes: bytes + Array(suffix.utf8))
    }

    public static func < (lhs: FileName, rhs: FileName) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }

    /// Length of the valid UTF-8 sequence starting at `index`, or 0 if it is not valid there.
    static func utf8SequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        let slice = bytes[index..<index + length]
        return String(validating: slice, as: UTF8.self) == nil ? 0 : length
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}

/// Builds NUL-terminated C paths from a directory and a raw name, without re-encoding the name.
enum CPath {
    static func join(_ directory: String, _ name: FileName) -> [CChar] {
        var bytes = Array(directory.utf8)
        if bytes.last != UInt8(ascii: "/") { bytes.append(UInt8(ascii: "/")) }
        bytes += name.bytes
        bytes.append(0)
        return bytes.map { CChar(bitPattern: $0) }
    }

    static func of(_ path: String) -> [CChar] {
        Array(path.utf8).map { CChar(bitPattern: $0) } + [0]
    }

    /// A printable form of `directory/name` for error messages.
    static func display(_ directory: String, _ name: FileName) -> String {
        directory.hasSuffix("/") ? directory + name.escaped : directory + "/" + name.escaped
    }
}
