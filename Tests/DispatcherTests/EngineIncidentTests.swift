import Foundation
import Rules
import Testing
@testable import Dispatcher

@Suite struct EngineIncidentTests {
    @Test func alertIssuesOrdersWithEveryMessageField() throws {
        let engine = try EngineHarness()
        let outcome = try engine.submit(incidentJSON())
        guard case .applied = outcome else { Issue.record("not applied: \(outcome)"); return }

        let orders = try engine.messages(ofType: "order")
        #expect(orders.count == 7)   // readiness 1 + cadres 2 + evacuation 4
        let teams = orders.compactMap { $0["team_id"]?.stringValue }
        #expect(Set(teams).count == teams.count, "no team twice for one incident")
        for order in orders {
            for field in ["type", "seq", "message_id", "incident_id", "issued_at", "exercise", "recipients", "order_id",
                          "team_id", "team_name", "rule_id", "response_level", "area", "area_name", "ack_deadline",
                          "instructions"] {
                #expect(order[field] != nil, "order message lacks \(field)")
            }
            #expect(order["incident_id"]?.stringValue == "GM-T-1")
            #expect(order["response_level"]?.stringValue == "II")
            #expect(order["area_name"]?.stringValue == "高明区杨和镇")
            #expect(order["exercise"]?.boolValue == false)
            #expect(order["issued_at"]?.stringValue?.hasSuffix("+08:00") == true)
            #expect(order["instructions"]?.stringValue?.contains("高明区杨和镇台风“摩羯”orange预警") == true)
        }
        let seqs = try engine.messages().compactMap { $0["seq"]?.numberValue?.intValue }
        #expect(seqs == Array(1...seqs.count), "SEQ gapless from 1 in commit order")
        let cadre = try #require(orders.first { $0["team_id"]?.stringValue == "yanghe-cadres" })
        #expect(cadre["recipients"]?.arrayValue?.first?["phone"]?.stringValue != nil)
    }

    @Test func modeMessageCarriesPostureAndReturnsToPeacetimeOnClose() throws {
        let engine = try EngineHarness()
        try engine.submit(incidentJSON())
        let modes = try engine.messages(ofType: "mode")
        #expect(modes.count == 1)
        #expect(modes.first?["area"]?.stringValue == "gaoming/yanghe")
        #expect(modes.first?["mode"]?.stringValue == "emergency")
        #expect(modes.first?["response_level"]?.stringValue == "II")
        #expect(modes.first?["posture"]?.stringValue == "全体村居干部24小时值班，危险区域人员转移")

        try engine.submit(incidentJSON(msgType: "close", sent: "2024-09-07T08:00:00+08:00"))
        let after = try engine.messages(ofType: "mode")
        #expect(after.count == 2)
        #expect(after.last?["mode"]?.stringValue == "peacetime")
        #expect(after.last?["response_level"]?.isNull == true)
        #expect(try engine.messages(ofType: "standdown").count == 7)
        #expect(try engine.messages(ofType: "standdown").allSatisfy { $0["reason"]?.stringValue == "closed" })
        #expect(try engine.incident("GM-T-1")?.state == .closed)
    }

    @Test func duplicateChangesNothingAndConflictIsRejected() throws {
        let engine = try EngineHarness()
        try engine.submit(incidentJSON())
        let count = try engine.messages().count
        #expect(try engine.submit(incidentJSON()) == .duplicate)
        #expect(try engine.messages().count == count)
        let conflict = try engine.submit(incidentJSON(extra: "\"description\": \"changed\""))
        guard case .rejected(let error) = conflict else { Issue.record("conflict not rejected: \(conflict)"); return }
        #expect(error.message.contains("conflict"))
        #expect(try engine.messages().count == count)
    }

    @Test func staleInputHasNoEffect() throws {
        let engine = try EngineHarness()
        try engine.submit(incidentJSON(msgType: "update", level: "red", sent: "2024-09-06T12:00:00+08:00"))
        let count = try engine.messages().count
        let outcome = try engine.submit(incidentJSON(msgType: "update", level: "yellow", sent: "2024-09-06T09:00:00+08:00"))
        guard case .stale(let text) = outcome else { Issue.record("not stale: \(outcome)"); return }
        #expect(text.hasPrefix("stale"))
        #expect(try engine.messages().count == count)
    }

