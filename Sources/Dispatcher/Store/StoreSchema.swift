import GRDB

/// The schema of `dispatchd.sqlite`, as an ordered list of `DatabaseMigrator` migrations.
///
/// Invariants:
/// - Times are UTC, stored as REAL unix seconds everywhere (`*_at`, `*_sent`, `expires`,
///   `chain_start`, `next_deadline`).
/// - `inputs` and `history` are append-only (triggers refuse UPDATE and DELETE): they are the
///   after-action record (SPEC §9).
/// - `meta.next_seq` is the next outbox SEQ; it only grows, in the same transaction as the
///   outbox row that takes it, so SEQs are gapless and in commit order (SPEC §6).
/// - A migration, once released, is never edited: a change is a new migration appended here.
struct StoreSchema: Sendable {
    var migrator: DatabaseMigrator

    /// Identifiers this binary knows, in order.
    var identifiers: [String] { migrator.migrations }

    static let current = through(nil)

    /// The released migrations, in order.
    private static let migrations: [(String, @Sendable (Database) throws -> Void)] = [
        ("v1", createVersion1),
        ("v2-pending-demands", createPendingDemands),
        ("v3-operators", StoreSchemaOperators.migrate),
    ]

    /// The schema up to and including migration `last` (nil: all of them); tests use an
    /// earlier one to stand for an older dispatchd.
    static func through(_ last: String?) -> StoreSchema {
        var migrator = DatabaseMigrator()
        for (identifier, migrate) in migrations {
            migrator.registerMigration(identifier, migrate: migrate)
            if identifier == last { break }
        }
        return StoreSchema(migrator: migrator)
    }

    /// A schema with one more migration after these (tests use it to stand for a newer
    /// dispatchd).
    func adding(_ identifier: String, _ migrate: @escaping @Sendable (Database) throws -> Void) -> StoreSchema {
        var migrator = self.migrator
        migrator.registerMigration(identifier, migrate: migrate)
        return StoreSchema(migrator: migrator)
    }

    /// v2: demands that could not be filled wait here until a team frees up (issue 4).
    private static func createPendingDemands(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE pending_demands (
                incident_id TEXT NOT NULL REFERENCES incidents(incident_id),
                demand_key TEXT NOT NULL,
                rule_id TEXT NOT NULL,
                area_path TEXT NOT NULL,
                selector TEXT NOT NULL,
                requested INTEGER NOT NULL,
                dispatched INTEGER NOT NULL,
                urgency INTEGER NOT NULL,
                since REAL NOT NULL,
                PRIMARY KEY (incident_id, demand_key)
            );
            CREATE INDEX pending_demands_by_urgency ON pending_demands(urgency DESC, since, incident_id, demand_key);
            """)
    }

    private static func createVersion1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE incidents (
                incident_id TEXT PRIMARY KEY NOT NULL,
                kind TEXT,
                level TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('active', 'lifted', 'closed')),
                exercise INTEGER NOT NULL DEFAULT 0,
                title TEXT NOT NULL DEFAULT '',
                description TEXT NOT NULL DEFAULT '',
                areas TEXT NOT NULL DEFAULT '[]',
                location_lat REAL,
                location_lon REAL,
                first_sent REAL NOT NULL,
                last_sent REAL NOT NULL,
                expires REAL,
                response_level TEXT,
                format TEXT NOT NULL CHECK (format IN ('json', 'cap')),
                cap_sender TEXT,
                created_at REAL NOT NULL,
                updated_at REAL NOT NULL
            );
            CREATE INDEX incidents_by_state ON incidents(state);

            CREATE TABLE inputs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                input_key TEXT,
                sha256 TEXT NOT NULL,
                size INTEGER NOT NULL,
                owner_uid INTEGER,
                file_name TEXT NOT NULL,
                received_at REAL NOT NULL,
                incident_id TEXT,
                outcome TEXT NOT NULL
                    CHECK (outcome IN ('applied', 'duplicate', 'stale', 'ignored', 'conflict', 'rejected')),
                detail TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX inputs_by_key ON inputs(input_key);
            CREATE INDEX inputs_by_incident ON inputs(incident_id);

            CREATE TABLE orders (
                order_id TEXT PRIMARY KEY NOT NULL,
                incident_id TEXT NOT NULL REFERENCES incidents(incident_id),
                team_id TEXT NOT NULL,
                rule_id TEXT NOT NULL,
                demand_key TEXT NOT NULL,
                area_path TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('issued', 'escalated', 'accepted', 'arrived',
                    'completed', 'declined', 'stood_down', 'unacknowledged')),
                exercise INTEGER NOT NULL DEFAULT 0,
                step INTEGER NOT NULL DEFAULT 0,
                issued_at REAL NOT NULL,
                accepted_at REAL,
                arrived_at REAL,
                closed_at REAL,
                chain TEXT NOT NULL CHECK (chain IN ('ack', 'arrive')),
                chain_start REAL NOT NULL,
                next_deadline REAL,
                replaces_order_id TEXT REFERENCES orders(order_id),
                snapshot TEXT NOT NULL DEFAULT '{}'
            );
            CREATE INDEX orders_by_deadline ON orders(next_deadline);
            CREATE INDEX orders_by_team_state ON orders(team_id, state);
            CREATE INDEX orders_by_incident ON orders(incident_id);

            CREATE TABLE acks (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                order_id TEXT NOT NULL REFERENCES orders(order_id),
                status TEXT NOT NULL CHECK (status IN ('accept', 'decline', 'arrived', 'complete')),
                "by" TEXT NOT NULL,
                at REAL,
                note TEXT NOT NULL DEFAULT '',
                owner_uid INTEGER,
                received_at REAL NOT NULL,
                file_name TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                effect TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX acks_by_order ON acks(order_id);

            CREATE TABLE area_modes (
                area_path TEXT PRIMARY KEY NOT NULL,
                mode TEXT NOT NULL CHECK (mode IN ('peacetime', 'emergency')),
                response_level TEXT
            );

            CREATE TABLE history (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                incident_id TEXT NOT NULL,
                at REAL NOT NULL,
                event TEXT NOT NULL,
                detail TEXT NOT NULL DEFAULT '{}'
            );
            CREATE INDEX history_by_incident ON history(incident_id, id);

            CREATE TABLE meta (
                key TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL
            );
            INSERT INTO meta (key, value) VALUES ('next_seq', '1');

            CREATE TABLE outbox (
                seq INTEGER PRIMARY KEY NOT NULL,
                type TEXT NOT NULL,
                object_id TEXT NOT NULL,
                incident_id TEXT NOT NULL,
                message_id TEXT NOT NULL UNIQUE,
                file_name TEXT NOT NULL UNIQUE,
                body BLOB NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('pending', 'staged', 'published')),
                appended_at REAL NOT NULL,
                staged_at REAL,
                published_at REAL
            );
            CREATE INDEX outbox_unpublished ON outbox(state, seq) WHERE state <> 'published';
            CREATE INDEX outbox_by_incident ON outbox(incident_id);
            """)
        for table in ["inputs", "history"] {
            for operation in ["UPDATE", "DELETE"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_no_\(operation.lowercased()) BEFORE \(operation) ON \(table)
                    BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END
                    """)
            }
        }
    }
}
