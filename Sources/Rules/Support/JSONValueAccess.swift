/// Building and reading `JSONValue`s: literal conformances, small constructors, typed accessors.

extension JSONValue {
    public static let null = JSONValue(.null)
    public static func bool(_ value: Bool) -> JSONValue { JSONValue(.bool(value)) }
    public static func string(_ value: String) -> JSONValue { JSONValue(.string(value)) }
    public static func number(_ value: Int) -> JSONValue { JSONValue(.number(JSONNumber(value))) }
    public static func number(_ value: Double) -> JSONValue { JSONValue(.number(JSONNumber(value))) }
    public static func array(_ values: [JSONValue]) -> JSONValue { JSONValue(.array(values)) }

    /// An object with members in the given order. Keys must be unique (a programmer error
    /// otherwise, caught in debug builds).
    public static func object(_ members: KeyValuePairs<String, JSONValue>) -> JSONValue {
        object(members.map { ($0.key, $0.value) })
    }

    public static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        assert(Set(members.map(\.0)).count == members.count, "duplicate key in a built JSON object")
        return JSONValue(.object(members.map { JSONMember(key: $0.0, value: $0.1) }))
    }

    /// A string, or `null` when nil.
    public static func optional(_ value: String?) -> JSONValue { value.map(string) ?? .null }

    public var isNull: Bool { if case .null = content { true } else { false } }
    public var boolValue: Bool? { if case .bool(let value) = content { value } else { nil } }
    public var stringValue: String? { if case .string(let value) = content { value } else { nil } }
    public var numberValue: JSONNumber? { if case .number(let value) = content { value } else { nil } }
    public var doubleValue: Double? { numberValue?.value }
    public var arrayValue: [JSONValue]? { if case .array(let value) = content { value } else { nil } }
    public var objectMembers: [JSONMember]? { if case .object(let value) = content { value } else { nil } }

    /// The member's value for `key` in an object; nil when absent or when this is no object.
    public subscript(key: String) -> JSONValue? {
        objectMembers?.first(where: { $0.key == key })?.value
    }

    /// "a string", "an object", … for error messages.
    public var typeName: String {
        switch content {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByStringLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral {
    public init(nilLiteral: ()) { self.init(.null) }
    public init(booleanLiteral value: Bool) { self.init(.bool(value)) }
    public init(stringLiteral value: String) { self.init(.string(value)) }
    public init(integerLiteral value: Int) { self.init(.number(JSONNumber(value))) }
    public init(floatLiteral value: Double) { self.init(.number(JSONNumber(value))) }
    public init(arrayLiteral elements: JSONValue...) { self.init(.array(elements)) }
    /// Dictionary literals keep their written order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(elements)
    }
}
