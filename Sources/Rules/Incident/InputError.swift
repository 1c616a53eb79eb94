/// Why an input file was refused: what is wrong, where (line and column where the format
/// gives them), and what to do. Its `description` is the text of the `.error` companion file
/// (after the daemon prefixes the original file name).
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var line: Int?
    public var column: Int?
    public var remedy: String?

    public init(_ message: String, line: Int? = nil, column: Int? = nil, remedy: String? = nil) {
        self.message = message
        self.line = line
        self.column = column
        self.remedy = remedy
    }

    /// `LINE:COLUMN: MESSAGE; REMEDY` (position omitted when unknown).
    public var description: String {
        var text = ""
        if let line { text += "\(line):\(column ?? 1): " }
        text += message
        if let remedy { text += "; \(remedy)" }
        return text
    }

    /// The same error with the file name in front: `FILE:LINE:COLUMN: MESSAGE; REMEDY`.
    public func described(file: String) -> String {
        line == nil ? "\(file): \(description)" : "\(file):\(description)"
    }
}
