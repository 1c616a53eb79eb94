import ArgumentParser
import Catalogue
import Dispatcher
import Foundation
import Rules

/// `dispatchd show INCIDENT [--json]` (SPEC §16): one incident as it is now. The model is
/// `IncidentView` in the Dispatcher library (the console shows the same); this renders it.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one incident now: demands, orders, chains, countdowns. Exit 0, 1 unknown.")

    @Argument(help: ArgumentHelp("The incident id.", valueName: "INCIDENT")) var incident: String
    @Flag(name: .long, help: "Print JSON for scripts.") var json = false
    @OptionGroup var options: ConfigOptions

    func run() throws {
        let county = try options.loadCounty(quietWarnings: true)
        let store = try StateAccess.open(county)
        guard let view = try StateAccess.reading({ try IncidentView.read(incidentID: incident, county: county, from: store) }) else {
            throw StateAccess.unknownIncident(incident, county: county)
        }
        let now = Date()
        if json {
            Terminal.print(JSONWriter.string(view.json(timeZone: county.settings.timeZone, now: now), pretty: true))
            return
        }
        let report = HumanFormat(county: county, now: now)
        let record = view.incident
        var out = texts(.showHeading, record.incidentID, record.title) + "\n"
        out += texts(.showFacts, texts.state(record.state) + (record.exercise ? " " + texts(.exercise) : ""), record.kind ?? "-",
                     record.level, record.responseLevel ?? "-") + "\n"
        out += texts(.showAreas, record.areas.map(report.areaName).joined(separator: ", ")) + "\n"
        out += "\n" + texts(.showDemands, "\(view.demands.count)") + "\n"
        var demands = TextTable(texts.columns(.columnRule, .columnDemand, .columnArea, .columnWant, .columnHave, .columnPending))
        for demand in view.demands {
            demands.add([demand.ruleID, texts.selector(demand.selector), report.areaName(demand.areaPath), "\(demand.wanted)", "\(demand.dispatched)",
                         demand.pending == 0 ? "-" : "\(demand.pending)"])
        }
        out += demands.render()
        out += "\n" + texts(.showOrders, "\(view.orders.count)", "\(view.openOrders.count)") + "\n"
        var orders = TextTable(texts.columns(.columnOrder, .columnTeam, .columnState, .columnStep, .columnNextDeadline, .columnIn))
        for order in view.orders {
            orders.add([order.orderID, county.team(id: order.teamID)?.name ?? order.teamID, texts.state(order.state),
                        order.step == 0 ? "-" : "\(order.step)", report.time(order.nextDeadline), report.countdown(order.nextDeadline)])
        }
        out += orders.render()
        Terminal.print(out)
    }
}

/// Opening the state read-only for `show`, `history` and `handover`: a failure is exit 1 with
/// the store's own error (what, where, what to do).
enum StateAccess {
    static func open(_ county: County) throws -> StateStore {
        do {
            return try StateStore.openReadOnly(directory: county.settings.state)
        } catch {
            Terminal.error(texts(.statusCannotRead, "\(error)"))
            throw ExitCode(1)
        }
    }

    /// Says that `incident` is not in the state, with the nearest open incident id, and
    /// returns exit 1 to throw.
    static func unknownIncident(_ incident: String, county: County) -> ExitCode {
        let known = (try? StateLookup.open(stateDirectory: county.settings.state)?.openIncidentIDs()) ?? nil
        Terminal.error(texts(.showUnknown, incident, CountyLookup.hint(incident, among: known ?? [])))
        return ExitCode(1)
    }

    static func reading<T>(_ read: () throws -> T) throws -> T {
        do {
            return try read()
        } catch {
            Terminal.error(texts(.statusCannotRead, "\(error)"))
            throw ExitCode(1)
        }
    }
}
