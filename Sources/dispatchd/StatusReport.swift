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
        return seconds < 0 ? "overdue \(text)" : text
    }

    func areaName(_ path: String) -> String {
        county.areas.indexByPath[path].map { county.areas.fullName(of: $0) } ?? path
    }

    /// Every area with its mode (SPEC §8); see `StatusDocument.effectiveModes()`.
    func effectiveModes() -> [(area: Int, level: ResponseLevel?)] {
        StatusDocument(snapshot: snapshot, county: county, now: now).effectiveModes()
    }

    func text() -> String {
        var out = "Incidents (\(snapshot.incidents.count) open)\n"
        var incidents = TextTable(["INCIDENT", "STATE", "KIND", "LEVEL", "RESPONSE", "AREAS", "TITLE"])
        for incident in snapshot.incidents {
            incidents.add([incident.incidentID, incident.state.rawValue + (incident.exercise ? " (exercise)" : ""),
                           incident.kind ?? "-", incident.level, incident.responseLevel ?? "-",
                           incident.areas.map(areaName).joined(separator: ", "), incident.title])
        }
        out += incidents.render()
        out += "\nAreas in emergency mode (\(snapshot.areaModes.count))\n"
        var areas = TextTable(["AREA", "NAME", "RESPONSE", "POSTURE"])
        for mode in snapshot.areaModes {
            areas.add([mode.areaPath, areaName(mode.areaPath), mode.responseLevel ?? "-",
                       mode.response.flatMap { county.settings.postures[$0] } ?? "-"])
        }
        out += areas.render()
        out += "\nOpen orders (\(snapshot.openOrders.count))\n"
        var orders = TextTable(["ORDER", "TEAM", "STATE", "STEP", "NEXT DEADLINE", "IN"])
        for order in snapshot.openOrders {
            let team = county.team(id: order.teamID)?.name ?? order.teamID
            orders.add([order.orderID, team, order.state.rawValue, order.step == 0 ? "-" : "\(order.step)",
                        time(order.nextDeadline), countdown(order.nextDeadline)])
        }
        out += orders.render()
        if !snapshot.pendingDemands.isEmpty {
            out += "\nPending demands, most urgent first (\(snapshot.pendingDemands.count)): filled as soon as a team frees up\n"
            var pending = TextTable(["INCIDENT", "RULE", "DEMAND", "AREA", "HAVE", "WANT", "WAITING"])
            for demand in snapshot.pendingDemands {
                pending.add([demand.incidentID, demand.ruleID, demand.selector, areaName(demand.areaPath),
                             "\(demand.dispatched)", "\(demand.requested)", ConfigDuration(seconds: max(0, Int(now.timeIntervalSince(demand.since)))).description])
            }
            out += pending.render()
        }
        if snapshot.unpublishedMessages > 0 {
            out += "\n\(snapshot.unpublishedMessages) message(s) wait in the outbox (outgoing spool not writable?).\n"
        }
        return out
    }

    /// The `status --json` document, shared with the console's `/api/status` (SPEC §10, §17).
    func json() -> JSONValue { StatusDocument(snapshot: snapshot, county: county, now: now).json() }
}
