import Foundation
import GRDB

/// Checks that a state file is a healthy SQLite database before anything writes to it.
///
/// The header is read with plain file I/O first, so a file that is not a database is refused
/// before SQLite opens it (SQLite would not change such a file, but we do not even let it try).
/// `PRAGMA quick_check` then catches a damaged database. Neither check modifies the file.
enum DatabaseFileCheck {
    static let sqliteHeader: [UInt8] = Array("SQLite format 3".utf8) + [0]

    /// Refuses a non-empty file whose first 16 bytes are not the SQLite header.
    static func checkHeader(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError(.unavailable, path: path, message: "cannot open the state database for reading",
                             remedy: "check that the file is readable by the dispatchd user")
        }
        defer { try? handle.close() }
        let header = [UInt8](handle.readData(ofLength: sqliteHeader.count))
        if header.isEmpty { return }  // an empty file is an empty database: SQLite initializes it
        guard header == sqliteHeader else {
            throw StoreError(.notADatabase, path: path, message: "the state file is not an SQLite database",
                             remedy: "move it aside and restore a backup (dispatchd.sqlite.bak-*), or move it away to start from empty state; dispatchd never replaces it")
        }
    }

    /// Runs `PRAGMA quick_check` and refuses anything but `ok`.
    static func quickCheck(_ db: Database, path: String) throws {
        let findings = try String.fetchAll(db, sql: "PRAGMA quick_check")
        guard findings == ["ok"] else {
            throw corrupt(path: path, underlying: findings.prefix(5).joined(separator: "; "))
        }
    }

    static func corrupt(path: String, underlying: String?) -> StoreError {
        StoreError(.corrupt, path: path, message: "the state database is corrupt (integrity check failed)",
                   remedy: "stop dispatchd, keep this file for inspection, and restore a backup (dispatchd.sqlite.bak-*); dispatchd never replaces it",
                   underlying: underlying)
    }

    /// Maps SQLite's "not a database" and "corrupt" errors to `StoreError`; other errors pass.
    static func translate(_ error: any Error, path: String) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return StoreError(.notADatabase, path: path, message: "the state file is not an SQLite database",
                              remedy: "move it aside and restore a backup (dispatchd.sqlite.bak-*); dispatchd never replaces it",
                              underlying: error.message)
        case .SQLITE_CORRUPT:
            return corrupt(path: path, underlying: error.message)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_IOERR, .SQLITE_FULL:
            return StoreError(.unavailable, path: path, message: "cannot open or write the state database",
                              remedy: "check the state directory's ownership, permissions and free space",
                              underlying: error.description)
        default:
            return error
        }
    }
}
