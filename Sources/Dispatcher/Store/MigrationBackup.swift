import Foundation
import GRDB

/// The copy kept before an older schema is migrated forward (SPEC §9).
///
/// The copy is made with SQLite's online backup API (a consistent snapshot, WAL included) into
/// `dispatchd.sqlite.bak-<last applied migration>-<UTC timestamp>` beside the database. An
/// existing file of that name is never overwritten: a counter suffix is added instead.
enum MigrationBackup {
    /// `dispatchd.sqlite.bak-v1-20240906T080000Z`.
    static func backupPath(for databasePath: String, lastApplied: String, at date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let base = "\(databasePath).bak-\(lastApplied)-\(formatter.string(from: date))"
        var candidate = base
        var counter = 1
        while FileManager.default.fileExists(atPath: candidate) {
            counter += 1
            candidate = "\(base).\(counter)"
        }
        return candidate
    }

    /// Copies `source` to `path` and returns once the copy is on disk.
    static func copy(_ source: any DatabaseReader, to path: String) throws {
        do {
            var configuration = Configuration()
            configuration.label = "dispatchd.backup"
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            let destination = try DatabaseQueue(path: path, configuration: configuration)
            try source.backup(to: destination)
            try destination.close()
        } catch {
            throw StoreError(.unavailable, path: path, message: "cannot write the copy kept before migrating the state database",
                             remedy: "free space or fix permissions in the state directory, then start dispatchd again (nothing was migrated)",
                             underlying: String(describing: error))
        }
    }
}
