import Foundation
import GRDB
import Logging
import Platform
import Rules

/// The input side of the event loop: events and scans queue names; batches are claimed,
/// decoded, applied in one transaction, published and filed away.
extension Daemon {
    func directoryEvent(_ directory: String, _ name: FileName, _ kind: DirectoryEventKind) {
        guard !Daemon.ignored(name) else { return }
        let source = layout.source(ofDropDirectory: directory)
        switch kind {
        case .closedAfterWrite, .movedIn:
            enqueue(name, source)
            drainSoon()
        default:
            // A create: a regular file is taken on its close; anything else (a FIFO, a
            // symlink, a socket) never closes, so look again shortly.
            scheduler.schedule(id: .scan, at: clock().addingTimeInterval(0.5))
        }
    }

    /// Names the daemon never takes (SPEC §2): dot files and `*.tmp` / `*.part`.
    static func ignored(_ name: FileName) -> Bool {
        name.hasPrefixDot || name.hasSuffix(".tmp") || name.hasSuffix(".part")
    }

    /// Lists the drop directories. Files found by a scan rather than an event must have been
    /// unchanged for two seconds (a writer may still be writing without a rename).
    func scan(fromEvent: Bool) {
        var waiting = false
        let now = clock().timeIntervalSince1970
        for source in Intake.Source.allCases {
            let directory = layout.dropDirectory(for: source)
            let entries: [DirectoryEntry]
            do {
                entries = try SpoolFiles.list(directory)
            } catch {
                logger.error("cannot list drop directory", metadata: ["event": "scan_failed", "dir": "\(directory)",
                                                                     "error": "\(error)"])
                continue
            }
            for entry in entries.sorted(by: { ($0.modificationTime, $0.name) < ($1.modificationTime, $1.name) })
            where !Daemon.ignored(entry.name) {
                if entry.kind == .regular && now - entry.modificationTime < 2 && !fromEvent {
                    waiting = true
                    continue
                }
                enqueue(entry.name, source)
            }
        }
        if waiting { scheduler.schedule(id: .scan, at: clock().addingTimeInterval(2.1)) }
        drainSoon()
    }

    func enqueue(_ name: FileName, _ source: Intake.Source) {
        let key = Daemon.queueKey(name, source)
        if let retry = readRetries[key], retry.notBefore > clock() { return }   // waits for its own retry
        guard queuedSet.insert(key).inserted else { return }
        queued.append((name, source))
    }

    /// Processes queued names soon, letting timers and signals interleave between batches.
    func drainSoon() {
        guard !pumpScheduled, !queued.isEmpty, !waitingForRetry else { return }
        pumpScheduled = true
        queue.async { [weak self] in
            guard let self else { return }
            self.pumpScheduled = false
            self.drainQueue(maxBatches: 1)
            self.drainSoon()
        }
    }

    func drainQueue(maxBatches: Int = .max) {
        var batches = 0
        while !queued.isEmpty, !waitingForRetry, batches < maxBatches {
            let batch = Array(queued.prefix(batchLimit))
            queued.removeFirst(batch.count)
            for (name, source) in batch { queuedSet.remove(Daemon.queueKey(name, source)) }
            process(batch.compactMap { name, source in
                let claimed = intake.claim(name, source: source)
                if claimed == nil, !readRetries.isEmpty { readRetries[Daemon.queueKey(name, source)] = nil }
                return claimed
            })
            batches += 1
        }
    }

    /// One batch: read and decode, apply all in one transaction, publish, file away.
    func process(_ batch: [Intake.Claimed]) {
        guard !batch.isEmpty else { return }
        guard stateDatabaseIsInPlace() else {
            transientFailure(StateMissing(path: stateDatabasePath), giveBack: batch)
            return
        }
        let now = clock()
        var verdicts: [(Intake.Claimed, Intake.Verdict)] = []
        for claimed in batch {
            do {
                verdicts.append((claimed, try intake.read(claimed, county: county)))
                if !readRetries.isEmpty { readRetries[Daemon.queueKey(claimed.original, claimed.source)] = nil }
            } catch {
                readFailed(error, claimed)
            }
        }
        guard !verdicts.isEmpty else { return }
        var outcomes: [InputOutcome] = []
        var tx = core.begin(at: now)
        do {
            outcomes = try store.database.write { db in
                try verdicts.map { claimed, verdict in try apply(verdict, claimed: claimed, tx: &tx, db: db) }
            }
        } catch {
            transientFailure(error, giveBack: verdicts.map(\.0))
            return
        }
        commit(tx)
        // Filed away once its messages are in `outgoing/` (or wait in the outbox after a failed
        // publish): whoever sees the input in `processed/` finds its orders already published.
        // While publishing is failing (and retried with backoff) inputs are filed at once.
        let filing = { [self] in fileAway(zip(verdicts.map(\.0), outcomes), now: now) }
        if publishBackoff > 0 { filing() } else { filingsWaiting.append(filing) }
        publish()
        backoff = 0
        updateStatus()
    }

