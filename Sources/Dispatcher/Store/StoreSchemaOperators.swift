import GRDB

/// Migration v3 (issue 10, SPEC §14–§16): the operators' state and a richer history.
///
/// - `team_status`: the teams an operator made unavailable (a row only while unavailable),
///   with the reason, the optional `until`, who and when.
/// - `duty_shifts`: who is on duty at each post (a row once a `duty` command set it).
/// - `demand_waivers`: per incident demand, how many orders an operator stood down; they count
///   as serving the demand, so it is not refilled (SPEC §14 `standdown`).
/// - `history` is rebuilt (SQLite cannot relax NOT NULL in place) with nullable `incident_id`
///   and new columns `team_id`, `post_id` (events of a team or a duty post, such as a
///   handover), `"by"`, `owner_uid` and `via` (who did it). Old rows keep their ids, order and
///   content; the new columns are NULL for them. It stays append-only (triggers recreated).
enum StoreSchemaOperators {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE team_status (
                team_id TEXT PRIMARY KEY NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('unavailable')),
                reason TEXT,
                until REAL,
                since REAL NOT NULL,
                "by" TEXT NOT NULL,
                owner_uid INTEGER
            );
            CREATE TABLE duty_shifts (
                post_id TEXT PRIMARY KEY NOT NULL,
                on_duty TEXT NOT NULL DEFAULT '[]',
                since REAL NOT NULL,
                "by" TEXT NOT NULL,
                owner_uid INTEGER
            );
            CREATE TABLE demand_waivers (
                incident_id TEXT NOT NULL REFERENCES incidents(incident_id),
                demand_key TEXT NOT NULL,
                waived INTEGER NOT NULL,
                PRIMARY KEY (incident_id, demand_key)
            );

            DROP TRIGGER history_no_update;
            DROP TRIGGER history_no_delete;
            CREATE TABLE history_v3 (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                incident_id TEXT,
                team_id TEXT,
                post_id TEXT,
                at REAL NOT NULL,
                event TEXT NOT NULL,
                "by" TEXT,
                owner_uid INTEGER,
                via TEXT,
                detail TEXT NOT NULL DEFAULT '{}'
            );
            INSERT INTO history_v3 (id, incident_id, at, event, detail)
                SELECT id, incident_id, at, event, detail FROM history ORDER BY id;
            DROP TABLE history;
            ALTER TABLE history_v3 RENAME TO history;
            CREATE INDEX history_by_incident ON history(incident_id, id);
            CREATE INDEX history_by_post ON history(post_id, id) WHERE post_id IS NOT NULL;
            CREATE INDEX history_by_team ON history(team_id, id) WHERE team_id IS NOT NULL;
            CREATE INDEX history_by_time ON history(at);
            """)
        for operation in ["UPDATE", "DELETE"] {
            try db.execute(sql: """
                CREATE TRIGGER history_no_\(operation.lowercased()) BEFORE \(operation) ON history
                BEGIN SELECT RAISE(ABORT, 'history is append-only'); END
                """)
        }
    }
}
