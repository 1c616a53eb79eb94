import Foundation
import GRDB
import Rules

/// One incident as it is now (SPEC §16, `dispatchd show`): its row, each demand (rule, what it
/// asks for, area, wanted, dispatched, pending) and its orders with the next deadline. Shared
/// by `dispatchd show` and the console; rendering is theirs.
///
/// Demands come from the incident's orders and pending demands; what a demand asks for is
/// read from the config's rule when the rule still exists, else from the pending row.
/// Manual orders (no rule) are a demand of their own (`manual`).
public struct IncidentView: Sendable {
    public struct Demand: Sendable {
        public var key: String
        public var ruleID: String
        public var selector: String
        public var areaPath: String
        public var wanted: Int
        /// Orders holding a team for it now.
        public var dispatched: Int
        /// Teams still missing (a pending demand waits for a team to free up).
        public var pending: Int
    }

    public var incident: IncidentRecord
    public var demands: [Demand]
    /// Every order of the incident, by issue time (open and closed).
    public var orders: [OrderRecord]

    public var openOrders: [OrderRecord] { orders.filter { $0.state.isOpen } }

    /// nil when the incident is unknown.
    public static func read(incidentID: String, county: County, from store: StateStore) throws -> IncidentView? {
        try store.database.read { db in
            guard let incident = try IncidentRecord.find(incidentID, in: db) else { return nil }
            return IncidentView(incident: incident, orders: try OrderRecord.forIncident(incidentID, in: db),
                                pending: try PendingDemandRecord.forIncident(incidentID, in: db), county: county)
        }
    }

    public init(incident: IncidentRecord, orders: [OrderRecord], pending: [PendingDemandRecord], county: County) {
        self.incident = incident
        self.orders = orders
        var keys: [String] = []
        for key in orders.map(\.demandKey) + pending.map(\.demandKey) where !keys.contains(key) { keys.append(key) }
        demands = keys.map { key in
            let own = orders.filter { $0.demandKey == key }
            let waiting = pending.first { $0.demandKey == key }
            let parsed = IncidentView.parse(key)
            let rule = parsed.flatMap { county.rule(id: $0.ruleID) }
            let mobilize = parsed.flatMap { parsed in rule.flatMap { parsed.index < $0.mobilize.count ? $0.mobilize[parsed.index] : nil } }
            let dispatched = own.filter { $0.state.isOpen || $0.state == .completed }.count
            let wanted = waiting?.requested ?? mobilize?.count ?? max(dispatched, 1)
            return Demand(key: key, ruleID: waiting?.ruleID ?? parsed?.ruleID ?? own.first?.ruleID ?? "-",
                          selector: waiting?.selector ?? mobilize.map { "\($0.selector)" } ?? "-",
                          areaPath: waiting?.areaPath ?? parsed?.area ?? own.first?.areaPath ?? "-",
                          wanted: wanted, dispatched: dispatched,
                          pending: waiting.map { max(0, $0.requested - $0.dispatched) } ?? 0)
        }
    }

    /// `rule#index@area` → its parts.
    static func parse(_ key: String) -> (ruleID: String, index: Int, area: String)? {
        guard let hash = key.firstIndex(of: "#"), let at = key[hash...].firstIndex(of: "@"),
              let index = Int(key[key.index(after: hash)..<at]) else { return nil }
        return (String(key[..<hash]), index, String(key[key.index(after: at)...]))
    }

    public func json(timeZone: TimeZone, now: Date) -> JSONValue {
        func time(_ date: Date?) -> JSONValue { date.map { .string(RFC3339.format($0, in: timeZone)) } ?? .null }
        return .object([
            ("incident_id", .string(incident.incidentID)), ("state", .string(incident.state.rawValue)),
            ("kind", .optional(incident.kind)), ("level", .string(incident.level)),
            ("response_level", .optional(incident.responseLevel)), ("exercise", .bool(incident.exercise)),
            ("title", .string(incident.title)), ("areas", .array(incident.areas.map { .string($0) })),
            ("first_sent", time(incident.firstSent)), ("expires", time(incident.expires)),
            ("demands", .array(demands.map { demand in
                .object([("demand", .string(demand.key)), ("rule_id", .string(demand.ruleID)), ("selector", .string(demand.selector)),
                         ("area", .string(demand.areaPath)), ("wanted", .number(demand.wanted)),
                         ("dispatched", .number(demand.dispatched)), ("pending", .number(demand.pending))])
            })),
            ("orders", .array(orders.map { order in
                .object([("order_id", .string(order.orderID)), ("team_id", .string(order.teamID)), ("rule_id", .string(order.ruleID)),
                         ("demand", .string(order.demandKey)), ("state", .string(order.state.rawValue)), ("step", .number(order.step)),
                         ("issued_at", time(order.issuedAt)), ("next_deadline", time(order.nextDeadline)),
                         ("seconds_to_deadline", order.nextDeadline.map { .number(Int($0.timeIntervalSince(now).rounded())) } ?? .null)])
            })),
        ])
    }
}
