import Foundation
import GRDB
import Rules

/// The handover report (交接班记录) of one duty post (SPEC §15): who is on duty since when;
/// for the post's area and below, the open incidents, the open orders by state with their
/// deadlines, the pending demands, the unavailable teams; and what happened since the last
/// handover. Shared by `dispatchd handover` and the console; rendering is theirs.
///
/// Scope: an incident is the post's when one of its areas is within the post's area or
/// contains it (a district-wide warning concerns every town's post); an order or a pending
/// demand when its incident is in scope and its area is within the post's area, or the post
/// is above the incident's area. "Since the last handover" is since the post's last `duty`
/// change when the state records one, else the last `fallbackWindow`.
public struct HandoverReport: Sendable {
    public var post: DutyPost
    /// Who is on duty now, and since when; empty when nobody has been set (the post's contact is used).
    public var onDuty: [Recipient]
    public var onDutySince: Date?
    public var since: Date
    public var incidents: [IncidentRecord]
    public var openOrders: [OrderRecord]
    public var pendingDemands: [PendingDemandRecord]
    public var unavailableTeams: [UnavailableTeam]
    /// History rows since `since` that concern the post: incidents opened, lifted, closed;
    /// escalations that reached it; acks.
    public var recent: [HistoryRecord]

    public struct UnavailableTeam: Sendable {
        public var teamID: String
        public var reason: String?
        public var until: Date?
        public init(teamID: String, reason: String?, until: Date?) {
            self.teamID = teamID
            self.reason = reason
            self.until = until
        }
    }

    /// What the live duty and team state says (from the daemon's state API where present).
    public struct LiveFacts: Sendable {
        public var onDuty: [Recipient] = []
        public var onDutySince: Date?
        public var unavailableTeams: [UnavailableTeam] = []
        public init(onDuty: [Recipient] = [], onDutySince: Date? = nil, unavailableTeams: [UnavailableTeam] = []) {
            self.onDuty = onDuty
            self.onDutySince = onDutySince
            self.unavailableTeams = unavailableTeams
        }
    }

    public static let fallbackWindow: TimeInterval = 12 * 3600
    static let recentEvents: Set<String> = ["input", "lifted", "closed", "escalation", "ack", "shortfall", "unacknowledged",
                                            "command", "duty", "team"]

    public static func read(post: DutyPost, county: County, live: LiveFacts, now: Date, from store: StateStore) throws -> HandoverReport {
        let since = live.onDutySince ?? now.addingTimeInterval(-fallbackWindow)
        return try store.database.read { db in
            let areas = county.areas
            func concerns(_ path: String) -> Bool {
                guard let index = areas.indexByPath[path] else { return false }
                return areas.contains(post.area, index) || areas.contains(index, post.area)
            }
            func within(_ path: String) -> Bool {
                guard let index = areas.indexByPath[path] else { return false }
                return areas.contains(post.area, index)
            }
            let incidents = try IncidentRecord.open(in: db).filter { $0.areas.contains(where: concerns) }
            let ids = Set(incidents.map(\.incidentID))
            let orders = try OrderRecord.allOpen(in: db).filter { ids.contains($0.incidentID) && concerns($0.areaPath) }
                .sorted { (OrderRecord.State.allCases.firstIndex(of: $0.state) ?? 0, $0.nextDeadline ?? .distantFuture, $0.orderID)
                    < (OrderRecord.State.allCases.firstIndex(of: $1.state) ?? 0, $1.nextDeadline ?? .distantFuture, $1.orderID) }
            let pending = try PendingDemandRecord.byUrgency(in: db).filter { ids.contains($0.incidentID) && concerns($0.areaPath) }
            let teamsInScope = Set(county.teams.filter { within(areas[$0.area].path) }.map(\.id))
            let rows = try HistoryRecord.filter(Column("at") >= since.timeIntervalSince1970).order(Column("id")).fetchAll(db)
            let known = try Set(IncidentRecord.fetchAll(db).filter { $0.areas.contains(where: concerns) }.map(\.incidentID))
            let recent = rows.filter { row in
                guard HandoverReport.recentEvents.contains(row.event) else { return false }
                let detail = try? JSONParser.parse(Array(row.detail.utf8))
                if row.event == "escalation" { return detail?["duty_post"]?.stringValue == post.id }
                if row.event == "duty" { return detail?["post_id"]?.stringValue == post.id }
                return known.contains(row.incidentID)
            }
            return HandoverReport(post: post, onDuty: live.onDuty, onDutySince: live.onDutySince, since: since,
                                  incidents: incidents, openOrders: orders, pendingDemands: pending,
                                  unavailableTeams: live.unavailableTeams.filter { teamsInScope.contains($0.teamID) },
                                  recent: recent)
        }
    }

    public func json(county: County, now: Date) -> JSONValue {
        let zone = county.settings.timeZone
        func time(_ date: Date?) -> JSONValue { date.map { .string(RFC3339.format($0, in: zone)) } ?? .null }
        return .object([
            ("post_id", .string(post.id)), ("post_name", .string(post.name)), ("area", .string(county.areas[post.area].path)),
            ("on_duty", .array(onDuty.map { .object([("name", .string($0.name)), ("phone", .optional($0.phone))]) })),
            ("on_duty_since", time(onDutySince)), ("since", time(since)),
            ("contact", post.contact.map { .object([("name", .string($0.name)), ("phone", .optional($0.phone))]) } ?? .null),
            ("incidents", .array(incidents.map { incident in
                .object([("incident_id", .string(incident.incidentID)), ("state", .string(incident.state.rawValue)),
                         ("kind", .optional(incident.kind)), ("level", .string(incident.level)),
                         ("response_level", .optional(incident.responseLevel)), ("title", .string(incident.title)),
                         ("areas", .array(incident.areas.map { .string($0) }))])
            })),
            ("orders", .array(openOrders.map { order in
                .object([("order_id", .string(order.orderID)), ("incident_id", .string(order.incidentID)),
                         ("team_id", .string(order.teamID)), ("state", .string(order.state.rawValue)), ("step", .number(order.step)),
                         ("next_deadline", time(order.nextDeadline)),
                         ("seconds_to_deadline", order.nextDeadline.map { .number(Int($0.timeIntervalSince(now).rounded())) } ?? .null)])
            })),
            ("pending_demands", .array(pendingDemands.map { demand in
                .object([("incident_id", .string(demand.incidentID)), ("demand", .string(demand.demandKey)),
                         ("selector", .string(demand.selector)), ("area", .string(demand.areaPath)),
                         ("requested", .number(demand.requested)), ("dispatched", .number(demand.dispatched)),
                         ("since", time(demand.since))])
            })),
            ("unavailable_teams", .array(unavailableTeams.map { team in
                .object([("team_id", .string(team.teamID)), ("reason", .optional(team.reason)), ("until", time(team.until))])
            })),
            ("since_last_handover", .array(recent.map { row in
                .object([("at", time(row.at)), ("incident_id", .string(row.incidentID)), ("event", .string(row.event)),
                         ("detail", (try? JSONParser.parse(Array(row.detail.utf8))) ?? .null)])
            })),
        ])
    }
}
