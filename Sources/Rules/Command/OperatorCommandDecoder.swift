/// Decodes an operator command file (SPEC §14) into an `OperatorCommand`.
///
/// Invariants: the document is one JSON object; `command` names one of §14's commands
/// (case-insensitive); `by` is a non-empty string and `at` an RFC 3339 time with offset;
/// `note` and `via` are optional strings; each command's ids are non-empty strings without
/// control characters; durations are config durations (`10m`, `1h30m`); unknown fields are
/// ignored and `null` means absent. Whether an id exists, or the command can apply, is for the
/// dispatch core to decide. Every refusal is an `InputError` at the offending value (line and
/// column) with a remedy.
public enum OperatorCommandDecoder {
    public static func decode(_ bytes: [UInt8]) throws(InputError) -> OperatorCommand {
        let root = try JSONParser.parse(bytes)
        let fields = try JSONFieldReader(root, name: "the command",
                                         remedy: "write the command as one JSON object (SPEC §14)")
        let kindNames = OperatorCommand.Kind.allCases.map(\.rawValue)
        let command = try fields.requiredString("command", remedy: "add `command`, one of \(kindNames.joined(separator: ", "))")
        guard let kind = OperatorCommand.Kind(rawValue: command.text.lowercased()) else {
            let hint = NearestName.suggestion(for: command.text, among: kindNames).map { "did you mean \"\($0)\"? " } ?? ""
            throw fields.error(at: command.value, "unknown command \"\(command.text)\"",
                               remedy: "\(hint)use one of \(kindNames.joined(separator: ", "))")
        }
        let action = try decodeAction(kind, fields)
        let by = try fields.requiredString("by", remedy: "add `by`, the name of the person giving the command").text
        let at = try fields.requiredTime("at").date
        return OperatorCommand(action, by: by, at: at,
                               note: try fields.optionalString("note"), via: try fields.optionalString("via", nonEmpty: true))
    }

    private static func decodeAction(_ kind: OperatorCommand.Kind, _ fields: JSONFieldReader) throws(InputError)
        -> OperatorCommand.Action {
        switch kind {
        case .cancel:
            return .cancel(incidentID: try fields.requiredIdentifier("incident_id", remedy: "add `incident_id`, the incident to cancel"))
        case .close:
            return .close(incidentID: try fields.requiredIdentifier("incident_id", remedy: "add `incident_id`, the incident to close"))
        case .dispatch:
            return .dispatch(try decodeDispatch(fields))
        case .standdown:
            return .standdown(orderID: try fields.requiredIdentifier("order_id", remedy: "add `order_id`, the order to stand down"),
                              reason: try fields.optionalString("reason"))
        case .reassign:
            return .reassign(orderID: try fields.requiredIdentifier("order_id", remedy: "add `order_id`, the order to reassign"),
                             teamID: try fields.optionalIdentifier("team_id"))
        case .team:
            return .team(try decodeTeam(fields))
        case .duty:
            return .duty(try decodeDuty(fields))
        }
    }

