import Foundation
import Rules

/// The in-memory view of open state that matching needs on every input: team loads and the
/// areas and response levels of open incidents. Kept in memory so a burst of thousands of
/// incidents never re-reads all open orders per incident.
///
/// Invariant: equal to what the database says once a transaction commits. The engine works
/// on a copy during a transaction and adopts it only after the commit, so a rollback leaves
/// the committed view untouched. Rebuilt from the database at start-up (and after a reload).
///
/// Within a transaction, one input's changes are undone (when that input alone is refused)
/// from an undo log rather than from a saved copy: a copy would cost a copy of every table on
/// the input's first change (copy on write), for every input of a batch.
struct LiveState: Sendable {
    struct Coverage: Sendable, Equatable {
        var areas: [String]
        var response: ResponseLevel?
        var exercise: Bool
    }

    /// Units of capacity held by open real orders, per team.
    var realLoad: [String: Int] = [:]
    /// Open exercise orders per team, oldest first.
    var exerciseOrders: [String: [String]] = [:]
    /// Open (active or lifted) incidents.
    private(set) var incidents: [String: Coverage] = [:]
    /// Per area path named by an open real incident: how many incidents hold each response
    /// level there (index `ResponseLevel.rawValue`), so an area's mode is O(depth) to compute.
    private var areaLevels: [String: [Int]] = [:]
    /// The previous values of what changed since the last `forgetUndo()`, newest last.
    private var undo: [Undo] = []

    private enum Undo: Sendable {
        case load(team: String, Int?)
        case exercise(team: String, [String]?)
        case coverage(incident: String, Coverage?)
    }

    /// A point to roll back to: everything changed after it can be undone.
    var undoMark: Int { undo.count }

    /// Undoes every change made after `mark`, newest first.
    mutating func rollBack(to mark: Int) {
        while undo.count > mark {
            switch undo.removeLast() {
            case .load(let team, let value): realLoad[team] = value
            case .exercise(let team, let value): exerciseOrders[team] = value
            case .coverage(let incidentID, let value): replaceCoverage(incidentID, value)
            }
        }
    }

    /// Drops the undo log (the transaction has committed).
    mutating func forgetUndo() { undo = [] }

    /// Sets (or, with nil, removes) an open incident's coverage.
    mutating func setCoverage(_ incidentID: String, _ coverage: Coverage?) {
        undo.append(.coverage(incident: incidentID, incidents[incidentID]))
        replaceCoverage(incidentID, coverage)
    }

    private mutating func replaceCoverage(_ incidentID: String, _ coverage: Coverage?) {
        if let old = incidents[incidentID] { count(old, by: -1) }
        incidents[incidentID] = coverage
        if let coverage { count(coverage, by: 1) }
    }

    func coverage(of incidentID: String) -> Coverage? { incidents[incidentID] }

    /// The highest response level of open real incidents naming any of `paths` (an area and
    /// its ancestors); nil for peacetime.
    func highestLevel(namingAnyOf paths: [String]) -> ResponseLevel? {
        var best: ResponseLevel?
        for path in paths {
            guard let counts = areaLevels[path] else { continue }
            for level in ResponseLevel.allCases where counts[level.rawValue] > 0 {
                if best.map({ level > $0 }) ?? true { best = level }
            }
        }
        return best
    }

    mutating func rebuildAreaLevels() {
        areaLevels = [:]
        for coverage in incidents.values { count(coverage, by: 1) }
    }

    private mutating func count(_ coverage: Coverage, by delta: Int) {
        guard !coverage.exercise, let response = coverage.response else { return }
        for path in Set(coverage.areas) {
            var counts = areaLevels[path] ?? [0, 0, 0, 0, 0]
            counts[response.rawValue] += delta
            areaLevels[path] = counts.allSatisfy { $0 == 0 } ? nil : counts
        }
    }

    mutating func hold(_ order: OrderRecord) {
        if order.exercise {
            undo.append(.exercise(team: order.teamID, exerciseOrders[order.teamID]))
            exerciseOrders[order.teamID, default: []].append(order.orderID)
        } else {
            undo.append(.load(team: order.teamID, realLoad[order.teamID]))
            realLoad[order.teamID, default: 0] += 1
        }
    }

    mutating func release(_ order: OrderRecord) {
        undo.append(order.exercise ? .exercise(team: order.teamID, exerciseOrders[order.teamID])
                                   : .load(team: order.teamID, realLoad[order.teamID]))
        if order.exercise {
            exerciseOrders[order.teamID]?.removeAll { $0 == order.orderID }
            if exerciseOrders[order.teamID]?.isEmpty == true { exerciseOrders[order.teamID] = nil }
        } else if let load = realLoad[order.teamID] {
            realLoad[order.teamID] = load > 1 ? load - 1 : nil
        }
    }

    /// Rebuilds from the database's open orders (start-up reads only these columns).
    static func load(holdings: [OrderStartupRows.Holding], incidents: [IncidentRecord]) -> LiveState {
        var state = LiveState()
        for order in holdings {
            if order.exercise {
                state.exerciseOrders[order.teamID, default: []].append(order.orderID)
            } else {
                state.realLoad[order.teamID, default: 0] += 1
            }
        }
        for incident in incidents where incident.state != .closed {
            state.incidents[incident.incidentID] = Coverage(areas: incident.areas, response: incident.response,
                                                             exercise: incident.exercise)
        }
        state.rebuildAreaLevels()
        return state
    }
}

/// What a transaction asks of the world once it has committed: timers to arm or cancel.
/// Applied only after the commit, so a rolled-back transaction arms nothing.
struct EngineEffects: Sendable {
    /// Timer id → new deadline, or nil to cancel.
    var timers: [(id: EngineTimer, at: Date?)] = []
    var messages = 0
    /// Set when an order released its team's capacity: pending demands may be fillable.
    var capacityReleased = false

    mutating func arm(_ id: EngineTimer, at date: Date?) { timers.append((id, date)) }

    /// What `rollBack(to:)` needs to forget one input's effects (no copy of `timers`).
    var mark: (timers: Int, messages: Int, capacityReleased: Bool) { (timers.count, messages, capacityReleased) }

    mutating func rollBack(to mark: (timers: Int, messages: Int, capacityReleased: Bool)) {
        timers.removeLast(timers.count - mark.timers)
        messages = mark.messages
        capacityReleased = mark.capacityReleased
    }

    static func orderTimer(_ orderID: String) -> EngineTimer { .order(orderID) }
    static func expiryTimer(_ incidentID: String) -> EngineTimer { .expire(incidentID) }
}
