import Foundation
import Rules
import Testing
@testable import Dispatcher

/// CAP messages through the dispatch core: a chain found by `references`, statuses that only
/// get filed (SPEC §3.2, §3.3).
@Suite struct EngineCAPTests {
    static let sender = "440608000000@gd.weather"

    static func cap(_ identifier: String, sent: String, msgType: String = "Alert", status: String = "Actual",
                    references: [String] = [], colour: String, severity: String = "Severe",
                    geocode: String = "440608100") -> String {
        let refs = references.isEmpty ? "" : "<references>\(references.joined(separator: " "))</references>"
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>\(identifier)</identifier><sender>\(sender)</sender><sent>\(sent)</sent>
          <status>\(status)</status><msgType>\(msgType)</msgType><scope>Public</scope>\(refs)
          <info>
            <language>zh-CN</language><category>Met</category><event>台风\(colour)预警</event>
            <urgency>Expected</urgency><severity>\(severity)</severity><certainty>Likely</certainty>
            <expires>2024-09-07T20:00:00+08:00</expires>
            <headline>高明区气象台发布台风\(colour)预警信号</headline>
            <area><areaDesc>杨和镇</areaDesc><geocode><valueName>GB/T 2260</valueName><value>\(geocode)</value></geocode></area>
          </info>
        </alert>
        """
    }

    static func ref(_ identifier: String, _ sent: String) -> String { "\(sender),\(identifier),\(sent)" }

    @Test func alertUpdateCancelChainFollowsReferences() throws {
        let engine = try EngineHarness()
        let first = ("44060841600000_20240906080000", "2024-09-06T08:00:00+08:00")
        let second = ("44060841600000_20240906140000", "2024-09-06T14:00:00+08:00")
        try engine.submit(Self.cap(first.0, sent: first.1, colour: "黄色"), name: "a.xml")
        #expect(try engine.incident(first.0)?.responseLevel == "III")
        #expect(try engine.incident(first.0)?.format == .cap)
        #expect(try engine.incident(first.0)?.capSender == Self.sender)

        try engine.submit(Self.cap(second.0, sent: second.1, msgType: "Update", references: [Self.ref(first.0, first.1)],
                                   colour: "橙色"), name: "b.xml")
        #expect(try engine.incident(second.0) == nil, "an update joins the chain's first incident")
        #expect(try engine.incident(first.0)?.responseLevel == "II")
        #expect(try engine.messages(ofType: "order").allSatisfy { $0["incident_id"]?.stringValue == first.0 })

        try engine.submit(Self.cap("44060841600000_20240907090000", sent: "2024-09-07T09:00:00+08:00", msgType: "Cancel",
                                   references: [Self.ref(first.0, first.1), Self.ref(second.0, second.1)], colour: "橙色"),
                          name: "c.xml")
        #expect(try engine.incident(first.0)?.state == .closed)
        #expect(try engine.messages(ofType: "standdown").allSatisfy { $0["reason"]?.stringValue == "cancel" })
        #expect(try engine.messages(ofType: "mode").last?["mode"]?.stringValue == "peacetime")
    }

    @Test func testStatusIsFiledWithoutEffectButKeepsItsKey() throws {
        let engine = try EngineHarness()
        let test = Self.cap("T-1", sent: "2024-09-06T08:00:00+08:00", status: "Test", colour: "红色")
        let outcome = try engine.submit(test, name: "test.xml")
        guard case .noEffect(let reason) = outcome else { Issue.record("not filed without effect: \(outcome)"); return }
        #expect(reason == .capIgnored(.status(.test)))
        #expect(try engine.messages().isEmpty)
        #expect(try engine.submit(test, name: "again.xml") == .duplicate)
    }

    @Test func exerciseDispatchesMarkedOrders() throws {
        let engine = try EngineHarness()
        try engine.submit(Self.cap("E-1", sent: "2024-09-06T08:00:00+08:00", status: "Exercise", colour: "橙色"), name: "e.xml")
        let orders = try engine.messages(ofType: "order")
        #expect(!orders.isEmpty)
        #expect(orders.allSatisfy { $0["exercise"]?.boolValue == true && $0["instructions"]?.stringValue?.hasPrefix("【演练】") == true })
    }
}