    private static func decodeDispatch(_ fields: JSONFieldReader) throws(InputError) -> ManualDispatch {
        let incident = try fields.requiredIdentifier("incident_id", remedy: "add `incident_id`, the incident the order is for")
        let team = try fields.requiredIdentifier("team_id", remedy: "add `team_id`, the team to dispatch")
        var dispatch = ManualDispatch(incidentID: incident, teamID: team,
                                      instructions: try fields.optionalString("instructions", nonEmpty: true))
        dispatch.ackWithin = try fields.optionalDuration("ack_within")
        if let steps = fields.value("escalate") {
            guard let elements = steps.arrayValue else {
                throw fields.wrongType("escalate", steps, expected: "a list of steps",
                                       remedy: #"write `escalate` like [{"after": "10m", "to": "town"}]"#)
            }
            var chain: [ManualEscalationStep] = []
            for element in elements {
                let step = try JSONFieldReader(element, name: "an `escalate` step",
                                               remedy: #"write each step as {"after": "10m", "to": "town"}"#)
                guard let after = try step.optionalDuration("after") else {
                    throw step.missing("after", remedy: #"add `after`, a duration such as "10m""#)
                }
                let to = try step.requiredIdentifier("to", remedy: "add `to`, an area level (town, district, …) or a duty post id")
                chain.append(ManualEscalationStep(after: after, to: to))
            }
            dispatch.escalate = chain
        }
        if let policy = try fields.optionalString("on_unacknowledged") {
            guard let parsed = OnUnacknowledged(rawValue: policy) else {
                throw fields.error(at: fields.value("on_unacknowledged")!, "unknown `on_unacknowledged` \"\(policy)\"",
                                   remedy: "use reassign or report")
            }
            dispatch.onUnacknowledged = parsed
        }
        return dispatch
    }

    private static func decodeTeam(_ fields: JSONFieldReader) throws(InputError) -> TeamAvailability {
        let team = try fields.requiredIdentifier("team_id", remedy: "add `team_id`, the team whose availability changes")
        let names = TeamAvailability.Status.allCases.map(\.rawValue)
        let status = try fields.requiredString("status", remedy: "add `status`, available or unavailable")
        guard let parsed = TeamAvailability.Status(rawValue: status.text.lowercased()) else {
            let hint = NearestName.suggestion(for: status.text, among: names).map { "did you mean \"\($0)\"? " } ?? ""
            throw fields.error(at: status.value, "unknown `status` \"\(status.text)\"", remedy: "\(hint)use available or unavailable")
        }
        let until = try fields.optionalTime("until")
        if until != nil, parsed == .available, let value = fields.value("until") {
            throw fields.error(at: value, "`until` is given for a team made available",
                               remedy: "leave `until` out, or use status unavailable with `until` the time it returns")
        }
        return TeamAvailability(teamID: team, status: parsed, reason: try fields.optionalString("reason"), until: until?.date)
    }

    private static func decodeDuty(_ fields: JSONFieldReader) throws(InputError) -> DutyChange {
        let post = try fields.requiredIdentifier("post_id", remedy: "add `post_id`, the duty post taking the new shift")
        let remedy = #"write `on_duty` like [{"name": "李强", "phone": "13800000000"}]"#
        guard let list = fields.value("on_duty") else { throw fields.missing("on_duty", remedy: remedy) }
        guard let elements = list.arrayValue else {
            throw fields.wrongType("on_duty", list, expected: "a list of persons", remedy: remedy)
        }
        var persons: [Recipient] = []
        for element in elements {
            let person = try JSONFieldReader(element, name: "an `on_duty` person", remedy: remedy)
            let name = try person.requiredString("name", remedy: "add `name`, the person on duty").text
            persons.append(Recipient(name: name, phone: try person.optionalString("phone", nonEmpty: true)))
        }
        return DutyChange(postID: post, onDuty: persons)
    }
}

extension JSONFieldReader {
    /// An identifier member, or nil when absent.
    func optionalIdentifier(_ key: String) throws(InputError) -> String? {
        guard has(key) else { return nil }
        return try requiredIdentifier(key, remedy: "give `\(key)` a value, or leave it out")
    }

    /// A config duration written as a string (`"10m"`, `"1h30m"`), or nil when absent.
    func optionalDuration(_ key: String) throws(InputError) -> ConfigDuration? {
        guard let value = value(key) else { return nil }
        let remedy = "write `\(key)` as a duration such as \"90s\", \"10m\" or \"1h30m\""
        guard let text = value.stringValue else { throw wrongType(key, value, expected: "a duration string", remedy: remedy) }
        guard let duration = ConfigDuration(text: text), duration.seconds > 0 else {
            throw error(at: value, "`\(key)` \"\(text)\" is not a duration", remedy: remedy)
        }
        return duration
    }
}
