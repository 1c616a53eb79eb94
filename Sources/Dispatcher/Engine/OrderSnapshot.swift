import Foundation
import Rules

/// What an order was issued with, frozen in `orders.snapshot` (SPEC §4 "every order keeps what
/// it was issued with"): the team as it was, the rule's timing, the escalation chain resolved
/// to concrete duty posts. A reload or restart with a config that lost the team, rule, duty
/// post or area therefore never breaks an open order: escalation keeps working from here.
struct OrderSnapshot: Codable, Sendable, Equatable {
    struct TeamData: Codable, Sendable, Equatable {
        var id: String
        var name: String
        var kind: String
        var area: String
        var recipients: [Recipient]
    }

    struct ChainStep: Codable, Sendable, Equatable {
        var step: Int
        /// The rule's `after`, in seconds from the order's issue (or accept, for arrival).
        var after: Int
        var dutyPostID: String
        var dutyPostName: String
        var recipients: [Recipient]
    }

    var team: TeamData
    var ruleID: String
    var responseLevel: String?
    /// `capability NAME` or `kind NAME`, as `Demand.Selector` describes itself.
    var demand: String
    /// The incident area the demand searched from, its full Chinese name, and the ring.
    var area: String
    var areaName: String
    var ring: Int
    var ackWithin: Int
    var arriveWithin: Int?
    var onUnacknowledged: OnUnacknowledged
    var chain: [ChainStep]
    var instructions: String
    /// The order's own ack deadline (issue time + `ack_within`), for messages.
    var ackDeadline: Date

    /// Reads what `encoded()` writes (and what earlier versions wrote with `JSONEncoder`: the same
    /// keys and forms), through the same JSON layer (`JSONParser` here, `JSONWriter` there): one
    /// codec both ways. (`Codable` stays for `OrderSnapshotTests`, which hold both to `JSONEncoder`.)
    static func decode(_ text: String) -> OrderSnapshot? {
        guard let json = try? JSONParser.parse(Array(text.utf8)) else { return nil }
        return OrderSnapshot(json: json)
    }

    fileprivate static func int(_ value: JSONValue?) -> Int? { value?.doubleValue.flatMap { Int(exactly: $0) } }

    fileprivate static func recipients(_ value: JSONValue?) -> [Recipient]? {
        guard let array = value?.arrayValue else { return nil }
        var recipients: [Recipient] = []
        for item in array {
            guard let name = item["name"]?.stringValue else { return nil }
            recipients.append(Recipient(name: name, phone: item["phone"]?.stringValue))
        }
        return recipients
    }

    /// The snapshot's JSON text, written by hand (`JSONEncoder` cost about 4 % of a burst's CPU)
    /// in the form `JSONEncoder` gave it and `decode` reads: the property names as keys, sorted;
    /// nil optionals left out; dates as seconds since 1970.
    func encoded() -> String {
        var members: [(String, JSONValue)] = [
            ("ackDeadline", .number(ackDeadline.timeIntervalSince1970)),
            ("ackWithin", .number(ackWithin)),
            ("area", .string(area)),
            ("areaName", .string(areaName)),
        ]
        if let arriveWithin { members.append(("arriveWithin", .number(arriveWithin))) }
        members += [
            ("chain", .array(chain.map { step in
                .object([("after", .number(step.after)), ("dutyPostID", .string(step.dutyPostID)),
                         ("dutyPostName", .string(step.dutyPostName)),
                         ("recipients", Self.json(step.recipients)), ("step", .number(step.step))])
            })),
            ("demand", .string(demand)),
            ("instructions", .string(instructions)),
            ("onUnacknowledged", .string(onUnacknowledged.rawValue)),
        ]
        if let responseLevel { members.append(("responseLevel", .string(responseLevel))) }
        members += [
            ("ring", .number(ring)),
            ("ruleID", .string(ruleID)),
            ("team", .object([("area", .string(team.area)), ("id", .string(team.id)), ("kind", .string(team.kind)),
                              ("name", .string(team.name)), ("recipients", Self.json(team.recipients))])),
        ]
        return JSONWriter.string(.object(members))
    }

    private static func json(_ recipients: [Recipient]) -> JSONValue {
        .array(recipients.map { recipient in
            .object([("name", .string(recipient.name))] + (recipient.phone.map { [("phone", .string($0))] } ?? []))
        })
    }
}

extension OnUnacknowledged: Codable {}

extension OrderSnapshot {
    fileprivate init?(json: JSONValue) {
        guard let teamJSON = json["team"], let team = TeamData(json: teamJSON),
              let ruleID = json["ruleID"]?.stringValue, let demand = json["demand"]?.stringValue,
              let area = json["area"]?.stringValue, let areaName = json["areaName"]?.stringValue,
              let ring = Self.int(json["ring"]), let ackWithin = Self.int(json["ackWithin"]),
              let onUnacknowledged = json["onUnacknowledged"]?.stringValue.flatMap(OnUnacknowledged.init(rawValue:)),
              let chainJSON = json["chain"]?.arrayValue, let instructions = json["instructions"]?.stringValue,
              let ackDeadline = json["ackDeadline"]?.doubleValue else { return nil }
        var chain: [ChainStep] = []
        for stepJSON in chainJSON {
            guard let step = Self.int(stepJSON["step"]), let after = Self.int(stepJSON["after"]),
                  let dutyPostID = stepJSON["dutyPostID"]?.stringValue, let dutyPostName = stepJSON["dutyPostName"]?.stringValue,
                  let recipients = Self.recipients(stepJSON["recipients"]) else { return nil }
            chain.append(ChainStep(step: step, after: after, dutyPostID: dutyPostID, dutyPostName: dutyPostName,
                                   recipients: recipients))
        }
        self.init(team: team, ruleID: ruleID, responseLevel: json["responseLevel"]?.stringValue, demand: demand,
                  area: area, areaName: areaName, ring: ring, ackWithin: ackWithin,
                  arriveWithin: Self.int(json["arriveWithin"]), onUnacknowledged: onUnacknowledged, chain: chain,
                  instructions: instructions, ackDeadline: Date(timeIntervalSince1970: ackDeadline))
    }
}

extension OrderSnapshot.TeamData {
    fileprivate init?(json: JSONValue) {
        guard let id = json["id"]?.stringValue, let name = json["name"]?.stringValue, let kind = json["kind"]?.stringValue,
              let area = json["area"]?.stringValue, let recipients = OrderSnapshot.recipients(json["recipients"]) else { return nil }
        self.init(id: id, name: name, kind: kind, area: area, recipients: recipients)
    }
}
