import Foundation
import Rules
import Testing
@testable import Dispatcher

/// Pending demands and competing incidents (issue 4 items 4 and 5).
@Suite struct EnginePendingTests {
    /// A red fire draws on wildfire-orange (1 forest-fire crew) and wildfire-red (2 more); the
    /// county has exactly 2 crews, so one red fire takes both and still waits for one.
    func fire(_ id: String, area: String, level: String = "red", sent: String = "2025-02-14T13:20:00+08:00") -> String {
        incidentJSON(id: id, kind: "wildfire", level: level, area: area, sent: sent)
    }

    @Test func capacityHoldsAcrossIncidentsAndTheShortfallWaits() throws {
        let engine = try EngineHarness()
        try engine.submit(fire("FIRE-A", area: "gaoming/genghe/xiaodong"))
        let crews: Set<String> = ["gaoming-forest-fire", "genghe-forest-fire"]
        #expect(Set(try engine.orders().filter { $0.incidentID == "FIRE-A" }.map(\.teamID)).isSuperset(of: crews))

        try engine.submit(fire("FIRE-B", area: "gaoming/mingcheng/mingnan"))
        let onB = try engine.orders().filter { $0.incidentID == "FIRE-B" }.map(\.teamID)
        #expect(crews.isDisjoint(with: onB), "a team dispatched to one incident is not dispatched to another")
        let shortfalls = try engine.messages(ofType: "shortfall").filter {
            $0["incident_id"]?.stringValue == "FIRE-B" && $0["capability"]?.stringValue == "forest-fire" }
        #expect(shortfalls.map { $0["demand"]?.stringValue } == ["wildfire-orange#0@gaoming/mingcheng/mingnan",
                                                                   "wildfire-red#0@gaoming/mingcheng/mingnan"])
        #expect(shortfalls.map { $0["requested"]?.numberValue?.intValue } == [1, 2])
        #expect(shortfalls.map { $0["dispatched"]?.numberValue?.intValue } == [0, 0])
        let pending = try engine.store.database.read { db in try PendingDemandRecord.forIncident("FIRE-B", in: db) }
        #expect(pending.map(\.demandKey) == ["wildfire-orange#0@gaoming/mingcheng/mingnan",
                                             "wildfire-red#0@gaoming/mingcheng/mingnan"])
    }

    @Test func aTeamThatCompletesAnotherIncidentFillsThePendingDemand() throws {
        let engine = try EngineHarness()
        // An orange fire takes one crew (the nearest: 更合镇's own); a red fire elsewhere takes
        // the other for wildfire-orange and waits for two more for wildfire-red.
        try engine.submit(fire("FIRE-A", area: "gaoming/genghe/xiaodong", level: "orange"))
        try engine.submit(fire("FIRE-B", area: "gaoming/mingcheng/mingnan"))
        let crewOnA = try #require(try engine.orders().first { $0.incidentID == "FIRE-A" && $0.ruleID == "wildfire-orange"
            && $0.demandKey.hasPrefix("wildfire-orange#0") })
        #expect(try engine.store.database.read { db in try PendingDemandRecord.forIncident("FIRE-B", in: db) }
            .map(\.demandKey) == ["wildfire-red#0@gaoming/mingcheng/mingnan"])

        try engine.ack(crewOnA.orderID, .complete)
        let filled = try #require(try engine.messages(ofType: "order").first {
            $0["incident_id"]?.stringValue == "FIRE-B" && $0["team_id"]?.stringValue == crewOnA.teamID })
        #expect(filled["fills_demand"]?.stringValue == "wildfire-red#0@gaoming/mingcheng/mingnan")
        #expect(filled["pending_since"] != nil)
        let pending = try engine.store.database.read { db in try PendingDemandRecord.forIncident("FIRE-B", in: db) }
        #expect(pending.first?.dispatched == 1, "one of two filled; still waiting for the second")
    }

    @Test func theMostUrgentPendingDemandIsServedFirst() throws {
        let engine = try EngineHarness()
        try engine.submit(fire("FIRE-A", area: "gaoming/genghe/xiaodong"))
        // An orange fire (response II) waits first, a red one (response I) later: red wins.
        try engine.submit(fire("FIRE-ORANGE", area: "gaoming/hecheng/sucun", level: "orange"))
        engine.now = engine.now.addingTimeInterval(60)
        try engine.submit(fire("FIRE-RED", area: "gaoming/mingcheng/mingnan"))
        // FIRE-A's own demand cannot take the crew back (it declined FIRE-A), so the freed crew
        // goes to the most urgent other demand.
        let crew = try #require(try engine.orders().first { $0.incidentID == "FIRE-A" && $0.teamID == "genghe-forest-fire" })
        try engine.ack(crew.orderID, .decline)
        let order = try #require(try engine.messages(ofType: "order").last { $0["team_id"]?.stringValue == "genghe-forest-fire" })
        #expect(order["incident_id"]?.stringValue == "FIRE-RED")
    }

    @Test func liftingAnIncidentDropsItsPendingDemands() throws {
        let engine = try EngineHarness()
        try engine.submit(fire("FIRE-A", area: "gaoming/genghe/xiaodong"))
        try engine.submit(fire("FIRE-B", area: "gaoming/mingcheng/mingnan"))
        try engine.submit(incidentJSON(id: "FIRE-B", msgType: "cancel", kind: "wildfire", level: "red",
                                       area: "gaoming/mingcheng/mingnan", sent: "2025-02-14T15:00:00+08:00"))
        #expect(try engine.store.database.read { db in try PendingDemandRecord.forIncident("FIRE-B", in: db) }.isEmpty)
        let crew = try #require(try engine.orders().first { $0.incidentID == "FIRE-A" && $0.teamID == "gaoming-forest-fire" })
        try engine.ack(crew.orderID, .complete)
        #expect(try engine.orders().filter { $0.incidentID == "FIRE-B" && $0.teamID == "gaoming-forest-fire" }.isEmpty)
    }
}

@Suite struct EngineShortfallTests {
    @Test func aGapIsReportedOnceNotOnEveryReplan() throws {
        let engine = try EngineHarness()
        // typhoon-all-forces in two towns wants two traffic crews; the county has one.
        let update = { (sent: String) in
            incidentJSON(msgType: "update", level: "red", area: "gaoming/yanghe", sent: sent,
                         extra: "\"areas\": [\"gaoming/yanghe\", \"gaoming/hecheng\"]")
                .replacingOccurrences(of: "\"area\": \"gaoming/yanghe\",", with: "")
        }
        try engine.submit(update("2024-09-06T08:00:00+08:00"))
        let first = try engine.messages(ofType: "shortfall").count
        #expect(first > 0)
        try engine.submit(update("2024-09-06T09:00:00+08:00"))
        #expect(try engine.messages(ofType: "shortfall").count == first, "the same gap is not reported again")
    }
}
