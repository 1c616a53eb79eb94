import Foundation
import GRDB
import Logging
import Platform
import Rules

/// The long-running service (SPEC §2, §9, §11): one serial event-loop queue on which inotify
/// events, timers and signals arrive and all state changes happen.
///
/// Invariants:
/// - Everything mutable here is touched only on `queue` (hence `@unchecked Sendable`). The
///   state `start()` opens (`store`, `core`, `publisher`) is reached only through accessors
///   that check it (`dispatchPrecondition`: a call off the queue, or before `start()`, traps
///   instead of racing); the rest of the loop's bookkeeping rests on this comment.
/// - Start-up finishes recovery (outbox, `active/` leftovers, overdue timers) and the first
///   full scan before `READY=1`.
/// - Inputs that arrive together are processed as one batch: one transaction, one WAL sync
///   (group commit); a lone input is never held back waiting for company.
/// - Publication runs on `publishQueue`, overlapping the next batch; an input is filed away
///   only after a publish run that started after its commit has ended (at once while
///   publishing fails), so an input in `processed/` has its messages in `outgoing/`.
/// - A fault in the environment never loses an input or a message: inputs go back to the drop
///   directory, messages wait in the outbox, and both are retried with backoff.
///
/// Crash recovery: see `Intake` (inputs), `OutboxPublisher` (messages) and `DispatchCore`
/// (orders and deadlines, re-armed from the database here at start-up).
public final class Daemon: @unchecked Sendable {
    public let queue = DispatchQueue(label: "dispatchd.loop")
    let configPath: String
    let readConfig: @Sendable (String) throws -> [UInt8]
    var county: County
    let layout: SpoolLayout
    let logger: Logger
    let notifier: SystemdNotifier
    let clock: @Sendable () -> Date

    /// What `start()` opened; nil before (and after a failed start).
    private var opened: Opened?
    private struct Opened {
        let store: StateStore
        let core: DispatchCore
        let publisher: OutboxPublisher
    }
    var store: StateStore { checkedOpened.store }
    var core: DispatchCore { checkedOpened.core }
    var publisher: OutboxPublisher { checkedOpened.publisher }
    var isStarted: Bool { opened != nil }
    private var checkedOpened: Opened {
        dispatchPrecondition(condition: .onQueue(queue))
        guard let opened else { preconditionFailure("the daemon's state is used before start() opened it") }
        return opened
    }
    /// The state database file as opened at start (see `stateDatabaseIsInPlace`).
    var stateIdentity: FileIdentity?
    let intake: Intake
    let scheduler: DispatchDeadlineScheduler<LoopTimer>
    var watcher: DirectoryWatcher?
    var signals: SignalWatcher?
    var watchdog: DispatchSourceTimer?
    /// Sends `EXTEND_TIMEOUT_USEC` while start-up recovery runs (see `RecoveryKeepAlive`).
    public var recoveryKeepAlive = RecoveryKeepAlive.Timing()
    /// `STATUS=` is sent at most once per this interval; a change in between is sent at its end.
    public var statusInterval: TimeInterval = 1
    var lastStatus: (at: Date, text: String)?
    var statusScheduled = false

    /// Names waiting to be claimed, in arrival order, without repeats.
    var queued: [(FileName, Intake.Source)] = []
    var queuedSet = Set<String>()
    var pumpScheduled = false
    /// The wait after a fault of a whole batch (the database, the spool): 1 s, 2 s … 60 s while
    /// it lasts, 0 again once a batch commits. `waitingForRetry`: intake waits for the `retry` timer.
    var backoff: TimeInterval = 0
    var waitingForRetry = false
    /// Inputs whose read failed with a fault of the environment, by queue key: each waits for
    /// its own retry while the others keep flowing (see `readFailed`).
    var readRetries: [String: ReadRetry] = [:]
    /// While publishing fails: the wait before the next try (0.25 s, 0.5 s, then 1 s: an
    /// emergency service retries often), the hints that the fault may be over, the failures
    /// since the last error logged (at most one a minute after the first).
    var publishBackoff: TimeInterval = 0
    var publishHints: ChangeWatcher?
    var publishFailures = 0
    var publishErrorLoggedAt: Date?
    /// Publication runs here, off the loop, so that staging a batch (one fsync per file)
    /// overlaps the next batch's transaction. `publishRunning` and `publishAgain` (touched on
    /// `queue` only) coalesce the requests that come while a run is under way into one more run.
    let publishQueue = DispatchQueue(label: "dispatchd.publish")
    var publishRunning = false
    var publishAgain = false
    /// Inputs whose effects are committed, to be filed away once a publish run that started
    /// after their commit has ended (`filingsInRun`: those the run under way covers).
    var filingsWaiting: [() -> Void] = []
    var filingsInRun: [() -> Void] = []
    public var batchLimit = 256

