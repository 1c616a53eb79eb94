/// Why the durable state cannot be used: what is wrong, which file, and what to do.
///
/// Every case is an environment failure (never a programmer mistake), so it throws and the
/// daemon stops start-up with exit code 1 and this text; nothing here ever replaces or deletes
/// the database it complains about.
public struct StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        /// The file is not an SQLite database at all.
        case notADatabase
        /// The file is an SQLite database that fails its integrity check.
        case corrupt
        /// A newer dispatchd wrote the file: its schema has migrations this binary does not know.
        case newerSchema
        /// `openReadOnly` found a database the daemon has not migrated to this binary's schema yet.
        case olderSchema
        /// `openReadOnly` found no database (the daemon never ran with this state directory).
        case missing
        /// The directory or the file cannot be created, opened or copied.
        case unavailable
        /// The stored data breaks an invariant of this schema (for example a bad SEQ counter).
        case inconsistent
    }

    public var code: Code
    /// The database file (or directory) concerned.
    public var path: String
    /// What is wrong, in a sentence.
    public var message: String
    /// What the operator should do about it.
    public var remedy: String
    /// The underlying SQLite or system error, when there is one.
    public var underlying: String?

    public init(_ code: Code, path: String, message: String, remedy: String, underlying: String? = nil) {
        self.code = code
        self.path = path
        self.message = message
        self.remedy = remedy
        self.underlying = underlying
    }

    /// `PATH: MESSAGE (UNDERLYING); REMEDY`.
    public var description: String {
        var text = "\(path): \(message)"
        if let underlying { text += " (\(underlying))" }
        return text + "; \(remedy)"
    }
}
