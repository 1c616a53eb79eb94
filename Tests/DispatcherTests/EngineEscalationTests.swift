import Foundation
import Rules
import Testing
@testable import Dispatcher

/// Acknowledgements and escalation on virtual time (SPEC §7).
@Suite struct EngineEscalationTests {
    /// The drill rule: ack_within 20s, steps at 20s (town) and 40s (district), report.
    func drill(_ engine: EngineHarness) throws -> OrderRecord {
        try engine.submit(incidentJSON(id: "DRILL-1", kind: "drill", level: "blue", area: "gaoming/yanghe/shishui"))
        return try #require(try engine.orders().first)
    }

    @Test func unansweredOrderEscalatesStepByStepThenRunsOut() throws {
        let engine = try EngineHarness()
        let order = try drill(engine)
        #expect(order.nextDeadline == engine.now.addingTimeInterval(20))

        try engine.advance(by: 19)
        #expect(try engine.messages(ofType: "escalation").isEmpty, "never early")
        try engine.advance(by: 1)
        let first = try #require(try engine.messages(ofType: "escalation").first)
        #expect(first["step"]?.numberValue?.intValue == 1)
        #expect(first["duty_post"]?.stringValue == "yanghe-duty")
        #expect(first["recipients"]?.arrayValue?.first?["phone"]?.stringValue == "0757-88800002")
        #expect(first["ack_deadline"]?.stringValue == RFC3339.format(engine.now.addingTimeInterval(20), in: TimeZone(identifier: "Asia/Shanghai")!))

        try engine.advance(by: 20)
        let second = try #require(try engine.messages(ofType: "escalation").last)
        #expect(second["step"]?.numberValue?.intValue == 2)
        #expect(second["duty_post"]?.stringValue == "gaoming-emergency")
        #expect(second["ack_deadline"]?.isNull == true)
        #expect(try engine.orders().first?.state == .escalated)

        // Exhausted at S + after(last) = issue + 20s + 40s.
        try engine.advance(by: 19)
        #expect(try engine.messages(ofType: "unacknowledged").isEmpty)
        try engine.advance(by: 1)
        let unacknowledged = try #require(try engine.messages(ofType: "unacknowledged").first)
        #expect(unacknowledged["steps"]?.numberValue?.intValue == 2)
        #expect(try engine.orders().first?.state == .unacknowledged)
        #expect(try engine.messages(ofType: "reassign").isEmpty, "the drill rule reports, it does not reassign")
        #expect(engine.logs.entries.contains { $0.level == .critical })
    }

    @Test func acceptStopsEscalation() throws {
        let engine = try EngineHarness()
        let order = try drill(engine)
        try engine.advance(by: 5)
        try engine.ack(order.orderID, .accept)
        try engine.advance(by: 600)
        #expect(try engine.messages(ofType: "escalation").isEmpty)
        #expect(try engine.orders().first?.state == .accepted)
        #expect(try engine.orders().first?.nextDeadline == nil)
    }

    @Test func repeatedAckIsIdempotentAndUnknownOrderIsRejected() throws {
        let engine = try EngineHarness()
        let order = try drill(engine)
        try engine.ack(order.orderID, .accept)
        let count = try engine.messages().count
        try engine.ack(order.orderID, .accept)
        #expect(try engine.messages().count == count)
        #expect(try engine.orders().first?.state == .accepted)
        let unknown = try engine.ack("NO-SUCH-ORDER", .accept)
        guard case .rejected(let error) = unknown else { Issue.record("unknown order accepted"); return }
        #expect(error.message.contains("NO-SUCH-ORDER"))
    }

    @Test func declineReassignsToTheNextTeam() throws {
        let engine = try EngineHarness()
        try engine.submit(incidentJSON())
        // typhoon-readiness: one grid worker of 杨和镇; three grids there, at most two busy.
        let gridOrder = try #require(try engine.orders().first { $0.ruleID == "typhoon-readiness" })
        try engine.ack(gridOrder.orderID, .decline)
        let reassign = try #require(try engine.messages(ofType: "reassign").first)
        #expect(reassign["replaces_order_id"]?.stringValue == gridOrder.orderID)
        #expect(reassign["reason"]?.stringValue == "declined")
        #expect(reassign["team_id"]?.stringValue != gridOrder.teamID)
        #expect(reassign["rule_id"]?.stringValue == "typhoon-readiness")
        for field in ["order_id", "team_name", "ack_deadline", "instructions", "area_name"] {
            #expect(reassign[field] != nil, "reassign lacks \(field)")
        }
        #expect(try engine.orders().first { $0.orderID == gridOrder.orderID }?.state == .declined)
    }