    public init(county: County, configPath: String, logger: Logger, notifier: SystemdNotifier = SystemdNotifier(),
                clock: @escaping @Sendable () -> Date = { Date() },
                readConfig: @escaping @Sendable (String) throws -> [UInt8]) {
        self.county = county
        self.configPath = configPath
        self.readConfig = readConfig
        self.layout = SpoolLayout(spool: county.settings.spool, state: county.settings.state)
        self.logger = logger
        self.notifier = notifier
        self.clock = clock
        self.intake = Intake(layout: layout, logger: logger)
        self.scheduler = DispatchDeadlineScheduler(queue: queue, now: clock)
    }

    /// Recovers, scans, starts watching and announces readiness. Throws a fatal start-up error
    /// (unusable spool or state): the caller exits 1.
    public func start() throws {
        try queue.sync { try startOnQueue() }
    }

    private func startOnQueue() throws {
        let keepAlive = RecoveryKeepAlive(notifier: notifier, timing: recoveryKeepAlive)
        defer { keepAlive.stop() }
        try layout.ensureExists()
        let stale = layout.removeStaleTemporaries()
        if !stale.isEmpty {
            logger.notice("removed temp files a previous run left half-written", metadata: [
                "event": "stale_temporaries_removed", "count": "\(stale.count)", "paths": "\(stale.joined(separator: " "))"])
        }
        let store = try StateStore.open(directory: layout.state, logger: logger)
        stateIdentity = FileIdentity.of(stateDatabasePath)
        let highWaterMark = HighWaterMark(layout: layout)
        try store.reconcileSequence(highWaterMark: highWaterMark.mark, logger: logger)
        let publisher = OutboxPublisher(database: store.database, spool: FileMessageSpool(layout: layout), logger: logger,
                                    recordHighWaterMark: { seq in try highWaterMark.record(seq) })
        let core = DispatchCore(county: county, logger: logger)
        try store.database.read { db in try core.loadLiveState(from: db) }
        opened = Opened(store: store, core: core, publisher: publisher)

        scheduler.setHandler { [weak self] ids in self?.timersDue(ids) }
        let timers = try store.database.read { db in try core.pendingTimers(in: db) }
        scheduler.schedule(timers.map { (id: LoopTimer.engine($0.id), at: $0.at) })
        let overdue = timers.filter { $0.at <= clock() }.count
        if overdue > 0 {
            logger.warning("deadlines passed while the daemon was down: firing them now",
                           metadata: ["event": "overdue_at_start", "count": "\(overdue)"])
        }
        publishNow()

        let watcher = try DirectoryWatcher(queue: queue, logger: logger, onEvent: { [weak self] directory, name, kind in
            self?.directoryEvent(directory, name, kind)
        }, onOverflow: { [weak self] in
            self?.logger.warning("inotify queue overflowed: rescanning", metadata: ["event": "inotify_overflow"])
            self?.scan(fromEvent: false)
        })
        try watcher.watch(layout.incoming)
        try watcher.watch(layout.acks)
        try watcher.watch(layout.commands)
        watcher.start()
        self.watcher = watcher

        let leftovers = intake.leftovers()
        if !leftovers.isEmpty {
            logger.notice("re-processing inputs that were in flight", metadata: ["event": "active_recovery",
                                                                                "count": "\(leftovers.count)"])
            process(leftovers)
        }
        scan(fromEvent: false)
        drainQueue()
        publishNow()   // the start-up scan's inputs are published and filed before READY=1
        scheduleRescan()
        startWatchdog()
        keepAlive.stop()
        try? notifier.ready()
        updateStatus()
        logger.notice("dispatchd ready", metadata: [
            "event": "ready", "incoming": "\(layout.incoming)", "outgoing": "\(layout.outgoing)",
            "open_orders": "\(core.live.realLoad.values.reduce(0, +))", "timers": "\(scheduler.pendingCount)"])
    }

    /// Installs SIGTERM/SIGINT (stop) and SIGHUP (reload) handling.
    public func handleSignals(onStop: @escaping @Sendable () -> Void) {
        signals = SignalWatcher(queue: queue) { [weak self] signal in
            guard let self else { return }
            if signal == SIGHUP {
                self.reload()
            } else {
                self.stop()
                onStop()
            }
        }
    }

    /// Stops watching and publishes what is committed (after a run in flight); what cannot be
    /// published now waits in the outbox for the next start. Runs on the queue.
    func stop() {
        try? notifier.stopping()
        logger.notice("dispatchd stopping", metadata: ["event": "stopping"])
        watcher?.cancel()
        watchdog?.cancel()
        scheduler.invalidate()
        if isStarted { publishNow() }
    }
}
