import Foundation
import GRDB
import Rules
import Testing
@testable import Dispatcher

/// Operator commands (SPEC §14) in the real core over a real database, on virtual time.
@Suite struct EngineCommandTests {
    /// A blue typhoon at 石水村: `typhoon-readiness` asks one notification team within the village.
    static let blue = incidentJSON(id: "GM-C-1", level: "blue", area: "gaoming/yanghe/shishui")

    private func rejection(_ outcome: InputOutcome) -> String? {
        if case .rejected(let error) = outcome { return error.message }
        return nil
    }

    private func history(_ harness: EngineHarness, _ incidentID: String) throws -> [HistoryRecord] {
        try harness.store.database.read { db in try HistoryRecord.forIncident(incidentID, in: db) }
    }

    @Test func standdownSendsReasonOperatorWithTheNoteAndTheDemandIsNotRefilled() throws {
        let harness = try EngineHarness()
        try harness.submit(Self.blue)
        let first = try #require(harness.orders().first)
        let outcome = try harness.command(.standdown(orderID: first.orderID, reason: "道路中断"), uid: 4321)
        #expect(!outcome.isRejected, "\(outcome)")
        let standdown = try #require(harness.messages(ofType: "standdown").last)
        #expect(standdown["reason"]?.stringValue == "operator")
        #expect(standdown["note"]?.stringValue == "道路中断")
        // An update of the same incident re-plans it: the waived demand stays as it is.
        try harness.submit(incidentJSON(id: "GM-C-1", msgType: "update", level: "blue", area: "gaoming/yanghe/shishui",
                                        sent: "2024-09-06T08:30:00+08:00"), name: "update.json")
        #expect(try harness.orders().count == 1)
        let command = try #require(history(harness, "GM-C-1").first { $0.kind == .command })
        #expect(command.by == "王强" && command.ownerUID == 4321 && command.via == "cli")
        #expect(command.detail.contains(#""command":"standdown""#))
        // Again: the order is closed now.
        let again = try harness.command(.standdown(orderID: first.orderID, reason: nil))
        #expect(rejection(again)?.contains("already stood_down") == true)
    }

    @Test func reassignToANamedTeamAndToTheNextCandidate() throws {
        let harness = try EngineHarness()
        try harness.submit(Self.blue)
        let first = try #require(harness.orders().first)
        let outcome = try harness.command(.reassign(orderID: first.orderID, teamID: nil))
        #expect(!outcome.isRejected, "\(outcome)")
        let orders = try harness.orders()
        #expect(orders.count == 2)
        #expect(orders[0].state == .stoodDown)
        #expect(orders[1].teamID != first.teamID && orders[1].demandKey == first.demandKey)
        #expect(try harness.messages(ofType: "standdown").last?["reason"]?.stringValue == "reassigned")
        let reassign = try #require(harness.messages(ofType: "reassign").last)
        #expect(reassign["reason"]?.stringValue == "operator")
        #expect(reassign["replaces_order_id"]?.stringValue == first.orderID)

        // The village has two notification teams: with both reassigned away, nobody is left,
        // and the first is not picked back when the second frees up.
        let noneLeft = try harness.command(.reassign(orderID: orders[1].orderID, teamID: nil))
        #expect(!noneLeft.isRejected, "\(noneLeft)")
        #expect(try harness.orders().count == 2)
        #expect(try harness.messages(ofType: "shortfall").last?["incident_id"]?.stringValue == "GM-C-1")
        #expect(try harness.store.database.read { db in try OperatorStateReads.pendingDemands(in: db) }.count == 1)
        try harness.submit(incidentJSON(id: "GM-C-1", msgType: "update", level: "blue", area: "gaoming/yanghe/shishui",
                                        sent: "2024-09-06T08:30:00+08:00"), name: "update.json")
        #expect(try harness.orders().count == 2, "a re-plan does not pick a team reassigned away")
        let dispatch = try harness.command(.dispatch(ManualDispatch(incidentID: "GM-C-1", teamID: "yanghe-militia")))
        #expect(!dispatch.isRejected, "\(dispatch)")
        let manual = try #require(harness.orders().last)
        let named = try harness.command(.reassign(orderID: manual.orderID, teamID: "yanghe-cadres"))
        #expect(!named.isRejected, "\(named)")
        #expect(try harness.orders().last?.teamID == "yanghe-cadres")
        #expect(try harness.orders().last?.isManual == true, "a manual order reassigned stays manual")
        let back = try harness.command(.reassign(orderID: "GM-C-1-o4", teamID: "yanghe-militia"))
        #expect(rejection(back) == nil, "naming a team is the operator's choice, even one reassigned away")
        _ = orders
    }

