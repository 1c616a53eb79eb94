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

    /// Every area of the county with its mode (SPEC §8): emergency at the highest response
    /// level announced for it or for an area above it, else peacetime. The state records only
    /// the areas incidents name; their descendants inherit.
    func effectiveModes() -> [(area: Int, level: ResponseLevel?)] {
        var named: [String: ResponseLevel] = [:]
        for mode in snapshot.areaModes { if let level = mode.response { named[mode.areaPath] = level } }
        var levels = [ResponseLevel?](repeating: nil, count: county.areas.count)
        for index in 0..<county.areas.count {   // preorder: a parent's level is known before its children's
            let own = named[county.areas[index].path]
            let inherited = county.areas[index].parent.flatMap { levels[$0] }
            levels[index] = [own, inherited].compactMap { $0 }.max()
        }
        return levels.enumerated().map { ($0.offset, $0.element) }
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
                pending.add([demand.incidentID, demand.ruleID, demand.selector, areaName(demand.areaPath),
                             "\(demand.dispatched)", "\(demand.requested)", ConfigDuration(seconds: max(0, Int(now.timeIntervalSince(demand.since)))).description])
            }
            out += pending.render()
        }
        if snapshot.unpublishedMessages > 0 {
            out += "\n" + texts(.statusOutbox, "\(snapshot.unpublishedMessages)") + "\n"
        }
        return out
    }

    func json() -> JSONValue {
        .object([
            ("incidents", .array(snapshot.incidents.map { incident in
                .object([
                    ("incident_id", .string(incident.incidentID)),
                    ("state", .string(incident.state.rawValue)),
                    ("kind", .optional(incident.kind)),
                    ("level", .string(incident.level)),
                    ("response_level", .optional(incident.responseLevel)),
                    ("exercise", .bool(incident.exercise)),
                    ("areas", .array(incident.areas.map { .string($0) })),
                    ("title", .string(incident.title)),
                    ("expires", incident.expires.map { .string(time($0)) } ?? .null),
                ])
            })),
            ("areas", .array(effectiveModes().map { area, level in
                .object([("area", .string(county.areas[area].path)), ("area_name", .string(county.areas.fullName(of: area))),
                         ("mode", .string(level == nil ? "peacetime" : "emergency")),
                         ("response_level", .optional(level?.name))])
            })),
            ("orders", .array(snapshot.openOrders.map { order in
                .object([
                    ("order_id", .string(order.orderID)),
                    ("incident_id", .string(order.incidentID)),
                    ("team_id", .string(order.teamID)),
                    ("state", .string(order.state.rawValue)),
                    ("step", .number(order.step)),
                    ("next_deadline", order.nextDeadline.map { .string(time($0)) } ?? .null),
                    ("seconds_to_deadline", order.nextDeadline.map { .number(Int($0.timeIntervalSince(now).rounded())) } ?? .null),
                ])
            })),
            ("pending_demands", .array(snapshot.pendingDemands.map { demand in
                .object([
                    ("incident_id", .string(demand.incidentID)),
                    ("demand", .string(demand.demandKey)),
                    ("rule_id", .string(demand.ruleID)),
                    ("area", .string(demand.areaPath)),
                    ("selector", .string(demand.selector)),
                    ("requested", .number(demand.requested)),
                    ("dispatched", .number(demand.dispatched)),
                    ("since", .string(time(demand.since))),
                ])
            })),
            ("unpublished_messages", .number(snapshot.unpublishedMessages)),
        ])
    }
}
