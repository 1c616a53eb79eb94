import Foundation
import GRDB
import Logging

/// The daemon's durable state: one SQLite database, `STATE/dispatchd.sqlite`, through GRDB.
///
/// Invariants:
/// - Opened in WAL mode with `synchronous=FULL`, foreign keys on and a busy timeout, so a
///   committed transaction survives `kill -9` and power loss, and `dispatchd status` can read
///   while the daemon writes.
/// - A file that is not a database, fails `PRAGMA quick_check`, or was written by a newer
///   dispatchd (migration identifiers this binary does not know) is refused with a `StoreError`
///   and left exactly as it was: it is never replaced, repaired or deleted.
/// - An older schema is migrated forward only after a backup copy
///   (`dispatchd.sqlite.bak-<old>-<UTC timestamp>`) is on disk.
///
/// Crash recovery: SQLite's WAL replays committed transactions at the next open; a migration
/// runs in one transaction, so a crash during it leaves the old schema (and the backup copy).
public final class StateStore: Sendable {
    public static let fileName = "dispatchd.sqlite"

    /// The database file.
    public let path: String
    /// The connection(s): a `DatabasePool` for the daemon, a read-only queue for `status`.
    public let database: any DatabaseWriter
    public let isReadOnly: Bool
    /// Where the pre-migration copy went, when this open migrated an older schema.
    public let migrationBackupPath: String?

    private init(path: String, database: any DatabaseWriter, isReadOnly: Bool, migrationBackupPath: String?) {
        self.path = path
        self.database = database
        self.isReadOnly = isReadOnly
        self.migrationBackupPath = migrationBackupPath
    }

    /// Opens (creating if needed) `directory/dispatchd.sqlite` for the daemon, checks it and
    /// migrates it to this binary's schema.
    public static func open(directory: String, logger: Logger) throws -> StateStore {
        try open(directory: directory, logger: logger, schema: .current, now: Date())
    }

    static func open(directory: String, logger: Logger, schema: StoreSchema, now: Date) throws -> StateStore {
        let path = databasePath(in: directory)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError(.unavailable, path: directory, message: "cannot create the state directory",
                             remedy: "create it and make it writable by the dispatchd user", underlying: "\(error)")
        }
        var backupPath: String?
        if FileManager.default.fileExists(atPath: path) {
            try DatabaseFileCheck.checkHeader(path: path)
            backupPath = try preflight(path: path, schema: schema, now: now, logger: logger)
        }

        var configuration = Configuration()
        configuration.label = "dispatchd.state"
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Statement journals and sorts stay in memory: no temp files under /var/tmp (which
            // the sandbox makes private anyway) on the path of every input.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB's WAL set-up lowers the writer to synchronous=NORMAL after prepareDatabase:
            // a commit must survive power loss, so put FULL back on the one writer connection.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try schema.migrator.migrate(pool)
        } catch {
            throw DatabaseFileCheck.translate(error, path: path)
        }
        logger.info("state database open", metadata: ["path": "\(path)", "schema": "\(schema.identifiers.last ?? "")"])
        return StateStore(path: path, database: pool, isReadOnly: false, migrationBackupPath: backupPath)
    }

    /// Opens the database read-only (for `dispatchd status` while the daemon runs). Refuses a
    /// missing, foreign, corrupt, newer or not yet migrated database; never writes.
    public static func openReadOnly(directory: String) throws -> StateStore {
        try openReadOnly(directory: directory, schema: .current)
    }

    static func openReadOnly(directory: String, schema: StoreSchema) throws -> StateStore {
        let path = databasePath(in: directory)
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.missing, path: path, message: "no state database here",
                             remedy: "check `state` in the config, or start the daemon once to create it")
        }
        try DatabaseFileCheck.checkHeader(path: path)
        var configuration = Configuration()
        configuration.label = "dispatchd.state.readonly"
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in
                let applied = try schema.migrator.appliedIdentifiers(db)
                try refuseNewer(applied: applied, schema: schema, path: path)
                guard try schema.migrator.hasCompletedMigrations(db) else {
                    throw StoreError(.olderSchema, path: path, message: "the state database has an older schema than this dispatchd",
                                     remedy: "start the daemon (`dispatchd run`) once to migrate it, then retry")
                }
            }
            return StateStore(path: path, database: queue, isReadOnly: true, migrationBackupPath: nil)
        } catch {
            throw DatabaseFileCheck.translate(error, path: path)
        }
    }

    /// Checks an existing file through a plain rollback-mode connection that writes nothing
    /// (GRDB's `DatabasePool` writes to a WAL database as soon as it opens), refuses a corrupt
    /// or newer database, and keeps a backup copy when migrations are due. Returns its path.
    private static func preflight(path: String, schema: StoreSchema, now: Date, logger: Logger) throws -> String? {
        var configuration = Configuration()
        configuration.label = "dispatchd.state.check"
        configuration.busyMode = .timeout(10)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            let applied = try queue.read { db in
                try DatabaseFileCheck.quickCheck(db, path: path)
                return try schema.migrator.appliedIdentifiers(db)
            }
            try refuseNewer(applied: applied, schema: schema, path: path)
            let known = schema.identifiers
            guard let lastApplied = known.last(where: applied.contains), applied.count < known.count else { return nil }
            let target = MigrationBackup.backupPath(for: path, lastApplied: lastApplied, at: now)
            try MigrationBackup.copy(queue, to: target)
            logger.notice("state database copied before migration",
                          metadata: ["path": "\(target)", "from": "\(lastApplied)", "to": "\(known.last ?? "")"])
            return target
        } catch {
            throw DatabaseFileCheck.translate(error, path: path)
        }
    }

    static func databasePath(in directory: String) -> String {
        directory.hasSuffix("/") ? directory + fileName : directory + "/" + fileName
    }

    private static func refuseNewer(applied: Set<String>, schema: StoreSchema, path: String) throws {
        let unknown = applied.subtracting(schema.identifiers).sorted()
        guard unknown.isEmpty else {
            throw StoreError(.newerSchema, path: path,
                             message: "the state database was written by a newer dispatchd (unknown migrations: \(unknown.joined(separator: ", ")))",
                             remedy: "restore a backup or run the newer dispatchd")
        }
    }
}