    @Test func reassignToANamedTeamNeedsAKnownTeam() throws {
        let harness = try EngineHarness()
        try harness.submit(Self.blue)
        let orders = try harness.orders()
        let named = try harness.command(.reassign(orderID: orders[0].orderID, teamID: "yanghe-militia"))
        #expect(!named.isRejected, "\(named)")
        #expect(try harness.orders().last?.teamID == "yanghe-militia")
        #expect(rejection(try harness.command(.reassign(orderID: "GM-C-1-o2", teamID: "no-such-team")))?.contains("no team") == true)
        #expect(rejection(try harness.command(.reassign(orderID: "nope", teamID: nil)))?.contains("no order 'nope'") == true)
    }

    @Test func manualDispatchHasNoRuleTheDefaultChainAndCountsCapacity() throws {
        let harness = try EngineHarness()
        try harness.submit(Self.blue)
        let outcome = try harness.command(.dispatch(ManualDispatch(incidentID: "GM-C-1", teamID: "yanghe-militia",
                                                                    instructions: "立即前往石水村加固堤围")), by: "李强")
        #expect(!outcome.isRejected, "\(outcome)")
        let order = try #require(harness.messages(ofType: "order").last)
        #expect(order["rule_id"] == .null)
        #expect(order["dispatched_by"]?.stringValue == "李强")
        #expect(order["team_id"]?.stringValue == "yanghe-militia")
        #expect(order["instructions"]?.stringValue == "立即前往石水村加固堤围")
        // The standard manual chain: town (10m) then district (20m).
        #expect(order["escalation"]?.arrayValue?.compactMap { $0["duty_post"]?.stringValue } == ["yanghe-duty", "gaoming-emergency"])
        let manual = try #require(harness.orders().last)
        #expect(manual.isManual)
        // Capacity 1 is used: a second manual order for it on another incident is refused.
        try harness.submit(incidentJSON(id: "GM-C-2", level: "blue", area: "gaoming/yanghe/hedong"), name: "b.json")
        let full = try harness.command(.dispatch(ManualDispatch(incidentID: "GM-C-2", teamID: "yanghe-militia")))
        #expect(rejection(full)?.contains("no free capacity") == true)
        // An update re-plans GM-C-1 but never stands the manual order down.
        try harness.submit(incidentJSON(id: "GM-C-1", msgType: "update", level: "blue", area: "gaoming/yanghe/shishui",
                                        sent: "2024-09-06T08:30:00+08:00"), name: "update.json")
        #expect(try harness.orders().first { $0.orderID == manual.orderID }?.state == .issued)
        // It escalates like any order, to the town duty room after 10 minutes.
        try harness.advance(by: 601)
        #expect(try harness.messages(ofType: "escalation").contains { $0["order_id"]?.stringValue == manual.orderID })
        #expect(rejection(try harness.command(.dispatch(ManualDispatch(incidentID: "GM-C-9", teamID: "yanghe-militia"))))?
            .contains("no incident 'GM-C-9'") == true)
    }

    @Test func anUnavailableTeamIsSkippedAndPendingDemandsFillWhenItReturns() throws {
        let harness = try EngineHarness()
        try harness.submit(Self.blue)
        let first = try #require(harness.orders().first)
        try harness.command(.close(incidentID: "GM-C-1"))
        let until = harness.now.addingTimeInterval(3600)
        let outcome = try harness.command(.team(TeamAvailability(teamID: first.teamID, status: .unavailable, reason: "车辆故障",
                                                                 until: until)))
        #expect(!outcome.isRejected, "\(outcome)")
        #expect(harness.timers[.team(first.teamID)] == until)
        try harness.submit(incidentJSON(id: "GM-C-3", level: "blue", area: "gaoming/yanghe/shishui"), name: "c.json")
        #expect(try harness.orders().filter { $0.incidentID == "GM-C-3" }.allSatisfy { $0.teamID != first.teamID })
        // Every other notification team of the village busy too? Then the demand waits: here,
        // make the one picked unavailable and stand it down, so the demand is pending.
        try harness.advance(by: 3601)
        let teamRows = try harness.store.database.read { db in try OperatorStateReads.history(teamID: first.teamID, in: db) }
        #expect(teamRows.map(\.event).suffix(2) == ["timer", "team_available"])
        #expect(try harness.store.database.read { db in try OperatorStateReads.unavailableTeams(in: db) }.isEmpty)
        #expect(rejection(try harness.command(.team(TeamAvailability(teamID: first.teamID, status: .available))))?
            .contains("already available") == true)
    }

    @Test func aPendingDemandIsFilledWhenTheOnlyTeamBecomesAvailable() throws {
        let harness = try EngineHarness()
        // Every militia team unavailable: a red typhoon's militia demand waits.
        let militia = harness.core.county.teams.filter { $0.kind == "militia" }.map(\.id)
        for team in militia { try harness.command(.team(TeamAvailability(teamID: team, status: .unavailable))) }
        try harness.submit(incidentJSON(id: "GM-C-4", level: "orange", area: "gaoming/yanghe"))
        #expect(try harness.orders().allSatisfy { !militia.contains($0.teamID) })
        let pending = try harness.store.database.read { db in try OperatorStateReads.pendingDemands(in: db) }
        #expect(pending.contains { $0.selector == "kind militia" })
        try harness.command(.team(TeamAvailability(teamID: militia[0], status: .available)))
        #expect(try harness.orders().contains { $0.teamID == militia[0] && $0.incidentID == "GM-C-4" })
    }

    @Test func dutyReaddressesTheNextEscalationAndIsAHandover() throws {
        let harness = try EngineHarness()
        try harness.submit(Self.blue)
        let onDuty = [Recipient(name: "李强", phone: "13800000001")]
        try harness.command(.duty(DutyChange(postID: "yanghe-duty", onDuty: onDuty)), by: "陈静")
        try harness.advance(by: 15 * 60 + 1)
        let escalation = try #require(harness.messages(ofType: "escalation").first)
        #expect(escalation["duty_post"]?.stringValue == "yanghe-duty")
        #expect(escalation["recipients"] == .array([.object(["name": "李强", "phone": "13800000001"])]))
        try harness.command(.duty(DutyChange(postID: "yanghe-duty", onDuty: [Recipient(name: "王芳", phone: nil)])), by: "李强")
        let rows = try harness.store.database.read { db in try OperatorStateReads.history(postID: "yanghe-duty", in: db) }
        let handovers = rows.filter { $0.kind == .handover }
        #expect(handovers.map(\.by) == ["陈静", "李强"])
        #expect(handovers[1].detail.contains(#""from":[{"name":"李强","phone":"13800000001"}]"#))
        #expect(handovers[1].detail.contains(#""to":[{"name":"王芳","phone":null}]"#))
        #expect(rejection(try harness.command(.duty(DutyChange(postID: "no-post", onDuty: []))))?.contains("no duty post") == true)
        // The escalation's timer row says when it was due and how late it ran.
        let timer = try #require(history(harness, "GM-C-1").first { $0.kind == .timer })
        #expect(timer.detail.contains(#""timer":"escalation_step""#) && timer.detail.contains("late_seconds"))
    }

    @Test func cancelAndCloseActAsTheNativeOnesAndRefuseWhatCannotApply() throws {
        let harness = try EngineHarness()
        try harness.submit(Self.blue)
        #expect(!(try harness.command(.cancel(incidentID: "GM-C-1"))).isRejected)
        #expect(try harness.incident("GM-C-1")?.state == .closed)
        #expect(try harness.messages(ofType: "standdown").last?["reason"]?.stringValue == "cancel")
        #expect(rejection(try harness.command(.close(incidentID: "GM-C-1")))?.contains("already closed") == true)
        #expect(rejection(try harness.command(.cancel(incidentID: "GM-X")))?.contains("no incident") == true)
        // A refused command changes nothing but its input row.
        let before = try harness.messages().count
        _ = try harness.command(.standdown(orderID: "GM-C-1-o1", reason: nil))
        #expect(try harness.messages().count == before)
    }
}
