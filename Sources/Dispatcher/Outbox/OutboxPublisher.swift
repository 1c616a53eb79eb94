import Foundation
import GRDB
import Logging
import Synchronization

/// Moves committed outbox messages into `outgoing/`, exactly once and in SEQ order (SPEC §6).
///
/// Protocol, per batch of up to `batchSize` pending rows (group commit: one fsync per file,
/// two transactions and one directory fsync per batch):
/// 1. stage every message of the batch (`.staging/NAME`, each written and fsynced, then ONE
///    fsync of `.staging/` for the batch; idempotent);
/// 2. ONE transaction marks them `staged`;
/// 3. the high-water mark is recorded (`recordHighWaterMark`, see `SequenceGuard`);
/// 4. the spool renames them into `outgoing/` in SEQ order and fsyncs the directory;
/// 5. ONE transaction marks them `published`.
///
/// Crash recovery (`recover()`, also run at the start of every `publishPending`): a `staged`
/// row whose file is still in `.staging/` is renamed now; one whose file is gone was renamed
/// before the crash and is only marked. A crash before step 2 leaves rows `pending` and files
/// in `.staging/` that step 1 accepts again. Since a batch is always the lowest pending SEQs,
/// every staged row precedes every pending one, so finishing staged rows first keeps SEQ
/// order. Nothing is ever published twice (a file is renamed only while it is in
/// `.staging/`) or skipped (a row leaves `pending` only after its file is durable).
///
/// Errors from the spool or the database propagate; the daemon logs them and calls
/// `publishPending` again later. Calls are serialized by an internal lock.
public final class OutboxPublisher: Sendable {
    /// What `recover()` found.
    public struct Recovery: Sendable, Equatable {
        /// Staged rows whose files were still in `.staging/` and have now been published.
        public var republished: Int
        /// Staged rows whose files were already gone (published before the crash).
        public var alreadyPublished: Int
    }

    public let batchSize: Int
    private let database: any DatabaseWriter
    private let spool: any MessageSpool
    private let logger: Logger
    private let recordHighWaterMark: @Sendable (Int64) throws -> Void
    /// Serializes the calls (a `Mutex` holding nothing: the state is in the database and spool).
    private let lock = Mutex(())

    /// - Parameter recordHighWaterMark: called with the batch's highest SEQ before its files
    ///   are renamed into `outgoing/`; the daemon persists it outside the database.
    public init(database: any DatabaseWriter, spool: any MessageSpool, batchSize: Int = 100, logger: Logger,
                recordHighWaterMark: @escaping @Sendable (Int64) throws -> Void = { _ in }) {
        precondition(batchSize > 0, "batchSize must be positive")
        self.database = database
        self.spool = spool
        self.batchSize = batchSize
        self.logger = logger
        self.recordHighWaterMark = recordHighWaterMark
    }

    /// Finishes what a crash (or a failed earlier call) left `staged`.
    @discardableResult
    public func recover() throws -> Recovery {
        try lock.withLock { _ in try recoverStaged() }
    }

    /// Publishes up to `limit` messages (staged leftovers first, then pending ones in SEQ
    /// order) and returns how many it published.
    @discardableResult
    public func publishPending(limit: Int = .max) throws -> Int {
        try lock.withLock { _ in try publishLocked(limit: limit) }
    }

    private func publishLocked(limit: Int) throws -> Int {
        let recovery = try recoverStaged()
        var published = recovery.republished + recovery.alreadyPublished
        while published < limit {
            let batch = try database.read { db in
                try OutboxRecord.inState(.pending, limit: min(batchSize, limit - published), in: db)
            }
            guard let last = batch.last else { break }
            for record in batch { try spool.stage(name: record.fileName, bytes: record.bodyBytes) }
            try spool.syncStaged()
            try mark(batch, as: .staged)
            try publish(batch)
            published += batch.count
            logger.debug("outbox batch published", metadata: [
                "outbox.count": "\(batch.count)", "outbox.first_seq": "\(batch[0].seq)", "outbox.last_seq": "\(last.seq)",
            ])
        }
        return published
    }

    private func recoverStaged() throws -> Recovery {
        let staged = try database.read { db in try OutboxRecord.inState(.staged, in: db) }
        guard !staged.isEmpty else { return Recovery(republished: 0, alreadyPublished: 0) }
        var present: [OutboxRecord] = []
        var gone: [OutboxRecord] = []
        for record in staged {
            if try spool.isStaged(name: record.fileName) { present.append(record) } else { gone.append(record) }
        }
        if let firstPresent = present.first, let lastGone = gone.last, lastGone.seq > firstPresent.seq {
            logger.error("outbox staged files missing out of SEQ order: treating the missing ones as published",
                         metadata: ["outbox.first_staged_seq": "\(firstPresent.seq)", "outbox.missing_seq": "\(lastGone.seq)"])
        }
        try publish(present)
        try mark(gone, as: .published)
        let recovery = Recovery(republished: present.count, alreadyPublished: staged.count - present.count)
        logger.notice("outbox staged messages recovered", metadata: [
            "outbox.republished": "\(recovery.republished)", "outbox.already_published": "\(recovery.alreadyPublished)",
        ])
        return recovery
    }

    /// Steps 3 to 5 for rows already marked staged.
    private func publish(_ records: [OutboxRecord]) throws {
        guard let last = records.last else { return }
        try recordHighWaterMark(last.seq)
        try spool.publish(names: records.map(\.fileName))
        try mark(records, as: .published)
    }

    private func mark(_ records: [OutboxRecord], as state: OutboxRecord.State) throws {
        guard !records.isEmpty else { return }
        let column = state == .staged ? "staged_at" : "published_at"
        let seqs = records.map(\.seq)
        let now = Date().timeIntervalSince1970
        try database.write { db in
            try db.execute(sql: "UPDATE outbox SET state = ?, \(column) = ? WHERE seq IN (\(seqs.map { _ in "?" }.joined(separator: ",")))",
                           arguments: StatementArguments([state.rawValue, now] as [any DatabaseValueConvertible] + seqs))
        }
    }
}
