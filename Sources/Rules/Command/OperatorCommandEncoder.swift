import Foundation

/// Writes an operator command file (SPEC §14), as the CLI and the console drop it into
/// `commands/`.
///
/// Keys in the order `command`, the command's own fields (as §14 lists them), `by`, `at`,
/// `note`, `via`; optional fields only when set; times in the given zone's offset; pretty
/// printed, ending with a newline. `OperatorCommandDecoder.decode` reads back exactly what
/// this writes (to the second for times).
public enum OperatorCommandEncoder {
    public static func encode(_ command: OperatorCommand, timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!) -> [UInt8] {
        JSONWriter.render(value(command, timeZone: timeZone), pretty: true) + [0x0A]
    }

    /// The command as a JSON object, in the file's key order (the history keeps it so).
    public static func value(_ command: OperatorCommand, timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!) -> JSONValue {
        var members: [(String, JSONValue)] = [("command", .string(command.kind.rawValue))]
        func add(_ key: String, _ text: String?) {
            if let text { members.append((key, .string(text))) }
        }
        switch command.action {
        case .cancel(let incident), .close(let incident):
            add("incident_id", incident)
        case .dispatch(let order):
            add("incident_id", order.incidentID)
            add("team_id", order.teamID)
            add("instructions", order.instructions)
            add("ack_within", order.ackWithin?.description)
            if let steps = order.escalate {
                members.append(("escalate", .array(steps.map { .object(["after": .string($0.after.description), "to": .string($0.to)]) })))
            }
            add("on_unacknowledged", order.onUnacknowledged?.rawValue)
        case .standdown(let order, let reason):
            add("order_id", order)
            add("reason", reason)
        case .reassign(let order, let team):
            add("order_id", order)
            add("team_id", team)
        case .team(let change):
            add("team_id", change.teamID)
            add("status", change.status.rawValue)
            add("reason", change.reason)
            add("until", change.until.map { RFC3339.format($0, in: timeZone) })
        case .duty(let change):
            add("post_id", change.postID)
            members.append(("on_duty", .array(change.onDuty.map { person in
                var fields: [(String, JSONValue)] = [("name", .string(person.name))]
                if let phone = person.phone { fields.append(("phone", .string(phone))) }
                return .object(fields)
            })))
        }
        add("by", command.by)
        add("at", RFC3339.format(command.at, in: timeZone))
        add("note", command.note)
        add("via", command.via)
        return .object(members)
    }

    /// A file name for the command that says what it is and is unique enough to never meet
    /// another drop in practice (`cmd-KIND-TARGET-MILLISECONDS.json`; the drop adds a suffix
    /// if it does). Characters outside `A-Za-z0-9._-` in the target become `_`.
    public static func fileName(for command: OperatorCommand) -> String {
        let target: String
        switch command.action {
        case .cancel(let incident), .close(let incident): target = incident
        case .dispatch(let order): target = order.incidentID + "-" + order.teamID
        case .standdown(let order, _), .reassign(let order, _): target = order
        case .team(let change): target = change.teamID
        case .duty(let change): target = change.postID
        }
        let safe = String(target.unicodeScalars.prefix(120).map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-".unicodeScalars.contains(scalar))
                ? Character(scalar) : "_"
        })
        let millis = Int64((command.at.timeIntervalSince1970 * 1000).rounded(.down))
        return "cmd-\(command.kind.rawValue)-\(safe)-\(millis).json"
    }
}
