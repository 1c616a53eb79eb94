import Foundation
import GRDB

/// Whole-database copies for `dispatchd backup` and `dispatchd restore` (SPEC §18).
///
/// Invariants:
/// - A copy is taken with SQLite's online backup API (`sqlite3_backup`, through GRDB) from a
///   read-only connection: a consistent snapshot of the committed state, WAL included, taken
///   while the daemon writes; a live WAL database is never copied as plain files.
/// - The copy is a self-contained file (rollback journal mode, no `-wal` beside it) that passes
///   `PRAGMA quick_check` and carries this binary's schema or an older one, never a newer one.
/// - `prepareForRestore` changes only the copy about to be put in place, never a live database.
public enum StateSnapshot {
    /// The schema this binary writes: the last migration's identifier and how many there are.
    /// Follows `StoreSchema.current`, so a new migration shows here without another edit.
    public static var schemaVersion: (identifier: String, migrations: Int) {
        let identifiers = StoreSchema.current.identifiers
        return (identifiers.last ?? "none", identifiers.count)
    }

    /// What a copy holds, for the manifest and the command's report.
    public struct Facts: Sendable, Equatable {
        /// The highest SEQ the copied database ever assigned (0 when none).
        public var lastAssignedSeq: Int64
        /// The last migration applied to the copy.
        public var schema: String
        /// Orders still open (issued, not acknowledged, stood down or expired).
        public var openOrders: Int
    }

    /// Copies the live state database of `stateDirectory` into the new file `path`.
    public static func copyOnline(stateDirectory: String, to path: String) throws -> Facts {
        let source = try StateStore.openReadOnly(directory: stateDirectory)
        do {
            let destination = try DatabaseQueue(path: path)
            try source.database.backup(to: destination)
            try destination.writeWithoutTransaction { db in
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
            }
            try destination.close()
        } catch {
            throw StoreError(.unavailable, path: path, message: "cannot write the copy of the state database",
                             remedy: "choose a DEST on a filesystem with space that you can write, then run the backup again",
                             underlying: String(describing: error))
        }
        return try inspect(path: path)
    }

    /// Checks a copy (header, integrity, schema not newer than this binary's) and says what it holds.
    public static func inspect(path: String) throws -> Facts {
        try DatabaseFileCheck.checkHeader(path: path)
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "dispatchd.snapshot"
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                try DatabaseFileCheck.quickCheck(db, path: path)
                let applied = try StoreSchema.current.migrator.appliedIdentifiers(db)
                let unknown = applied.subtracting(StoreSchema.current.identifiers)
                guard unknown.isEmpty else {
                    throw StoreError(.newerSchema, path: path,
                                     message: "this copy was written by a newer dispatchd (unknown migrations: \(unknown.sorted().joined(separator: ", ")))",
                                     remedy: "restore it with the dispatchd that made it, or a newer one")
                }
                let schema = StoreSchema.current.identifiers.last(where: applied.contains) ?? "none"
                let open = try OrderRecord.filter(OrderRecord.State.open.map(\.rawValue).contains(Column("state"))).fetchCount(db)
                return Facts(lastAssignedSeq: try SequenceGuard.lastAssigned(in: db), schema: schema, openOrders: open)
            }
        } catch {
            throw DatabaseFileCheck.translate(error, path: path)
        }
    }

    /// Readies the copy at `path` to replace the state: every outbox row at or below
    /// `highWaterMark` that the copy still holds as unpublished was published by the daemon
    /// after the backup (the mark is only written before a publication), so it is marked
    /// published instead of being sent again under a SEQ gateways have seen; the counter is
    /// raised above the mark. Returns how many rows were marked.
    public static func prepareForRestore(path: String, highWaterMark: Int64) throws -> Int {
        do {
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            return try queue.write { db in
                let now = Date().timeIntervalSince1970
                try db.execute(sql: """
                    UPDATE outbox SET state = 'published', published_at = ? WHERE state != 'published' AND seq <= ?
                    """, arguments: [now, highWaterMark])
                let marked = db.changesCount
                if try SequenceGuard.nextSeq(in: db) <= highWaterMark { try SequenceGuard.setNextSeq(highWaterMark + 1, in: db) }
                return marked
            }
        } catch {
            throw DatabaseFileCheck.translate(error, path: path)
        }
    }
}

extension StateSnapshot {
    /// Checkpoints a database no one else has open and leaves it in rollback journal mode, one
    /// file without `-wal` (a restore does this to the database it replaces, under the lock).
    static func foldIntoOneFile(path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            _ = try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
        }
        try queue.close()
    }
}

extension StateSnapshot {
    /// When the oldest input of work still open arrived (an incident still active, or one with an
    /// open order): `prune` keeps every day folder from that UTC day on. Nil when nothing is open
    /// or there is no state database yet.
    public static func oldestOpenWork(stateDirectory: String) throws -> Date? {
        guard FileManager.default.fileExists(atPath: StateStore.databasePath(in: stateDirectory)) else { return nil }
        let store = try StateStore.openReadOnly(directory: stateDirectory)
        let open = OrderRecord.State.open.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let seconds = try store.database.read { db in
            try Double.fetchOne(db, sql: """
                SELECT min(inputs.received_at) FROM inputs JOIN incidents ON incidents.incident_id = inputs.incident_id
                WHERE incidents.state = 'active'
                   OR EXISTS (SELECT 1 FROM orders WHERE orders.incident_id = incidents.incident_id AND orders.state IN (\(open)))
                """)
        }
        return seconds.map { Date(timeIntervalSince1970: $0) }
    }
}
