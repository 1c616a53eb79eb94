import Foundation
import Rules

/// The `dispatchd status --json` document (SPEC §10), computed once for the CLI and for the
/// console's `GET /api/status` (SPEC §17): pure, from a `StatusSnapshot`, the county and a clock.
public struct StatusDocument {
    public let snapshot: StatusSnapshot
    public let county: County
    public let now: Date

    public init(snapshot: StatusSnapshot, county: County, now: Date) {
        self.snapshot = snapshot
        self.county = county
        self.now = now
    }

    func time(_ date: Date?) -> String { date.map { RFC3339.format($0, in: county.settings.timeZone) } ?? "-" }

    /// Every area of the county with its mode (SPEC §8): emergency at the highest response
    /// level announced for it or for an area above it, else peacetime. The state records only
    /// the areas incidents name; their descendants inherit.
    public func effectiveModes() -> [(area: Int, level: ResponseLevel?)] {
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

    public func json() -> JSONValue {
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
