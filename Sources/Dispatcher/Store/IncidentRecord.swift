import Foundation
import GRDB
import Rules

/// One row of `incidents`: the current state of one incident (its history is in `history`).
public struct IncidentRecord: StoredRecord, PersistableRecord {
    public enum State: String, Codable, Sendable, CaseIterable { case active, lifted, closed }
    public enum Format: String, Codable, Sendable { case json, cap }

    public static let databaseTableName = "incidents"

    public var incidentID: String
    /// nil when the input matched no configured kind.
    public var kind: String?
    /// Warning level name (`white` … `red`).
    public var level: String
    public var state: State
    public var exercise: Bool
    public var title: String
    /// The `description` column (the incident text).
    public var incidentDescription: String
    /// Area paths the incident covers (JSON text in the database).
    public var areas: [String]
    public var locationLat: Double?
    public var locationLon: Double?
    public var firstSent: Date
    public var lastSent: Date
    public var expires: Date?
    /// Response level name (`IV` … `I`), nil when no rule matched.
    public var responseLevel: String?
    public var format: Format
    public var capSender: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(incidentID: String, kind: String?, level: WarningLevel, state: State = .active, exercise: Bool = false,
                title: String = "", description: String = "", areas: [String], location: GeoPoint? = nil,
                firstSent: Date, lastSent: Date, expires: Date? = nil, responseLevel: ResponseLevel? = nil,
                format: Format, capSender: String? = nil, createdAt: Date, updatedAt: Date) {
        self.incidentID = incidentID
        self.kind = kind
        self.level = level.name
        self.state = state
        self.exercise = exercise
        self.title = title
        self.incidentDescription = description
        self.areas = areas
        self.locationLat = location?.lat
        self.locationLon = location?.lon
        self.firstSent = firstSent
        self.lastSent = lastSent
        self.expires = expires
        self.responseLevel = responseLevel?.name
        self.format = format
        self.capSender = capSender
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case incidentID = "incident_id", kind, level, state, exercise, title, incidentDescription = "description", areas
        case locationLat = "location_lat", locationLon = "location_lon"
        case firstSent = "first_sent", lastSent = "last_sent", expires
        case responseLevel = "response_level", format, capSender = "cap_sender"
        case createdAt = "created_at", updatedAt = "updated_at"
    }

    /// The columns by hand, in `CodingKeys`' names and `StoredRecord`'s forms (`areas` as a JSON array).
    public func encode(to container: inout PersistenceContainer) {
        container["incident_id"] = incidentID
        container["kind"] = kind
        container["level"] = level
        container["state"] = state.rawValue
        container["exercise"] = exercise
        container["title"] = title
        container["description"] = incidentDescription
        container["areas"] = JSONWriter.string(.array(areas.map(JSONValue.string)))
        container["location_lat"] = locationLat
        container["location_lon"] = locationLon
        container["first_sent"] = firstSent.timeIntervalSince1970
        container["last_sent"] = lastSent.timeIntervalSince1970
        container["expires"] = expires?.timeIntervalSince1970
        container["response_level"] = responseLevel
        container["format"] = format.rawValue
        container["cap_sender"] = capSender
        container["created_at"] = createdAt.timeIntervalSince1970
        container["updated_at"] = updatedAt.timeIntervalSince1970
    }

    public var warningLevel: WarningLevel? { WarningLevel(name: level) }
    public var response: ResponseLevel? { responseLevel.flatMap(ResponseLevel.init(name:)) }
    public var location: GeoPoint? {
        guard let locationLat, let locationLon else { return nil }
        return GeoPoint(lat: locationLat, lon: locationLon)
    }

    public static func find(_ incidentID: String, in db: Database) throws -> IncidentRecord? {
        try fetchOne(db.cachedStatement(sql: "SELECT * FROM incidents WHERE incident_id = ?"), arguments: [incidentID])
    }

    /// Incidents that are `active` or `lifted`, by id.
    public static func open(in db: Database) throws -> [IncidentRecord] {
        try filter(Column("state") != State.closed.rawValue).order(Column("incident_id")).fetchAll(db)
    }
}
