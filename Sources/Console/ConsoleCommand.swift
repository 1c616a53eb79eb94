import Foundation
import Rules

/// The §14 operator commands the console drops, with their fields.
///
/// GAP: written here until issue-10-daemon's `OperatorCommand` encoder (command-api.md) is
/// merged; then `encode` becomes a call to that encoder and this type goes away.
public enum ConsoleCommand: Sendable, Equatable {
    case cancel(incidentID: String)
    case close(incidentID: String)
    case dispatch(incidentID: String, teamID: String, instructions: String?)
    case standdown(orderID: String, reason: String?)
    case reassign(orderID: String, teamID: String?)
    case team(teamID: String, available: Bool, reason: String?, until: Date?)
    case duty(postID: String, onDuty: [Recipient])

    public var name: String {
        switch self {
        case .cancel: "cancel"
        case .close: "close"
        case .dispatch: "dispatch"
        case .standdown: "standdown"
        case .reassign: "reassign"
        case .team: "team"
        case .duty: "duty"
        }
    }

    /// The role needed (SPEC §14: cancel and close are for commanders).
    public var requiredRole: ConsoleRole {
        switch self {
        case .cancel, .close: .commander
        default: .operator
        }
    }

    /// The id the file name carries (incident, order, team or post).
    public var subject: String {
        switch self {
        case .cancel(let id), .close(let id), .dispatch(let id, _, _): id
        case .standdown(let id, _), .reassign(let id, _): id
        case .team(let id, _, _, _): id
        case .duty(let id, _): id
        }
    }

    public func encode(by: String, at: Date, note: String?, timeZone: TimeZone) -> [UInt8] {
        var members: [(String, JSONValue)] = [("command", .string(name))]
        switch self {
        case .cancel(let id), .close(let id):
            members.append(("incident_id", .string(id)))
        case .dispatch(let incident, let team, let instructions):
            members += [("incident_id", .string(incident)), ("team_id", .string(team))]
            if let instructions { members.append(("instructions", .string(instructions))) }
        case .standdown(let order, let reason):
            members.append(("order_id", .string(order)))
            if let reason { members.append(("reason", .string(reason))) }
        case .reassign(let order, let team):
            members.append(("order_id", .string(order)))
            if let team { members.append(("team_id", .string(team))) }
        case .team(let team, let available, let reason, let until):
            members += [("team_id", .string(team)), ("status", .string(available ? "available" : "unavailable"))]
            if let reason { members.append(("reason", .string(reason))) }
            if let until { members.append(("until", .string(RFC3339.format(until, in: timeZone)))) }
        case .duty(let post, let onDuty):
            members += [("post_id", .string(post)),
                        ("on_duty", .array(onDuty.map { .object([("name", .string($0.name)), ("phone", .optional($0.phone))]) }))]
        }
        members += [("by", .string(by)), ("at", .string(RFC3339.format(at, in: timeZone)))]
        if let note { members.append(("note", .string(note))) }
        members.append(("via", .string("console")))
        return JSONWriter.render(.object(members), pretty: true) + [0x0A]
    }
}
