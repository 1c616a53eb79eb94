import Catalogue
import Dispatch
import Dispatcher
import Foundation
import Platform
import Rules

/// `dispatchd status --watch`: the status redrawn in place whenever the state changes, and
/// once a second for the countdowns, until Ctrl-C.
///
/// Invariants: no polling of the database. inotify on the state directory (`ChangeWatcher`:
/// the daemon's WAL writes) wakes the loop, which then reads once through one read-only
/// connection kept open for the whole watch; the once-a-second tick only redraws the last
/// snapshot with a new `now`. Reads are at most five a second however busy the daemon is.
/// The screen is the terminal's alternate screen with the cursor hidden; SIGINT, SIGTERM and
/// SIGHUP restore both (and the normal screen keeps what was there before) and exit 0.
struct StatusWatch {
    let county: County
    let stateDirectory: String

    static let enter = "\u{1B}[?1049h\u{1B}[?25l"
    static let leave = "\u{1B}[?25h\u{1B}[?1049l"
    static let home = "\u{1B}[H\u{1B}[2J"

    func run() throws -> Never {
        // Signals first, on the main thread, before any other thread exists (see SignalWatcher).
        let signals = SignalWatcher(queue: DispatchQueue(label: "dispatchd.watch.signals")) { _ in
            FileHandle.standardOutput.write(Data(StatusWatch.leave.utf8))
            exit(0)
        }
        let store = try StateStore.openReadOnly(directory: stateDirectory)
        let changed = DispatchSemaphore(value: 0)
        let watcher = try ChangeWatcher(queue: DispatchQueue(label: "dispatchd.watch")) { changed.signal() }
        try watcher.watch(stateDirectory)
        watcher.start()
        FileHandle.standardOutput.write(Data(StatusWatch.enter.utf8))
        var snapshot = try StatusSnapshot.read(from: store)
        var lastRead = DispatchTime.now()
        while true {
            withExtendedLifetime((signals, watcher)) {}   // both live for the whole watch
            draw(snapshot)
            let nextTick = DispatchTime.now() + .seconds(1)
            if changed.wait(timeout: nextTick) == .success {
                while changed.wait(timeout: .now()) == .success {}   // coalesce a burst into one read
                if DispatchTime.now() < lastRead + .milliseconds(200) { Thread.sleep(forTimeInterval: 0.2) }
                if let fresh = try? StatusSnapshot.read(from: store) { snapshot = fresh }
                lastRead = DispatchTime.now()
            }
        }
    }

    func draw(_ snapshot: StatusSnapshot) {
        let now = Date()
        let report = StatusReport(snapshot: snapshot, county: county, now: now)
        let heading = texts(.watchHeading, RFC3339.format(now, in: county.settings.timeZone))
        FileHandle.standardOutput.write(Data((StatusWatch.home + heading + "\n\n" + report.watchText()).utf8))
    }
}

extension StatusReport {
    /// The town (or the nearest area above the order's area that is a town) an order is for.
    func town(of order: OrderRecord) -> String {
        guard let index = county.areas.indexByPath[order.areaPath] else { return order.areaPath }
        let town = county.areas.ancestor(of: index, atLevel: "town") ?? index
        return county.areas.fullName(of: town)
    }

    /// 0 overdue, 1 escalated, 2 the rest: the order of `--watch`.
    func urgency(_ order: OrderRecord) -> Int {
        if let deadline = order.nextDeadline, deadline < now { return 0 }
        return order.state == .escalated || order.step > 0 ? 1 : 2
    }

    /// The orders grouped by town, the groups and their rows most urgent first: overdue, then
    /// escalated, then by next deadline.
    func ordersByTown() -> [(town: String, orders: [OrderRecord])] {
        let sorted = snapshot.openOrders.sorted {
            (urgency($0), $0.nextDeadline ?? .distantFuture, $0.orderID) < (urgency($1), $1.nextDeadline ?? .distantFuture, $1.orderID)
        }
        var groups: [(town: String, orders: [OrderRecord])] = []
        for order in sorted {
            let town = town(of: order)
            if let index = groups.firstIndex(where: { $0.town == town }) { groups[index].orders.append(order) }
            else { groups.append((town, [order])) }
        }
        return groups
    }

    /// The status of `--watch`: incidents, then the orders by town, overdue and escalated first.
    func watchText() -> String {
        var out = texts(.statusIncidents, "\(snapshot.incidents.count)") + "\n"
        var incidents = TextTable(texts.columns(.columnIncident, .columnState, .columnKind, .columnLevel, .columnResponse, .columnTitle))
        for incident in snapshot.incidents {
            incidents.add([incident.incidentID, texts.state(incident.state) + (incident.exercise ? " " + texts(.exercise) : ""),
                           incident.kind ?? "-", incident.level, incident.responseLevel ?? "-", incident.title])
        }
        out += incidents.render()
        let overdue = snapshot.openOrders.filter { urgency($0) == 0 }.count
        out += "\n" + texts(.watchOrders, "\(snapshot.openOrders.count)", "\(overdue)") + "\n"
        for group in ordersByTown() {
            out += "\n" + group.town + "\n"
            var table = TextTable(texts.columns(.columnOrder, .columnTeam, .columnState, .columnStep, .columnIn))
            for order in group.orders {
                let team = county.team(id: order.teamID)?.name ?? order.teamID
                let mark = urgency(order) == 0 ? "!! " : urgency(order) == 1 ? "!  " : "   "
                table.add([mark + order.orderID, team, texts.state(order.state), order.step == 0 ? "-" : "\(order.step)",
                           countdown(order.nextDeadline)])
            }
            out += table.render()
        }
        if !snapshot.pendingDemands.isEmpty {
            out += "\n" + texts(.statusPending, "\(snapshot.pendingDemands.count)") + "\n"
        }
        if snapshot.unpublishedMessages > 0 { out += "\n" + texts(.statusOutbox, "\(snapshot.unpublishedMessages)") + "\n" }
        out += "\n" + texts(.watchQuit) + "\n"
        return out
    }
}
