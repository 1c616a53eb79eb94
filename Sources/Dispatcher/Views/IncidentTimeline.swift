import Foundation
import GRDB
import Platform
import Rules

/// The after-action timeline of one incident (SPEC §16), read from the append-only history:
/// every event oldest first, with the time since the incident's first input, who (the person
/// named in the file, and the user name of the file's owner uid), and the event's details;
/// then the figures. Shared by `dispatchd history` and the console; rendering is theirs.
///
/// Invariants: built only from history rows (and the incident row for its existence), so it
/// shows what was recorded at the time, never today's config; unknown event names and detail
/// fields (added by later versions) are kept and shown as they are.
public struct IncidentTimeline: Sendable {
    public struct Event: Sendable {
        public var at: Date
        /// Seconds since the first event of the incident.
        public var sinceStart: Int
        /// The stable event name (`input`, `order`, `ack`, `escalation`, `command`, …).
        public var event: String
        /// The person named in the file (an ack's or a command's `by`), if any.
        public var by: String?
        /// The owner uid of the file behind the event, if recorded, and its user name.
        public var ownerUID: UInt32?
        public var ownerName: String?
        /// The other fields of the history row, in their recorded order.
        public var details: [JSONMember]
    }

    public var incidentID: String
    public var start: Date
    public var events: [Event]
    public var figures: TimelineFigures

    /// nil when the incident is unknown to the state.
    public static func read(incidentID: String, from store: StateStore) throws -> IncidentTimeline? {
        try store.database.read { db in
            guard try IncidentRecord.find(incidentID, in: db) != nil else { return nil }
            let rows = try OperatorStateReads.history(incidentID: incidentID, in: db)
            return IncidentTimeline(incidentID: incidentID, rows: rows, userName: LoginName.userName(uid:))
        }
    }

    /// Builds the timeline from history rows (oldest first); `userName` names owner uids.
    public init(incidentID: String, rows: [HistoryRecord], userName: (UInt32) -> String?) {
        self.incidentID = incidentID
        start = rows.first?.at ?? Date(timeIntervalSince1970: 0)
        var names: [UInt32: String?] = [:]
        let start = self.start
        events = IncidentTimeline.causeFirst(rows).map { row in
            let members = (try? JSONParser.parse(Array(row.detail.utf8)))?.objectMembers ?? []
            var by = row.by
            var uid = row.ownerUID
            var details: [JSONMember] = []
            for member in members {
                switch member.key {
                case "by": by = by ?? member.value.stringValue
                case "owner_uid": uid = uid ?? member.value.numberValue?.intValue.flatMap { UInt32(exactly: $0) }
                default: details.append(member)
                }
            }
            let ownerName = uid.flatMap { uid in names[uid] ?? { let name = userName(uid); names[uid] = name; return name }() }
            return Event(at: row.at, sinceStart: Int(row.at.timeIntervalSince(start).rounded()), event: row.event, by: by,
                         ownerUID: uid, ownerName: ownerName, details: details)
        }
        figures = TimelineFigures(events: events)
    }

    /// `{"incident_id", "events": [{"at", "since_start_seconds", "event", "by", "owner_uid", "owner", ...details}], "figures"}`.
    public func json(timeZone: TimeZone) -> JSONValue {
        .object([
            ("incident_id", .string(incidentID)),
            ("start", .string(RFC3339.format(start, in: timeZone))),
            ("events", .array(events.map { event in
                var members: [(String, JSONValue)] = [
                    ("at", .string(RFC3339.format(event.at, in: timeZone))), ("since_start_seconds", .number(event.sinceStart)),
                    ("event", .string(event.event)), ("by", .optional(event.by)),
                    ("owner_uid", event.ownerUID.map { .number(Int($0)) } ?? .null), ("owner", .optional(event.ownerName)),
                ]
                // A detail named like a top-level key (a command's own `at`) gets a `detail_` prefix.
                let taken = Set(members.map(\.0))
                members += event.details.map { (taken.contains($0.key) ? "detail_" + $0.key : $0.key, $0.value) }
                return .object(members)
            })),
            ("figures", figures.json()),
        ])
    }
}

extension IncidentTimeline {
    /// The engine records an input's row after the rows of its effects (same time, same
    /// transaction); the timeline shows the input first: each `input` row moves ahead of the
    /// rows with its time that follow the previous input.
    static func causeFirst(_ rows: [HistoryRecord]) -> [HistoryRecord] {
        var out: [HistoryRecord] = []
        var effects: [HistoryRecord] = []
        for row in rows {
            if let first = effects.first, first.at != row.at { out += effects; effects = [] }
            if row.event == "input" { out.append(row); out += effects; effects = [] } else { effects.append(row) }
        }
        return out + effects
    }
}

extension IncidentTimeline.Event {
    /// A detail field's text (strings as they are, other values as JSON).
    public func detail(_ key: String) -> String? {
        details.first { $0.key == key }.map { $0.value.stringValue ?? JSONWriter.string($0.value) }
    }
}
