/// A place in an input or config file: `FILE:LINE:COLUMN`, lines and columns from 1.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// One finding about a config or an input: what is wrong, where, and what to do about it.
///
/// Rendered as `FILE:LINE:COLUMN: error: MESSAGE; REMEDY`, the form compilers use, so editors
/// and operators can jump straight to the place.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    public var location: SourceLocation?
    public var message: String
    public var remedy: String?

    public init(_ severity: Severity, at location: SourceLocation?, _ message: String, remedy: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.remedy = remedy
    }

    public static func error(at location: SourceLocation?, _ message: String, remedy: String? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, message, remedy: remedy)
    }

    public static func warning(at location: SourceLocation?, _ message: String, remedy: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, message, remedy: remedy)
    }

    public var description: String {
        var text = location.map { "\($0): " } ?? ""
        text += "\(severity.rawValue): \(message)"
        if let remedy { text += "; \(remedy)" }
        return text
    }
}
