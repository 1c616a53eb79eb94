import Foundation
import Rules
import Testing
@testable import Dispatcher

/// GB/T 35965.1 inputs through the dispatch core: re-published identifiers, all-clears, and
/// `plan` deciding as the daemon does (SPEC §3.2.1, §3.3, §8).
@Suite struct EngineChineseFeedsTests {
    /// A GB/T exchange-format warning for 杨和镇 (or `geocode`) from 佛山市气象台.
    static func gbt(_ identifier: String, sendTime: String, msgType: String = "Alert", references: String? = nil,
                    event: String = "台风", headline: String = "台风橙色预警", responseType: String? = nil,
                    status: String = "Actual", expires: String = "2024-09-07 20:00:00+08:00",
                    geocode: String = "440608100000", areaDesc: String = "杨和镇") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>\(identifier)</identifier><sender>佛山市气象台</sender><senderCode>44060041600000</senderCode>
          <sendTime>\(sendTime)</sendTime><status>\(status)</status><msgType>\(msgType)</msgType><scope>Public</scope>
          \(references.map { "<references>\($0)</references>" } ?? "<references/>")<code>0</code>
          <info>
            <language>zh-CN</language><category>Met</category><event>\(event)</event><eventType>11B01</eventType>
            \(responseType.map { "<responseType>\($0)</responseType>" } ?? "")
            <urgency>Immediate</urgency><severity>Severe</severity><certainty>Likely</certainty>
            <onset/><expires>\(expires)</expires>
            <headline>\(headline)</headline><description>预计阵风12级</description>
            <area><areaDesc>\(areaDesc)</areaDesc><geocode>\(geocode)</geocode></area>
          </info>
        </alert>
        """
    }

    @Test func republishedIdentifierWithNewerSendTimeIsAnUpdate() throws {
        let engine = try EngineHarness()
        try engine.submit(Self.gbt("G-1", sendTime: "2024-09-06 08:00:00+08:00", headline: "台风黄色预警"), name: "a.xml")
        let yellow = try engine.messages(ofType: "order").count
        #expect(yellow > 0)
        let again = try engine.submit(Self.gbt("G-1", sendTime: "2024-09-06 10:00:00+08:00", headline: "台风红色预警"), name: "b.xml")
        guard case .applied = again else { Issue.record("re-publication not applied: \(again)"); return }
        #expect(try engine.incident("G-1")?.level == "red")
        #expect(try engine.messages(ofType: "order").count > yellow)
        // The same sendTime with other bytes is still a conflict; the same bytes a duplicate.
        let conflict = try engine.submit(Self.gbt("G-1", sendTime: "2024-09-06 10:00:00+08:00", headline: "台风蓝色预警"), name: "c.xml")
        #expect(conflict.isRejected)
        let older = try engine.submit(Self.gbt("G-1", sendTime: "2024-09-06 09:00:00+08:00", headline: "台风蓝色预警"), name: "d.xml")
        #expect(older.isRejected)
        #expect(try engine.submit(Self.gbt("G-1", sendTime: "2024-09-06 10:00:00+08:00", headline: "台风红色预警"), name: "e.xml") == .duplicate)
    }

    @Test func allClearLiftsTheIncidentAndStandsDownOrdersNotYetAccepted() throws {
        let engine = try EngineHarness()
        try engine.submit(Self.gbt("G-2", sendTime: "2024-09-06 08:00:00+08:00"), name: "a.xml")
        let orders = try engine.orders()
        #expect(orders.count >= 2)
        try engine.ack(orders[0].orderID, .accept)
        try engine.submit(Self.gbt("G-3", sendTime: "2024-09-06 09:00:00+08:00", msgType: "Update", references: "G-2",
                                   headline: "台风红色预警"), name: "b.xml")
        #expect(try engine.incident("G-2")?.level == "red")
        let lift = try engine.submit(Self.gbt("G-4", sendTime: "2024-09-06 12:00:00+08:00", msgType: "Update", references: "G-3,G-2",
                                              headline: "台风预警解除", responseType: "AllClear"), name: "c.xml")
        guard case .applied(let text) = lift else { Issue.record("all-clear not applied: \(lift)"); return }
        #expect(text.hasPrefix("lifted"))
        #expect(try engine.incident("G-2")?.state == .lifted)
        let standdowns = try engine.messages(ofType: "standdown")
        #expect(!standdowns.isEmpty && standdowns.allSatisfy { $0["reason"]?.stringValue == "cancel" })
        #expect(!standdowns.contains { $0["order_id"]?.stringValue == orders[0].orderID })
        #expect(try engine.orders().first { $0.orderID == orders[0].orderID }?.state == .accepted)
    }

    @Test func allClearForAnUnknownIncidentOpensNothingAndSaysSo() throws {
        let engine = try EngineHarness()
        let outcome = try engine.submit(Self.gbt("G-9", sendTime: "2024-09-06 12:00:00+08:00", msgType: "Update", references: "G-8",
                                                 headline: "信號取消", responseType: "AllClear"), name: "lift.xml")
        #expect(outcome == .noEffect(.cancelForUnknownIncident("G-8")))
        #expect(try engine.messages().isEmpty)
        #expect(try engine.incident("G-8") == nil && engine.incident("G-9") == nil)
    }

    /// Each case the daemon decides before dispatching: `InputVerdict` (what plan prints) and the
    /// engine's outcome name the same reason, and neither dispatches.
    @Test(arguments: [
        ("expired", gbt("V-1", sendTime: "2024-09-05 08:00:00+08:00", expires: "2024-09-05 20:00:00+08:00")),
        ("test", gbt("V-2", sendTime: "2024-09-06 08:00:00+08:00", status: "Test")),
        ("draft", gbt("V-3", sendTime: "2024-09-06 08:00:00+08:00", status: "Draft")),
        ("system", gbt("V-8", sendTime: "2024-09-06 08:00:00+08:00", status: "System")),
        ("unknown kind", gbt("V-4", sendTime: "2024-09-06 08:00:00+08:00", event: "某事件", headline: "某事件橙色预警")),
        ("outside", gbt("V-5", sendTime: "2024-09-06 08:00:00+08:00", geocode: "440605000000", areaDesc: "南海区")),
        ("all-clear", gbt("V-6", sendTime: "2024-09-06 08:00:00+08:00", msgType: "Update", references: "V-0", responseType: "AllClear")),
        ("dispatch", gbt("V-7", sendTime: "2024-09-06 08:00:00+08:00")),
    ])
    func planAndDaemonAgree(name: String, document: String) throws {
        let engine = try EngineHarness()
        let decoded = try InputDecoding.decode(fileName: "\(name).xml", bytes: Array(document.utf8), county: engine.core.county)
        let outcome = try engine.submit(document, name: "\(name).xml")
        let orders = try engine.messages(ofType: "order").count
        switch decoded {
        case .ignored(_, let reason, _):
            #expect(outcome == .noEffect(.capIgnored(reason)), "\(name)")
            #expect(orders == 0)
        case .dispatch(let message, _):
            let (verdict, plan) = InputVerdict.plan(for: message, county: engine.core.county, now: engine.now)
            switch (verdict, outcome) {
            case (.dispatch, .applied):
                #expect(name == "dispatch" && orders == plan.assignments.count && orders > 0)
            case (.notDispatched(.lifts), .noEffect(.cancelForUnknownIncident)):
                #expect(name == "all-clear" && orders == 0 && plan.assignments.isEmpty)
            case (.notDispatched(let planned), .notDispatched(let done, _)):
                #expect(planned == done, "\(name)")
                #expect(orders == 0 && plan.assignments.isEmpty)
            default:
                Issue.record("\(name): plan says \(verdict), the daemon did \(outcome)")
            }
        }
    }
}