    @Test func declineWithNoTeamLeftReportsAShortfall() throws {
        let engine = try EngineHarness()
        try engine.submit(incidentJSON())
        // typhoon-cadres wants the cadres of 杨和镇 (within: town); there is only one group.
        let cadreOrder = try #require(try engine.orders().first { $0.teamID == "yanghe-cadres" })
        try engine.ack(cadreOrder.orderID, .decline)
        #expect(try engine.messages(ofType: "reassign").isEmpty)
        let shortfall = try #require(try engine.messages(ofType: "shortfall").first)
        #expect(shortfall["rule_id"]?.stringValue == "typhoon-cadres")
        #expect(shortfall["kind"]?.stringValue == "cadre")
        #expect(shortfall["requested"]?.numberValue?.intValue == 1)
        #expect(shortfall["dispatched"]?.numberValue?.intValue == 0)
        #expect(shortfall["duty_post"]?.stringValue == "yanghe-duty")
    }

    @Test func exhaustedChainWithReassignPicksAnotherTeam() throws {
        let engine = try EngineHarness()
        try engine.submit(incidentJSON())
        // typhoon-evacuation asks one water crew; two exist. ack 10m, last step 20m, reassign:
        // exhausted at 10m + 20m.
        let crewOrder = try #require(try engine.orders().first { $0.teamID.hasPrefix("water-works") })
        try engine.advance(by: 30 * 60 - 1)
        #expect(try engine.messages(ofType: "reassign").isEmpty)
        try engine.advance(by: 1)
        let reassign = try #require(try engine.messages(ofType: "reassign").first { $0["replaces_order_id"]?.stringValue == crewOrder.orderID })
        #expect(reassign["reason"]?.stringValue == "unacknowledged")
        #expect(reassign["team_id"]?.stringValue?.hasPrefix("water-works") == true)
        #expect(reassign["team_id"]?.stringValue != crewOrder.teamID)
    }

    @Test func afterDowntimeOnlyTheLatestDueStepFiresAndSkippedAreNamed() throws {
        let engine = try EngineHarness()
        _ = try drill(engine)
        try engine.restart(at: engine.now.addingTimeInterval(45))
        let escalations = try engine.messages(ofType: "escalation")
        #expect(escalations.count == 1)
        #expect(escalations.first?["step"]?.numberValue?.intValue == 2)
        #expect(escalations.first?["skipped_steps"]?.arrayValue?.compactMap { $0.numberValue?.intValue } == [1])
        #expect(engine.logs.entries.contains { $0.message == "order escalated late" })
        // The next deadline keeps its time: exhaustion at issue + 60s.
        try engine.advance(by: 14)
        #expect(try engine.messages(ofType: "unacknowledged").isEmpty)
        try engine.advance(by: 1)
        #expect(try engine.messages(ofType: "unacknowledged").count == 1)
    }

    /// Issue 6: a wall-clock jump backwards never fires a deadline early; it stays armed at
    /// its absolute time. (Forward jumps: `afterDowntimeOnlyTheLatestDueStepFiresAndSkippedAreNamed`.)
    @Test func aBackwardClockJumpNeverFiresEarlyAndLosesNothing() throws {
        let engine = try EngineHarness()
        let order = try drill(engine)
        let deadline = try #require(order.nextDeadline)
        let timer = EngineEffects.orderTimer(order.orderID)
        engine.now = engine.now.addingTimeInterval(-3600)
        try engine.fire(timer)
        #expect(try engine.messages(ofType: "escalation").isEmpty, "nothing fires early")
        #expect(engine.timers[timer] == deadline, "re-armed for the same absolute deadline")
        #expect(try engine.orders().first?.nextDeadline == deadline)
        try engine.advance(to: deadline)
        #expect(try engine.messages(ofType: "escalation").count == 1, "and it fires once, on time")
    }

    @Test func arrivalChainStartsAtAccept() throws {
        let engine = try EngineHarness()
        try engine.submit(incidentJSON())
        // typhoon-evacuation has arrive_within 1h.
        let order = try #require(try engine.orders().first { $0.ruleID == "typhoon-evacuation" })
        try engine.ack(order.orderID, .accept)
        let accepted = try #require(try engine.orders().first { $0.orderID == order.orderID })
        #expect(accepted.chain == .arrive)
        #expect(accepted.nextDeadline == engine.now.addingTimeInterval(3600))
        try engine.ack(order.orderID, .arrived)
        #expect(try engine.orders().first { $0.orderID == order.orderID }?.nextDeadline == nil)
    }
}
