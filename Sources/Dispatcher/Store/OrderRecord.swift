import Foundation
import GRDB

/// One row of `orders`: one instruction to one team for one incident, with its escalation
/// chain position (SPEC §7).
///
/// `nextDeadline` is the absolute UTC time of the next escalation step (or chain exhaustion);
/// nil when the order waits for nothing. The daemon re-arms its timers from these deadlines at
/// start-up (read through `OrderStartupRows`, only the columns it needs), so no timer is lost
/// across a restart.
public struct OrderRecord: StoredRecord, PersistableRecord {
    public enum State: String, Codable, Sendable, CaseIterable {
        case issued, escalated, accepted, arrived, completed, declined
        case stoodDown = "stood_down"
        case unacknowledged

        /// States that hold a unit of the team's capacity (SPEC §5).
        public static let open: [State] = [.issued, .escalated, .accepted, .arrived]
        public var isOpen: Bool { State.open.contains(self) }
    }

    /// Which answer the escalation chain is waiting for.
    public enum Chain: String, Codable, Sendable { case ack, arrive }

    public static let databaseTableName = "orders"

    public var orderID: String
    public var incidentID: String
    public var teamID: String
    public var ruleID: String
    /// `DemandKey.description`: `rule#index@area`.
    public var demandKey: String
    public var areaPath: String
    public var state: State
    public var exercise: Bool
    /// Escalation steps fired so far (0 before the first).
    public var step: Int
    public var issuedAt: Date
    public var acceptedAt: Date?
    public var arrivedAt: Date?
    public var closedAt: Date?
    public var chain: Chain
    /// The chain's start deadline S (SPEC §7 timing).
    public var chainStart: Date
    public var nextDeadline: Date?
    public var replacesOrderID: String?
    /// JSON text: what the order was issued with (team data, rule, resolved chain).
    public var snapshot: String

    public init(orderID: String, incidentID: String, teamID: String, ruleID: String, demandKey: String, areaPath: String,
                state: State = .issued, exercise: Bool = false, step: Int = 0, issuedAt: Date, acceptedAt: Date? = nil,
                arrivedAt: Date? = nil, closedAt: Date? = nil, chain: Chain = .ack, chainStart: Date, nextDeadline: Date?,
                replacesOrderID: String? = nil, snapshot: String = "{}") {
        self.orderID = orderID
        self.incidentID = incidentID
        self.teamID = teamID
        self.ruleID = ruleID
        self.demandKey = demandKey
        self.areaPath = areaPath
        self.state = state
        self.exercise = exercise
        self.step = step
        self.issuedAt = issuedAt
        self.acceptedAt = acceptedAt
        self.arrivedAt = arrivedAt
        self.closedAt = closedAt
        self.chain = chain
        self.chainStart = chainStart
        self.nextDeadline = nextDeadline
        self.replacesOrderID = replacesOrderID
        self.snapshot = snapshot
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id", incidentID = "incident_id", teamID = "team_id", ruleID = "rule_id"
        case demandKey = "demand_key", areaPath = "area_path", state, exercise, step
        case issuedAt = "issued_at", acceptedAt = "accepted_at", arrivedAt = "arrived_at", closedAt = "closed_at"
        case chain, chainStart = "chain_start", nextDeadline = "next_deadline"
        case replacesOrderID = "replaces_order_id", snapshot
    }

    /// The columns by hand, in `CodingKeys`' names and `StoredRecord`'s forms.
    public func encode(to container: inout PersistenceContainer) {
        container["order_id"] = orderID
        container["incident_id"] = incidentID
        container["team_id"] = teamID
        container["rule_id"] = ruleID
        container["demand_key"] = demandKey
        container["area_path"] = areaPath
        container["state"] = state.rawValue
        container["exercise"] = exercise
        container["step"] = step
        container["issued_at"] = issuedAt.timeIntervalSince1970
        container["accepted_at"] = acceptedAt?.timeIntervalSince1970
        container["arrived_at"] = arrivedAt?.timeIntervalSince1970
        container["closed_at"] = closedAt?.timeIntervalSince1970
        container["chain"] = chain.rawValue
        container["chain_start"] = chainStart.timeIntervalSince1970
        container["next_deadline"] = nextDeadline?.timeIntervalSince1970
        container["replaces_order_id"] = replacesOrderID
        container["snapshot"] = snapshot
    }

    private static var openStates: [String] { State.open.map(\.rawValue) }

    public static func find(_ orderID: String, in db: Database) throws -> OrderRecord? {
        try fetchOne(db.cachedStatement(sql: "SELECT * FROM orders WHERE order_id = ?"), arguments: [orderID])
    }

    /// Every order of one incident, by issue time.
    public static func forIncident(_ incidentID: String, in db: Database) throws -> [OrderRecord] {
        try fetchAll(db.cachedStatement(sql: "SELECT * FROM orders WHERE incident_id = ? ORDER BY issued_at, order_id"),
                     arguments: [incidentID])
    }

    /// Every open order, by issue time (for occupancy and `status`).
    public static func allOpen(in db: Database) throws -> [OrderRecord] {
        try filter(openStates.contains(Column("state"))).order(Column("issued_at"), Column("order_id")).fetchAll(db)
    }
}
