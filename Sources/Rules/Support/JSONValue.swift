/// A JSON document tree as read from an input file or built for an outgoing message.
///
/// Invariants:
/// - Objects keep their members in the order written (or given); keys are unique within one
///   object (the parser rejects duplicates as ambiguous input).
/// - Numbers keep their literal text as well as the `Double`, so a value can be written back
///   exactly as it was read and integers beyond 2^53 are not silently rounded in output.
/// - Every parsed value remembers where it started (`line`, `column`, both from 1; columns count
///   Unicode scalars). Built values have position 0:0. Equality ignores positions.
public struct JSONValue: Sendable, CustomStringConvertible {
    public enum Content: Sendable, Equatable {
        case null
        case bool(Bool)
        case number(JSONNumber)
        case string(String)
        case array([JSONValue])
        case object([JSONMember])
    }

    public var content: Content
    /// 1-based line of the value's first character; 0 for values that were built, not parsed.
    public var line: Int
    /// 1-based column (in Unicode scalars) of the value's first character; 0 when built.
    public var column: Int

    public init(_ content: Content, line: Int = 0, column: Int = 0) {
        self.content = content
        self.line = line
        self.column = column
    }

    /// Compact JSON text of this value (see `JSONWriter`).
    public var description: String { JSONWriter.string(self) }
}

extension JSONValue: Equatable {
    /// Structural equality: same content, key order included; positions are ignored.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.content == rhs.content }
}

/// A JSON number: its literal text (as read, or the shortest form of a built value) and value.
public struct JSONNumber: Sendable, Hashable {
    public var literal: String
    public var value: Double

    public init(literal: String, value: Double) {
        self.literal = literal
        self.value = value
    }

    public init(_ value: Int) {
        self.literal = String(value)
        self.value = Double(value)
    }

    /// A built number; integral values within ±2^53 are written without a fraction.
    public init(_ value: Double) {
        self.value = value
        if value.isFinite, value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            self.literal = String(Int64(value))
        } else if value.isFinite {
            self.literal = value.description
        } else {
            self.literal = "null"  // JSON has no infinities or NaN
        }
    }

    /// The value as an exact integer, when the literal is one (no fraction, no exponent).
    public var intValue: Int? { Int(literal) }
}

/// One `"key": value` member of an object, with the key's own position.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var value: JSONValue
    public var keyLine: Int
    public var keyColumn: Int

    public init(key: String, value: JSONValue, keyLine: Int = 0, keyColumn: Int = 0) {
        self.key = key
        self.value = value
        self.keyLine = keyLine
        self.keyColumn = keyColumn
    }

    public static func == (lhs: JSONMember, rhs: JSONMember) -> Bool {
        lhs.key == rhs.key && lhs.value == rhs.value
    }
}
