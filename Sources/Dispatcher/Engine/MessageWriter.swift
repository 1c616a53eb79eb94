import Foundation
import GRDB
import Rules

/// Renders outgoing messages (SPEC §6) and appends them to the outbox inside the caller's
/// transaction. Every message starts with the common fields in a fixed order: `type`, `seq`,
/// `message_id`, `incident_id`, `issued_at`, `exercise`, `recipients`; then its own fields.
struct MessageWriter {
    var timeZone: TimeZone

    func time(_ date: Date) -> JSONValue { .string(RFC3339.format(date, in: timeZone)) }
    func time(_ date: Date?) -> JSONValue { date.map(time) ?? .null }

    static func recipients(_ list: [Recipient]) -> JSONValue {
        .array(list.map { .object(["name": .string($0.name), "phone": .optional($0.phone)]) })
    }

    /// Appends one message; returns its SEQ.
    @discardableResult
    func append(_ type: OutgoingMessage.MessageType, id: String, incidentID: String, exercise: Bool,
                recipients: [Recipient], issuedAt: Date, fields: [(String, JSONValue)], in db: Database) throws -> Int64 {
        try Outbox.append(type: type, id: id, incidentID: incidentID, in: db) { seq, messageID in
            var members: [(String, JSONValue)] = [
                ("type", .string(type.rawValue)),
                ("seq", .number(Int(seq))),
                ("message_id", .string(messageID.uuidString.lowercased())),
                ("incident_id", .string(incidentID)),
                ("issued_at", time(issuedAt)),
                ("exercise", .bool(exercise)),
                ("recipients", MessageWriter.recipients(recipients)),
            ]
            members.append(contentsOf: fields)
            return JSONWriter.render(.object(members), pretty: true) + [0x0A]
        }
    }

    /// The fields an `order` (and a `reassign`) carries for one order.
    func orderFields(_ order: OrderRecord, _ snapshot: OrderSnapshot, incident: IncidentRecord) -> [(String, JSONValue)] {
        [
            ("order_id", .string(order.orderID)),
            ("team_id", .string(snapshot.team.id)),
            ("team_name", .string(snapshot.team.name)),
            ("rule_id", .string(snapshot.ruleID)),
            ("response_level", .optional(snapshot.responseLevel)),
            ("area", .string(snapshot.area)),
            ("area_name", .string(snapshot.areaName)),
            ("ack_deadline", time(snapshot.ackDeadline)),
            ("instructions", .string(snapshot.instructions)),
            ("incident_title", .string(incident.title)),
            ("kind", .optional(incident.kind)),
            ("level", .string(incident.level)),
            ("demand", .string(snapshot.demand)),
            ("ring", .number(snapshot.ring)),
            ("escalation", .array(snapshot.chain.map { step in
                .object([
                    ("step", .number(step.step)),
                    ("at", time(order.issuedAt.addingTimeInterval(TimeInterval(step.after)))),
                    ("duty_post", .string(step.dutyPostID)),
                    ("duty_post_name", .string(step.dutyPostName)),
                ])
            })),
        ]
    }
}
