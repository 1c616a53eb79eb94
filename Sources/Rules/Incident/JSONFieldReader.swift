import Foundation

/// Typed, position-aware reading of the members of one JSON object, for input decoders.
///
/// Every failure is an `InputError` at the offending value (or at the object, for a missing
/// member) naming the field, what was expected and what was found. Members the reader is never
/// asked about are simply ignored (SPEC §3.1: unknown fields are kept and ignored). An explicit
/// `null` counts as absent for optional members.
struct JSONFieldReader {
    let object: JSONValue
    let members: [JSONMember]
    /// How the object is named in messages: "the incident", "the acknowledgement", "`location`".
    let name: String

    init(_ value: JSONValue, name: String, remedy: String) throws(InputError) {
        guard let members = value.objectMembers else {
            throw InputError("\(name) must be a JSON object, found \(value.typeName)",
                             line: value.line, column: value.column, remedy: remedy)
        }
        self.object = value
        self.members = members
        self.name = name
    }

    func value(_ key: String) -> JSONValue? {
        guard let value = members.first(where: { $0.key == key })?.value, !value.isNull else { return nil }
        return value
    }

    func has(_ key: String) -> Bool { value(key) != nil }

    func missing(_ key: String, remedy: String) -> InputError {
        InputError("\(name) has no `\(key)`", line: object.line, column: object.column, remedy: remedy)
    }

    func wrongType(_ key: String, _ value: JSONValue, expected: String, remedy: String? = nil) -> InputError {
        InputError("`\(key)` must be \(expected), found \(value.typeName)", line: value.line, column: value.column,
                   remedy: remedy ?? "write `\(key)` as \(expected)")
    }

    func error(at value: JSONValue, _ message: String, remedy: String) -> InputError {
        InputError(message, line: value.line, column: value.column, remedy: remedy)
    }

    /// A string member, or nil when absent. With `nonEmpty`, blank text is refused.
    func optionalString(_ key: String, nonEmpty: Bool = false) throws(InputError) -> String? {
        guard let value = value(key) else { return nil }
        guard let text = value.stringValue else { throw wrongType(key, value, expected: "a string") }
        if nonEmpty, text.allSatisfy(\.isWhitespace) {
            throw error(at: value, "`\(key)` is empty", remedy: "give `\(key)` a value, or leave it out where optional")
        }
        return text
    }

    func requiredString(_ key: String, remedy: String) throws(InputError) -> (text: String, value: JSONValue) {
        guard let value = value(key) else { throw missing(key, remedy: remedy) }
        guard let text = value.stringValue else { throw wrongType(key, value, expected: "a string") }
        if text.allSatisfy(\.isWhitespace) {
            throw error(at: value, "`\(key)` is empty", remedy: remedy)
        }
        return (text, value)
    }

    /// A required identifier: a non-empty string without control characters (ids end up in
    /// keys, file names and log lines).
    func requiredIdentifier(_ key: String, remedy: String) throws(InputError) -> String {
        let (text, value) = try requiredString(key, remedy: remedy)
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw error(at: value, "`\(key)` contains a control character", remedy: "remove line breaks, tabs and other control characters from `\(key)`")
        }
        return text
    }

    func optionalBool(_ key: String) throws(InputError) -> Bool? {
        guard let value = value(key) else { return nil }
        guard let flag = value.boolValue else {
            throw wrongType(key, value, expected: "true or false", remedy: "write `\(key)` as true or false, without quotes")
        }
        return flag
    }

    func requiredNumber(_ key: String, in range: ClosedRange<Double>, remedy: String) throws(InputError) -> Double {
        guard let value = value(key) else { throw missing(key, remedy: remedy) }
        guard let number = value.doubleValue else {
            throw wrongType(key, value, expected: "a number", remedy: "write `\(key)` as a number, without quotes")
        }
        guard range.contains(number) else {
            throw error(at: value, "`\(key)` \(value.numberValue?.literal ?? "\(number)") is outside \(JSONNumber(range.lowerBound).literal)…\(JSONNumber(range.upperBound).literal)",
                        remedy: remedy)
        }
        return number
    }

    func requiredTime(_ key: String) throws(InputError) -> (date: Date, text: String) {
        guard let time = try optionalTime(key) else {
            throw missing(key, remedy: "add `\(key)` as an RFC 3339 time with offset, e.g. \"2024-09-06T08:00:00+08:00\"")
        }
        return time
    }

    /// An RFC 3339 time with offset, or nil when absent; returns the date and the raw text.
    func optionalTime(_ key: String) throws(InputError) -> (date: Date, text: String)? {
        guard let value = value(key) else { return nil }
        guard let text = value.stringValue else {
            throw wrongType(key, value, expected: "an RFC 3339 time string",
                            remedy: "write `\(key)` like \"2024-09-06T08:00:00+08:00\"")
        }
        switch RFC3339.check(text) {
        case .success(let date):
            return (date, text)
        case .failure(let failure):
            throw error(at: value, "`\(key)` \"\(text)\" is not an RFC 3339 time: \(failure.reason)",
                        remedy: "write `\(key)` like \"2024-09-06T08:00:00+08:00\" (the offset is required)")
        }
    }
}
