import GRDB
import Logging

/// Keeps SEQ "never reused, even after a restore from backup" (SPEC §6).
///
/// The database's counter (`meta.next_seq`) alone cannot promise that: a restored backup
/// rewinds it to SEQs that gateways have already seen. So the daemon also keeps a high-water
/// mark outside the database (a small file it reads at start-up and rewrites before each
/// batch is published: `OutboxPublisher`'s `recordHighWaterMark`). At open,
/// `reconcile(highWaterMark:)` makes `next_seq = max(counter, highWaterMark + 1)` and logs at
/// warning when the high-water mark wins, which means the database went back in time.
public enum SequenceGuard {
    static let counterKey = "next_seq"

    /// The SEQ the next `Outbox.append` in this transaction will assign.
    public static func nextSeq(in db: Database) throws -> Int64 {
        guard let text = try Meta.value(counterKey, in: db) else { return 1 }
        guard let next = Int64(text), next >= 1 else {
            let path = try String.fetchOne(db, sql: "SELECT file FROM pragma_database_list WHERE name = 'main'")
            throw StoreError(.inconsistent, path: path ?? StateStore.fileName,
                             message: "meta.next_seq holds '\(text)', not a positive integer",
                             remedy: "restore a backup of the state database")
        }
        return next
    }

    /// The highest SEQ this database ever assigned (0 when none): the value to persist as the
    /// high-water mark.
    public static func lastAssigned(in db: Database) throws -> Int64 {
        try nextSeq(in: db) - 1
    }

    static func setNextSeq(_ next: Int64, in db: Database) throws {
        try Meta.setValue(String(next), for: counterKey, in: db)
    }

    /// Raises the counter above `highWaterMark` when it is behind; returns the next SEQ.
    /// Call once at start-up, before anything is appended, inside a write transaction.
    @discardableResult
    public static func reconcile(highWaterMark: Int64?, in db: Database, logger: Logger) throws -> Int64 {
        let counter = try nextSeq(in: db)
        guard let highWaterMark, highWaterMark + 1 > counter else { return counter }
        let next = highWaterMark + 1
        try setNextSeq(next, in: db)
        let unpublished = try OutboxRecord.filter(Column("state") != OutboxRecord.State.published.rawValue)
            .filter(Column("seq") <= highWaterMark).fetchCount(db)
        logger.warning("outbox SEQ counter behind the high-water mark: state database restored from a backup?",
                       metadata: ["seq.counter": "\(counter)", "seq.high_water_mark": "\(highWaterMark)",
                                  "seq.next": "\(next)", "outbox.unpublished_at_or_below_mark": "\(unpublished)"])
        return next
    }
}

extension StateStore {
    /// `SequenceGuard.reconcile` in its own write transaction; returns the next SEQ.
    @discardableResult
    public func reconcileSequence(highWaterMark: Int64?, logger: Logger) throws -> Int64 {
        try database.write { db in try SequenceGuard.reconcile(highWaterMark: highWaterMark, in: db, logger: logger) }
    }

    /// The highest SEQ ever assigned (0 when none).
    public func lastAssignedSeq() throws -> Int64 {
        try database.read { db in try SequenceGuard.lastAssigned(in: db) }
    }
}