    /// Moves applied inputs to `processed/`, refused ones to `rejected/` with their `.error`.
    private func fileAway(_ inputs: Zip2Sequence<[Intake.Claimed], [InputOutcome]>, now: Date) {
        for (claimed, outcome) in inputs {
            do {
                if case .rejected(let error) = outcome {
                    try intake.fileRejected(claimed, reason: error.described(file: claimed.original.escaped), now: now,
                                            timeZone: county.settings.timeZone)
                } else {
                    try intake.fileProcessed(claimed, now: now)
                    logOutcome(outcome, claimed)
                }
            } catch {
                logger.error("input applied but could not be filed away; it stays in active/ and is recognised as a duplicate later",
                             metadata: ["event": "file_away_failed", "file": "\(claimed.original.escaped)", "error": "\(error)"])
            }
        }
    }

    private func apply(_ verdict: Intake.Verdict, claimed: Intake.Claimed, tx: inout EngineTransaction,
                       db: Database) throws -> InputOutcome {
        switch verdict {
        case .refused(let reason, let facts):
            let error = InputError(reason)
            if let facts { try core.record(key: nil, facts: facts, incidentID: nil, outcome: .rejected(error), tx: tx, db: db) }
            return .rejected(error)
        case .decoded(let decoded, let facts):
            let saved = tx.mark
            var outcome = InputOutcome.duplicate
            do {
                try db.inSavepoint {
                    outcome = switch decoded {
                    case .incident(let message): try core.apply(message, facts: facts, transaction: &tx, db: db)
                    case .ignoredIncident(let message, let reason):
                        try core.fileWithoutEffect(message, reason: reason, facts: facts, transaction: tx, db: db)
                    case .ack(let ack): try core.apply(ack, facts: facts, transaction: &tx, db: db)
                    case .command(let command): try core.apply(command, facts: facts, transaction: &tx, db: db)
                    }
                    return .commit
                }
                return outcome
            } catch {
                tx.rollBack(to: saved)
                if Daemon.isTransient(error) { throw error }
                // Not the environment: a defect. Refuse this one input, keep serving the rest.
                logger.critical("internal error while applying an input; it is rejected so the rest can proceed",
                                metadata: ["event": "internal_error", "file": "\(claimed.original.escaped)",
                                           "error": "\(error)"])
                return .rejected(InputError("dispatchd could not apply this input (internal error: \(error))",
                                            remedy: "report this to the dispatchd maintainers with the file"))
            }
        }
    }

