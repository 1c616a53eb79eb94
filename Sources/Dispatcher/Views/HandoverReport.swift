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
        public var since: Date
        public var by: String
    }

    /// Without a recorded handover, "since the last handover" is the last 12 hours.
    public static let fallbackWindow: TimeInterval = 12 * 3600
    static let incidentEvents: Set<String> = ["lifted", "closed", "ack", "shortfall", "unacknowledged", "command", "reassign",
                                              "standdown"]

    public static func read(post: DutyPost, county: County, now: Date, from store: StateStore) throws -> HandoverReport {
        try store.database.read { db in
            let areas = county.areas
            func concerns(_ path: String) -> Bool {
                guard let index = areas.indexByPath[path] else { return false }
                return areas.contains(post.area, index) || areas.contains(index, post.area)
            }
            func within(_ area: Int) -> Bool { areas.contains(post.area, area) }
            let duty = try OperatorStateReads.onDuty(at: post, in: db)
            let since = try OperatorStateReads.lastHandover(postID: post.id, in: db)?.at ?? now.addingTimeInterval(-fallbackWindow)
            let incidents = try IncidentRecord.open(in: db).filter { $0.areas.contains(where: concerns) }
            let ids = Set(incidents.map(\.incidentID))
            let stateOrder = OrderRecord.State.allCases
            let orders = try OrderRecord.allOpen(in: db).filter { ids.contains($0.incidentID) && concerns($0.areaPath) }
                .sorted { (stateOrder.firstIndex(of: $0.state) ?? 0, $0.nextDeadline ?? .distantFuture, $0.orderID)
                    < (stateOrder.firstIndex(of: $1.state) ?? 0, $1.nextDeadline ?? .distantFuture, $1.orderID) }
            let pending = try OperatorStateReads.pendingDemands(in: db).filter { ids.contains($0.incidentID) && concerns($0.areaPath) }
            let teamsInScope = Set(county.teams.filter { within($0.area) }.map(\.id))
            let unavailable = try OperatorStateReads.unavailableTeams(in: db).filter { teamsInScope.contains($0.teamID) }
                .map { UnavailableTeam(teamID: $0.teamID, reason: $0.reason, until: $0.until, since: $0.since, by: $0.by) }
            let known = try Set(IncidentRecord.fetchAll(db).filter { $0.areas.contains(where: concerns) }.map(\.incidentID))
            var opened: Set<String> = []
            let recent = try OperatorStateReads.history(since: since, in: db).filter { row in
                let detail = try? JSONParser.parse(Array(row.detail.utf8))
                switch row.event {
                case "escalation": return detail?["duty_post"]?.stringValue == post.id
                case "handover": return row.postID == post.id
                case "team_unavailable", "team_available": return row.teamID.map(teamsInScope.contains) ?? false
                case "input":
                    // The incident's first input is its opening; later inputs show through their effects.
                    guard let id = row.incidentID, known.contains(id), !opened.contains(id) else { return false }
                    opened.insert(id)
                    return try OperatorStateReads.history(incidentID: id, in: db).first { $0.event == "input" }?.id == row.id
                default:
                    return HandoverReport.incidentEvents.contains(row.event) && row.incidentID.map(known.contains) ?? false
                }
            }
            return HandoverReport(post: post, onDuty: duty.isContact ? [] : duty.persons, onDutySince: duty.since, since: since,
                                  incidents: incidents, openOrders: orders, pendingDemands: pending, unavailableTeams: unavailable,
                                  recent: recent)
        }
    }

    public func json(county: County, now: Date) -> JSONValue {
        let zone = county.settings.timeZone
        func time(_ date: Date?) -> JSONValue { date.map { .string(RFC3339.format($0, in: zone)) } ?? .null }
        func person(_ recipient: Recipient) -> JSONValue { .object([("name", .string(recipient.name)), ("phone", .optional(recipient.phone))]) }
        let incidentRows: [JSONValue] = incidents.map { incident in
            .object([("incident_id", .string(incident.incidentID)), ("state", .string(incident.state.rawValue)),
                     ("kind", .optional(incident.kind)), ("level", .string(incident.level)),
                     ("response_level", .optional(incident.responseLevel)), ("title", .string(incident.title)),
                     ("areas", .array(incident.areas.map { .string($0) }))])
        }
        let orderRows: [JSONValue] = openOrders.map { order in
            let seconds: JSONValue = order.nextDeadline.map { .number(Int($0.timeIntervalSince(now).rounded())) } ?? .null
            return .object([("order_id", .string(order.orderID)), ("incident_id", .string(order.incidentID)),
                            ("team_id", .string(order.teamID)), ("state", .string(order.state.rawValue)), ("step", .number(order.step)),
                            ("next_deadline", time(order.nextDeadline)), ("seconds_to_deadline", seconds)])
        }
        let pendingRows: [JSONValue] = pendingDemands.map { demand in
            .object([("incident_id", .string(demand.incidentID)), ("demand", .string(demand.demandKey)),
                     ("selector", .string(demand.selector)), ("area", .string(demand.areaPath)),
                     ("requested", .number(demand.requested)), ("dispatched", .number(demand.dispatched)), ("since", time(demand.since))])
        }
        let teamRows: [JSONValue] = unavailableTeams.map { team in
            .object([("team_id", .string(team.teamID)), ("reason", .optional(team.reason)), ("until", time(team.until)),
                     ("since", time(team.since)), ("by", .string(team.by))])
        }
        let recentRows: [JSONValue] = recent.map { row in
            .object([("at", time(row.at)), ("incident_id", .optional(row.incidentID)), ("team_id", .optional(row.teamID)),
                     ("post_id", .optional(row.postID)), ("event", .string(row.event)), ("by", .optional(row.by)),
                     ("detail", (try? JSONParser.parse(Array(row.detail.utf8))) ?? .null)])
        }
        let contact: JSONValue = post.contact.map(person) ?? .null
        return .object([
            ("post_id", .string(post.id)), ("post_name", .string(post.name)), ("area", .string(county.areas[post.area].path)),
            ("on_duty", .array(onDuty.map(person))), ("on_duty_since", time(onDutySince)), ("since_last_handover", time(since)),
            ("contact", contact), ("incidents", .array(incidentRows)), ("orders", .array(orderRows)),
            ("pending_demands", .array(pendingRows)), ("unavailable_teams", .array(teamRows)), ("events", .array(recentRows)),
        ])
    }
}
