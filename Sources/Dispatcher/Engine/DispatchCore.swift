import Foundation
import GRDB
import Logging
import Rules

/// The dispatch core: turns decoded inputs and due timers into state changes and outgoing
/// messages, inside one database transaction each (SPEC §5, §7, §8, §9).
///
/// Invariants:
/// - Every state change and the messages it causes are written in the same transaction
///   (the outbox), so after `kill -9` either both exist or neither does.
/// - `live` equals the committed database state between transactions; work happens on a copy
///   (`EngineTransaction.live`) adopted only after the commit. Timers are armed only after the
///   commit too, from `EngineEffects`.
/// - No syscalls: time comes in as `now`, storage is the `Database` handed in, matching is
///   the pure `Matcher`. The daemon confines a `DispatchCore` to its event-loop queue.
///
/// Crash recovery: nothing here is in memory only. Open orders carry their absolute next
/// deadline and a snapshot of what they were issued with; `LiveState.load` and the daemon's
/// timer re-arming rebuild everything else from the database at start-up.
public final class DispatchCore {
    public private(set) var county: County
    private(set) var matcher: Matcher
    private(set) var duty: DutyDirectory
    var writer: MessageWriter
    let logger: Logger
    var live = LiveState()

    public init(county: County, logger: Logger) {
        self.county = county
        self.matcher = Matcher(county: county)
        self.duty = DutyDirectory(areas: county.areas, posts: county.dutyPosts)
        self.writer = MessageWriter(timeZone: county.settings.timeZone)
        self.logger = logger
    }

    /// Adopts a new, validated config: new incidents and re-plans use it; open orders keep
    /// their snapshots.
    public func replaceCounty(_ county: County) {
        self.county = county
        self.matcher = Matcher(county: county)
        self.duty = DutyDirectory(areas: county.areas, posts: county.dutyPosts)
        self.writer = MessageWriter(timeZone: county.settings.timeZone)
    }

    /// Rebuilds the in-memory view from the database (start-up, after a reload).
    public func loadLiveState(from db: Database) throws {
        live = LiveState.load(holdings: try OrderStartupRows.openHoldings(in: db), incidents: try IncidentRecord.open(in: db))
    }

    /// Every timer the database says is pending: order deadlines and incident expiries.
    public func pendingTimers(in db: Database) throws -> [(id: EngineTimer, at: Date)] {
        var timers = try OrderStartupRows.deadlines(in: db).map { order in
            (id: EngineEffects.orderTimer(order.orderID), at: order.at)
        }
        for incident in try IncidentStartupRows.expiries(in: db) {
            timers.append((EngineEffects.expiryTimer(incident.incidentID), incident.expires))
        }
        return timers + (try teamTimers(in: db))
    }
}

/// The working state of one transaction: a copy of the live view, the effects to apply after
/// commit, and the time it runs at.
public struct EngineTransaction {
    var live: LiveState
    var effects = EngineEffects()
    public let now: Date

    init(live: LiveState, now: Date) {
        self.live = live
        self.now = now
    }

    /// Timers to arm (deadline) or cancel (nil) once the transaction has committed.
    public var timers: [(id: EngineTimer, at: Date?)] { effects.timers }
    public var messagesWritten: Int { effects.messages }

    /// A savepoint for one input: `rollBack(to:)` forgets everything it changed since.
    public struct Mark { fileprivate let live: Int, effects: (timers: Int, messages: Int, capacityReleased: Bool) }
    public var mark: Mark { Mark(live: live.undoMark, effects: effects.mark) }
    public mutating func rollBack(to mark: Mark) {
        live.rollBack(to: mark.live)
        effects.rollBack(to: mark.effects)
    }
}

extension DispatchCore {
    /// Starts a transaction's working state at `now`.
    public func begin(at now: Date) -> EngineTransaction { EngineTransaction(live: live, now: now) }

    /// Adopts a transaction's working state after its commit.
    public func commit(_ transaction: EngineTransaction) {
        live = transaction.live
        live.forgetUndo()
    }
}
