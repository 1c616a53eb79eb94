import Foundation
import GRDB
import Logging
import Platform
import Rules

/// Timers, reload, watchdog and status: the rest of the event loop (publication: `Daemon+Publishing`).
extension Daemon {
    /// Due timers: the loop's own, and the engine's, the latter applied together in one
    /// transaction.
    func timersDue(_ ids: [LoopTimer]) {
        var coreTimers: [EngineTimer] = []
        for id in ids {
            switch id {
            case .scan: scan(fromEvent: false)
            case .retry:
                waitingForRetry = false
                scan(fromEvent: true)
            case .readRetry: readRetriesDue()
            case .rescan:
                scan(fromEvent: false)
                scheduleRescan()
            case .publish: publish()
            case .status:
                statusScheduled = false
                updateStatus()
            case .engine(let timer): coreTimers.append(timer)
            }
        }
        guard !coreTimers.isEmpty else { return }
        var tx = core.begin(at: clock())
        do {
            try store.database.write { db in
                for id in coreTimers { try core.fire(id, transaction: &tx, db: db) }
            }
        } catch {
            logger.error("cannot apply due timers; retrying", metadata: ["event": "timer_failed", "error": "\(error)"])
            for id in coreTimers { scheduler.schedule(id: .engine(id), at: clock().addingTimeInterval(1)) }
            return
        }
        commit(tx)
        publish()
        updateStatus()
    }

    func scheduleRescan() {
        scheduler.schedule(id: .rescan, at: clock().addingTimeInterval(TimeInterval(max(1, county.settings.rescanInterval.seconds))))
    }

    /// SIGHUP: validate the whole config; adopt it only if it is valid (SPEC §4).
    func reload() {
        try? notifier.reloading()
        let result = CountyLoader.load(configPath: configPath, read: readConfig)
        if let newCounty = result.county {
            county = newCounty
            core.replaceCounty(newCounty)
            fillPendingAfterReload()
            for diagnostic in result.diagnostics {
                logger.warning("config warning", metadata: ["event": "config_warning", "diagnostic": "\(diagnostic)"])
            }
            logger.notice("configuration reloaded", metadata: ["event": "config_reloaded", "config_hash": "\(newCounty.configHash)"])
        } else {
            for diagnostic in result.diagnostics where diagnostic.severity == .error {
                logger.error("reload refused: invalid configuration, the running one stays",
                             metadata: ["event": "config_reload_refused", "diagnostic": "\(diagnostic)"])
            }
        }
        try? notifier.ready()
        updateStatus()
    }

    /// A reload may add teams or capacity: give pending demands their chance at once.
    private func fillPendingAfterReload() {
        var tx = core.begin(at: clock())
        do {
            try store.database.write { db in try core.fillPendingDemands(transaction: &tx, db: db, force: true) }
            commit(tx)
            publish()
        } catch {
            logger.error("cannot fill pending demands after reload", metadata: ["event": "pending_fill_failed", "error": "\(error)"])
        }
    }

    /// `WATCHDOG=1` from the event loop itself: a stuck loop stops the pings.
    func startWatchdog() {
        guard let interval = notifier.watchdogInterval else { return }
        let timer = DispatchSource.makeTimerSource(queue: queue)
        let nanos = interval.components.seconds * 1_000_000_000 + interval.components.attoseconds / 1_000_000_000
        timer.schedule(deadline: .now(), repeating: .nanoseconds(Int(max(nanos / 2, 1_000_000))))
        timer.setEventHandler { [weak self] in try? self?.notifier.watchdog() }
        timer.resume()
        watchdog = timer
    }

    /// `STATUS=` with live counts, rate-limited to one per `statusInterval`: a change within the
    /// interval is sent when it ends (a "status" timer), so a burst costs one datagram a second.
    func updateStatus() {
        guard notifier.isEnabled, isStarted else { return }
        let now = clock()
        if let last = lastStatus, now.timeIntervalSince(last.at) < statusInterval, now >= last.at {
            if !statusScheduled {
                statusScheduled = true
                scheduler.schedule(id: .status, at: last.at.addingTimeInterval(statusInterval))
            }
            return
        }
        let text = statusText()
        guard text != lastStatus?.text else { return }
        lastStatus = (now, text)
        try? notifier.status(text)
    }

    /// "3 open incidents, 12 open orders, 9 pending escalations".
    func statusText() -> String {
        let incidents = core.live.incidents.count
        let orders = core.live.realLoad.values.reduce(0, +) + core.live.exerciseOrders.values.reduce(0) { $0 + $1.count }
        let escalations = (try? store.database.read { db in
            try OrderRecord.filter(Column("next_deadline") != nil).fetchCount(db)
        }) ?? 0
        return "\(incidents) open incidents, \(orders) open orders, \(escalations) pending escalations"
    }
}

/// `EXTEND_TIMEOUT_USEC` while a long start-up recovery runs (a large migration, thousands of
/// in-flight inputs): the loop queue is busy recovering, so a timer on a queue of its own sends
/// it, first after `after` (a quick start sends nothing), then every `every`, each time asking
/// for `by` more. Stopped just before `READY=1` (and on a failed start).
public final class RecoveryKeepAlive: @unchecked Sendable {
    public struct Timing: Sendable {
        public var after: Duration = .seconds(5)
        public var every: Duration = .seconds(10)
        public var by: Duration = .seconds(30)
        public init() {}
    }

    // Safe: `timer` is set in init and only cancelled afterwards (cancel is thread-safe).
    private let timer: DispatchSourceTimer?

    init(notifier: SystemdNotifier, timing: Timing) {
        guard notifier.isEnabled else {
            timer = nil
            return
        }
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "dispatchd.recovery-keepalive"))
        timer.schedule(deadline: .now() + timing.after.timeInterval, repeating: timing.every.timeInterval)
        timer.setEventHandler { try? notifier.extendTimeout(by: timing.by) }
        timer.resume()
        self.timer = timer
    }

    func stop() { timer?.cancel() }
}

extension Duration {
    fileprivate var timeInterval: TimeInterval {
        TimeInterval(components.seconds) + TimeInterval(components.attoseconds) / 1e18
    }
}