    @Test func upgradeFillsOnlyGapsAndDowngradeStandsDownTheExcess() throws {
        let engine = try EngineHarness()
        try engine.submit(incidentJSON(level: "yellow"))
        let yellowOrders = try engine.messages(ofType: "order").count
        #expect(yellowOrders == 3)   // readiness 1 + cadres 2
        try engine.submit(incidentJSON(msgType: "update", level: "orange", sent: "2024-09-06T10:00:00+08:00"))
        #expect(try engine.messages(ofType: "order").count == 7, "only the 4 evacuation demands are added")
        #expect(try engine.messages(ofType: "standdown").isEmpty)

        try engine.submit(incidentJSON(msgType: "update", level: "yellow", sent: "2024-09-06T12:00:00+08:00"))
        let standdowns = try engine.messages(ofType: "standdown")
        #expect(standdowns.count == 4)
        #expect(standdowns.allSatisfy { $0["reason"]?.stringValue == "downgrade" })
        let open = try engine.orders().filter { $0.state.isOpen }
        #expect(open.count == 3)
        #expect(Set(open.map(\.ruleID)) == ["typhoon-readiness", "typhoon-cadres"])
        #expect(try engine.messages(ofType: "mode").last?["response_level"]?.stringValue == "III")
    }

    @Test func downgradeNeverStandsDownAnArrivedTeam() throws {
        let engine = try EngineHarness()
        try engine.submit(incidentJSON(level: "orange"))
        for order in try engine.orders() where order.ruleID == "typhoon-evacuation" {
            try engine.ack(order.orderID, .arrived)
        }
        try engine.submit(incidentJSON(msgType: "update", level: "yellow", sent: "2024-09-06T12:00:00+08:00"))
        #expect(try engine.messages(ofType: "standdown").isEmpty)
        #expect(try engine.orders().filter { $0.ruleID == "typhoon-evacuation" }.allSatisfy { $0.state == .arrived })
    }

    @Test func cancelStandsDownUnacceptedAndKeepsEngagedTeams() throws {
        let engine = try EngineHarness()
        try engine.submit(incidentJSON())
        let accepted = try #require(try engine.orders().first)
        try engine.ack(accepted.orderID, .accept)
        try engine.submit(incidentJSON(msgType: "cancel", sent: "2024-09-07T09:00:00+08:00"))
        let standdowns = try engine.messages(ofType: "standdown")
        #expect(standdowns.count == 6)
        #expect(standdowns.allSatisfy { $0["reason"]?.stringValue == "cancel" })
        #expect(try engine.incident("GM-T-1")?.state == .lifted)
        #expect(try engine.messages(ofType: "mode").last?["mode"]?.stringValue == "emergency", "lifted still counts")

        try engine.ack(accepted.orderID, .complete)
        #expect(try engine.incident("GM-T-1")?.state == .closed)
        #expect(try engine.messages(ofType: "mode").last?["mode"]?.stringValue == "peacetime")
    }

    @Test func overlappingIncidentsCompose() throws {
        let engine = try EngineHarness()
        try engine.submit(incidentJSON(id: "T-DISTRICT", level: "blue", area: "gaoming"))
        try engine.submit(incidentJSON(id: "T-VILLAGE", kind: "wildfire", level: "red", area: "gaoming/yanghe/shishui",
                                       sent: "2025-02-14T13:20:00+08:00"))
        let modes = try engine.messages(ofType: "mode")
        #expect(modes.map { $0["area"]?.stringValue } == ["gaoming", "gaoming/yanghe/shishui"])
        #expect(modes.map { $0["response_level"]?.stringValue } == ["IV", "I"])
        try engine.submit(incidentJSON(id: "T-VILLAGE", msgType: "close", kind: "wildfire", level: "red",
                                       area: "gaoming/yanghe/shishui", sent: "2025-02-15T13:20:00+08:00"))
        let last = try #require(try engine.messages(ofType: "mode").last)
        #expect(last["area"]?.stringValue == "gaoming/yanghe/shishui")
        #expect(last["mode"]?.stringValue == "emergency", "still covered by the district-wide typhoon")
        #expect(last["response_level"]?.stringValue == "IV")
    }

    @Test func expiredOnArrivalDispatchesNothing() throws {
        let engine = try EngineHarness()
        try engine.submit(incidentJSON(sent: "2024-09-05T08:00:00+08:00", extra: "\"expires\": \"2024-09-05T20:00:00+08:00\""))
        #expect(try engine.messages().isEmpty)
    }

    @Test func expiryLiftsTheWarning() throws {
        let engine = try EngineHarness()
        try engine.submit(incidentJSON(extra: "\"expires\": \"2024-09-06T08:05:00+08:00\""))
        try engine.advance(by: 301)
        let standdowns = try engine.messages(ofType: "standdown")
        #expect(standdowns.count == 7)
        #expect(try engine.incident("GM-T-1")?.state == .closed)
        #expect(standdowns.allSatisfy { $0["reason"]?.stringValue == "expired" })
    }

    @Test func exerciseOrdersArePrefixedAndChangeNoMode() throws {
        let engine = try EngineHarness()
        try engine.submit(incidentJSON(extra: "\"exercise\": true"))
        let orders = try engine.messages(ofType: "order")
        #expect(!orders.isEmpty)
        #expect(orders.allSatisfy { $0["exercise"]?.boolValue == true })
        #expect(orders.allSatisfy { $0["instructions"]?.stringValue?.hasPrefix("【演练】") == true })
        #expect(try engine.messages(ofType: "mode").isEmpty)
    }
}
