import Foundation
import Rules

/// The figures of an incident's timeline (SPEC §16), computed from its events alone: times
/// from the first input to the first order, to the first accept, and to every demand
/// accepted; counts of escalations, reassigns and stand-downs; demands never filled.
///
/// A demand (`rule#index@area`) wants as many teams as its shortfall said it requested, else
/// as many as were first ordered for it; it is accepted when that many of its orders
/// (reassigned ones count for the demand they replaced) have an `accept` ack. A demand is
/// never filled when fewer orders were issued for it than it requested.
public struct TimelineFigures: Sendable, Equatable {
    public var toFirstOrder: Int?
    public var toFirstAccept: Int?
    /// nil while some demand has not been accepted.
    public var toEveryDemandAccepted: Int?
    public var demands: Int
    public var escalations: Int
    public var reassigns: Int
    public var standdowns: Int
    public var acceptedDemands: Int
    /// Demand keys with fewer orders issued than requested.
    public var neverFilled: [String]

    init(events: [IncidentTimeline.Event]) {
        toFirstOrder = events.first { $0.event == "order" || $0.event == "reassign" }?.sinceStart
        toFirstAccept = events.first { $0.event == "ack" && $0.detail("status") == "accept" }?.sinceStart
        escalations = events.filter { $0.event == "escalation" }.count
        reassigns = events.filter { $0.event == "reassign" }.count
        standdowns = events.filter { $0.event == "standdown" }.count
        var demandOfOrder: [String: String] = [:]
        var firstOrdered: [String: Int] = [:]
        var issued: [String: Int] = [:]
        var requested: [String: Int] = [:]
        var accepted: [String: Set<String>] = [:]
        var acceptedAt: [String: Int] = [:]
        var order: [String] = []
        for event in events {
            switch event.event {
            case "order", "reassign":
                guard let orderID = event.detail("order_id"), let demand = event.detail("demand") else { continue }
                demandOfOrder[orderID] = demand
                if issued[demand] == nil { order.append(demand) }
                issued[demand, default: 0] += 1
                if event.event == "order" { firstOrdered[demand, default: 0] += 1 }
            case "shortfall":
                guard let demand = event.detail("demand") else { continue }
                if issued[demand] == nil && requested[demand] == nil { order.append(demand) }
                requested[demand] = max(requested[demand] ?? 0, Int(event.detail("requested") ?? "") ?? 0)
            case "ack" where event.detail("status") == "accept":
                guard let orderID = event.detail("order_id"), let demand = demandOfOrder[orderID] else { continue }
                accepted[demand, default: []].insert(orderID)
                let wanted = requested[demand] ?? firstOrdered[demand] ?? 1
                if accepted[demand]!.count >= wanted, acceptedAt[demand] == nil { acceptedAt[demand] = event.sinceStart }
            default:
                continue
            }
        }
        demands = order.count
        acceptedDemands = order.filter { acceptedAt[$0] != nil }.count
        toEveryDemandAccepted = !order.isEmpty && acceptedDemands == order.count ? order.compactMap { acceptedAt[$0] }.max() : nil
        neverFilled = order.filter { (requested[$0] ?? 0) > (issued[$0] ?? 0) }
    }

    public func json() -> JSONValue {
        func seconds(_ value: Int?) -> JSONValue { value.map { .number($0) } ?? .null }
        return .object([
            ("to_first_order_seconds", seconds(toFirstOrder)), ("to_first_accept_seconds", seconds(toFirstAccept)),
            ("to_every_demand_accepted_seconds", seconds(toEveryDemandAccepted)),
            ("demands", .number(demands)), ("demands_accepted", .number(acceptedDemands)),
            ("escalations", .number(escalations)), ("reassigns", .number(reassigns)), ("standdowns", .number(standdowns)),
            ("demands_never_filled", .array(neverFilled.map { .string($0) })),
        ])
    }
}
