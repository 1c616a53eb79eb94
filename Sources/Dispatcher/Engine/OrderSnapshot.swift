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

    static func decode(_ text: String) -> OrderSnapshot? {
        try? JSONDecoder().decode(OrderSnapshot.self, from: Data(text.utf8))
    }

    func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

extension OnUnacknowledged: Codable {}
