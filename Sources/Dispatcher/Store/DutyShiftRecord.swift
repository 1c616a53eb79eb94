import Foundation
import GRDB
import Rules

/// One row of `duty_shifts`: who is on duty at a duty post since when (SPEC §15), as the last
/// `duty` command set it. Messages to the post carry these persons as `recipients`; a post
/// without a row (or with an empty list) is reached through its configured `contact`.
public struct DutyShiftRecord: StoredRecord, PersistableRecord {
    public static let databaseTableName = "duty_shifts"

    public var postID: String
    /// JSON text `[{"name", "phone"}]`.
    public var onDutyJSON: String
    public var since: Date
    public var by: String
    public var ownerUID: UInt32?

    public init(postID: String, onDuty: [Recipient], since: Date, by: String, ownerUID: UInt32?) {
        self.postID = postID
        self.onDutyJSON = JSONWriter.string(MessageWriter.recipients(onDuty))
        self.since = since
        self.by = by
        self.ownerUID = ownerUID
    }

    enum CodingKeys: String, CodingKey {
        case postID = "post_id", onDutyJSON = "on_duty", since, by, ownerUID = "owner_uid"
    }

    /// The persons on duty.
    public var onDuty: [Recipient] { Self.decode(onDutyJSON) }

    static func decode(_ text: String) -> [Recipient] {
        guard let list = (try? JSONParser.parse(Array(text.utf8)))?.arrayValue else { return [] }
        return list.compactMap { person in
            person["name"]?.stringValue.map { Recipient(name: $0, phone: person["phone"]?.stringValue) }
        }
    }

    public static func find(_ postID: String, in db: Database) throws -> DutyShiftRecord? {
        try fetchOne(db.cachedStatement(sql: "SELECT * FROM duty_shifts WHERE post_id = ?"), arguments: [postID])
    }

    /// Every post with a shift set, by id.
    public static func all(in db: Database) throws -> [DutyShiftRecord] {
        try fetchAll(db.cachedStatement(sql: "SELECT * FROM duty_shifts ORDER BY post_id"))
    }
}
