import Foundation
import GRDB

/// What every row type of the state shares: Codable through GRDB, with dates stored as REAL
/// unix seconds (UTC) rather than GRDB's default text, so SQL can compare them with numbers.
///
/// Query arguments must follow the same convention: pass `date.timeIntervalSince1970`, never
/// a `Date` (which GRDB would bind as text).
///
/// On the path of every input two things are done by hand rather than by GRDB's defaults,
/// which the burst benchmark showed cost more than the work itself (docs/PERFORMANCE.md):
/// - the records written there (orders, incidents, inputs, history, outbox) encode their
///   columns in `encode(to:)`, with the `CodingKeys` names and these value forms (dates as
///   REAL seconds, enums as their raw text), so that `Codable` still decodes the rows;
/// - the look-ups made there (`find`, `forIncident`, the duplicate check, `Meta`) run on
///   cached prepared statements instead of preparing their SQL again each time.
public protocol StoredRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Equatable {}

extension StoredRecord {
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .timeIntervalSince1970
    }

    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .timeIntervalSince1970
    }
}
