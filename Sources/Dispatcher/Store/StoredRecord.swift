import Foundation
import GRDB

/// What every row type of the state shares: Codable through GRDB, with dates stored as REAL
/// unix seconds (UTC) rather than GRDB's default text, so SQL can compare them with numbers.
///
/// Query arguments must follow the same convention: pass `date.timeIntervalSince1970`, never
/// a `Date` (which GRDB would bind as text).
public protocol StoredRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Equatable {}

extension StoredRecord {
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .timeIntervalSince1970
    }

    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .timeIntervalSince1970
    }
}