    /// SQLite results that mean "the environment, try again later" rather than a defect.
    static func isTransient(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return error is SystemError }
        return [.SQLITE_FULL, .SQLITE_IOERR, .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_CANTOPEN, .SQLITE_READONLY,
                .SQLITE_NOMEM, .SQLITE_PROTOCOL].contains(error.resultCode.primaryResultCode)
    }

    private func logOutcome(_ outcome: InputOutcome, _ claimed: Intake.Claimed) {
        switch outcome {
        case .applied(let text):
            logger.info("input applied", metadata: ["event": "input_applied", "file": "\(claimed.original.escaped)",
                                                    "detail": "\(text)"])
        case .duplicate:
            logger.info("duplicate input: filed with no effect", metadata: ["event": "input_duplicate",
                                                                           "file": "\(claimed.original.escaped)"])
        case .notDispatched(let reason, let text):
            logger.notice("input accepted, nothing dispatched", metadata: ["event": "input_not_dispatched",
                                                                          "file": "\(claimed.original.escaped)",
                                                                          "reason": "\(reason)", "detail": "\(text)"])
        case .noEffect(let reason):
            logger.notice("input filed with no effect", metadata: ["event": "input_no_effect",
                                                                  "file": "\(claimed.original.escaped)", "detail": "\(reason)"])
        case .rejected: break
        }
    }

    /// Adopts a committed transaction: the live view and the timers it asked for.
    func commit(_ tx: EngineTransaction) {
        core.commit(tx)
        for timer in tx.timers {
            if let at = timer.at { scheduler.schedule(id: .engine(timer.id), at: at) } else { scheduler.cancel(id: .engine(timer.id)) }
        }
    }

    var stateDatabasePath: String {
        layout.state.hasSuffix("/") ? layout.state + StateStore.fileName : layout.state + "/" + StateStore.fileName
    }

    /// Whether the state database is still the file opened at start. SQLite keeps writing to
    /// an open file that was removed (its directory deleted, or replaced by a restore), and
    /// those writes would vanish at the next start: so no input is committed then. The inputs
    /// stay in the drop directory, logged at critical, until dispatchd is restarted on a
    /// state directory that is in place again.
    func stateDatabaseIsInPlace() -> Bool {
        guard let opened = stateIdentity, FileIdentity.of(stateDatabasePath) != opened else { return true }
        logger.critical("the state database was removed or replaced while dispatchd runs; inputs wait until it is restarted",
                        metadata: ["event": "state_missing", "path": "\(stateDatabasePath)"])
        return false
    }

    /// A fault of the environment: give the inputs back, retry later with backoff.
    func transientFailure(_ error: any Error, giveBack claimed: [Intake.Claimed]) {
        for file in claimed { intake.giveBack(file) }
        backoff = min(max(backoff * 2, 1), 60)
        waitingForRetry = true
        logger.error("transient failure: inputs stay in the drop directory and are retried",
                     metadata: ["event": "transient_failure", "error": "\(error)", "retry_in_seconds": "\(Int(backoff))"])
        scheduler.schedule(id: .retry, at: clock().addingTimeInterval(backoff))
    }
}

extension Daemon {
    /// An input waiting for its own retry after a fault of the environment while reading it.
    struct ReadRetry {
        var name: FileName
        var source: Intake.Source
        var notBefore: Date
        var backoff: TimeInterval
    }

    static func queueKey(_ name: FileName, _ source: Intake.Source) -> String {
        source.queueTag + name.escaped
    }

    /// A fault of the environment while reading one input (an I/O error, too many open files):
    /// the input goes back to its drop directory and waits for its own retry, 1 s, 2 s … 60 s,
    /// logged at error each time, while the other inputs keep flowing. Giving it back is a
    /// rename that inotify reports at once; without the wait that event would claim it again
    /// at once, forever.
    func readFailed(_ error: any Error, _ claimed: Intake.Claimed) {
        let previous = readRetries.removeValue(forKey: Daemon.queueKey(claimed.original, claimed.source))?.backoff ?? 0
        let delay = min(max(previous * 2, 1), 60)
        logger.error("cannot read input: it goes back to the drop directory and is retried", metadata: [
            "event": "transient_failure", "file": "\(claimed.original.escaped)", "error": "\(error)",
            "retry_in_seconds": "\(Int(delay))"])
        guard let name = intake.giveBack(claimed) else { return }   // stays in active/: retried at the next start
        readRetries[Daemon.queueKey(name, claimed.source)] = ReadRetry(name: name, source: claimed.source,
                                                                      notBefore: clock().addingTimeInterval(delay),
                                                                      backoff: delay)
        scheduleReadRetry()
    }

    /// Arms the `readRetry` timer for the earliest input still waiting.
    func scheduleReadRetry() {
        let now = clock()
        if let next = readRetries.values.lazy.map(\.notBefore).filter({ $0 > now }).min() {
            scheduler.schedule(id: .readRetry, at: next)
        }
    }

    /// The `readRetry` timer: queues every waiting input whose time has come. Each keeps its
    /// entry (and so its backoff) until it is read, or is found gone when claimed.
    func readRetriesDue() {
        let now = clock()
        for retry in readRetries.values where retry.notBefore <= now { enqueue(retry.name, retry.source) }
        scheduleReadRetry()
        drainSoon()
    }
}

/// The state database vanished from under the running daemon (see `stateDatabaseIsInPlace`).
struct StateMissing: Error, CustomStringConvertible {
    let path: String
    var description: String {
        "\(path) was removed or replaced while dispatchd was running: inputs stay in the drop directory; "
            + "restore the state directory from a backup (or let it start afresh) and restart dispatchd"
    }
}
