import Catalogue
import Dispatcher
import Foundation
import Rules

/// Renders `StatusSnapshot` as aligned tables or JSON (SPEC §10).
struct StatusReport {
    let snapshot: StatusSnapshot
    let county: County
    let now: Date

    func time(_ date: Date?) -> String { date.map { RFC3339.format($0, in: county.settings.timeZone) } ?? "-" }

    /// `4m05s`, or `overdue 12s`.
    func countdown(_ date: Date?) -> String {
        guard let date else { return "-" }
        let seconds = Int(date.timeIntervalSince(now).rounded())
        let text = ConfigDuration(seconds: abs(seconds)).description
        return seconds < 0 ? texts(.overdue, text) : text
    }

    func areaName(_ path: String) -> String {
        county.areas.indexByPath[path].map { county.areas.fullName(of: $0) } ?? path
    }

    /// Every area with its mode (SPEC §8); see `StatusDocument.effectiveModes()`.
    func effectiveModes() -> [(area: Int, level: ResponseLevel?)] {
        StatusDocument(snapshot: snapshot, county: county, now: now).effectiveModes()
    }

    func text() -> String {
        var out = texts(.statusIncidents, "\(snapshot.incidents.count)") + "\n"
        var incidents = TextTable(texts.columns(.columnIncident, .columnState, .columnKind, .columnLevel, .columnResponse, .columnAreas, .columnTitle))
        for incident in snapshot.incidents {
            incidents.add([incident.incidentID, texts.state(incident.state) + (incident.exercise ? " " + texts(.exercise) : ""),
                           incident.kind ?? "-", incident.level, incident.responseLevel ?? "-",
                           incident.areas.map(areaName).joined(separator: ", "), incident.title])
        }
        out += incidents.render()
        out += "\n" + texts(.statusAreas, "\(snapshot.areaModes.count)") + "\n"
        var areas = TextTable(texts.columns(.columnArea, .columnName, .columnResponse, .columnPosture))
        for mode in snapshot.areaModes {
            areas.add([mode.areaPath, areaName(mode.areaPath), mode.responseLevel ?? "-",
                       mode.response.flatMap { county.settings.postures[$0] } ?? "-"])
        }
        out += areas.render()
        out += "\n" + texts(.statusOrders, "\(snapshot.openOrders.count)") + "\n"
        var orders = TextTable(texts.columns(.columnOrder, .columnTeam, .columnState, .columnStep, .columnNextDeadline, .columnIn))
        for order in snapshot.openOrders {
            let team = county.team(id: order.teamID)?.name ?? order.teamID
            orders.add([order.orderID, team, texts.state(order.state), order.step == 0 ? "-" : "\(order.step)",
                        time(order.nextDeadline), countdown(order.nextDeadline)])
        }
        out += orders.render()
        if !snapshot.pendingDemands.isEmpty {
            out += "\n" + texts(.statusPending, "\(snapshot.pendingDemands.count)") + "\n"
            var pending = TextTable(texts.columns(.columnIncident, .columnRule, .columnDemand, .columnArea, .columnHave, .columnWant, .columnWaiting))
            for demand in snapshot.pendingDemands {
                pending.add([demand.incidentID, demand.ruleID, texts.selector(demand.selector), areaName(demand.areaPath),
                             "\(demand.dispatched)", "\(demand.requested)", ConfigDuration(seconds: max(0, Int(now.timeIntervalSince(demand.since)))).description])
            }
            out += pending.render()
        }
        if snapshot.unpublishedMessages > 0 {
            out += "\n" + texts(.statusOutbox, "\(snapshot.unpublishedMessages)") + "\n"
        }
        return out
    }

    /// `status --json` (SPEC §10): the document is the Dispatcher library's (`StatusDocument`),
    /// which the console serves too.
    func json() -> JSONValue { StatusDocument(snapshot: snapshot, county: county, now: now).json() }
}
