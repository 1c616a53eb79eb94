import GRDB

/// The `meta` key-value table: small facts about the state (the outbox SEQ counter, the hash
/// of the config last in force, …). Values are text.

public enum Meta {
    public static func value(_ key: String, in db: Database) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM meta WHERE key = ?"), arguments: [key])
    }

    public static func setValue(_ value: String, for key: String, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .execute(arguments: [key, value])
    }
}
