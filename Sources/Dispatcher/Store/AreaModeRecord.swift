import GRDB
import Rules

/// One row of `area_modes`: the mode an area was last announced in (SPEC §8). Areas absent
/// from the table are in peacetime.
public struct AreaModeRecord: StoredRecord, PersistableRecord {
    public enum Mode: String, Codable, Sendable { case peacetime, emergency }

    public static let databaseTableName = "area_modes"

    public var areaPath: String
    public var mode: Mode
    /// Response level name (`IV` … `I`); nil in peacetime.
    public var responseLevel: String?

    public init(areaPath: String, mode: Mode, responseLevel: ResponseLevel?) {
        self.areaPath = areaPath
        self.mode = mode
        self.responseLevel = responseLevel?.name
    }

    enum CodingKeys: String, CodingKey {
        case areaPath = "area_path", mode, responseLevel = "response_level"
    }

    public var response: ResponseLevel? { responseLevel.flatMap(ResponseLevel.init(name:)) }

    public static func find(_ areaPath: String, in db: Database) throws -> AreaModeRecord? {
        try fetchOne(db.cachedStatement(sql: "SELECT * FROM area_modes WHERE area_path = ?"), arguments: [areaPath])
    }

    /// Every recorded area, by path.
    public static func all(in db: Database) throws -> [AreaModeRecord] {
        try order(Column("area_path")).fetchAll(db)
    }

    /// Inserts or replaces the row for this area.
    public func save(in db: Database) throws {
        try upsert(db)
    }
}
