import Foundation
import Testing

/// The real daemon taking what the national platform (GB/T 35965.1) and a Traditional-Chinese
/// agency send (SPEC §3.2.1, §8): an Alert → Update → AllClear chain, a city-wide code, a
/// Traditional alert beside its Simplified twin.
extension DaemonEndToEndTests {
    @Suite struct ChineseFeeds {
        /// `date` as GB/T 35965.1 writes it: `YYYY-MM-DD HH:MM:SS+08:00`.
        static func gbtTime(_ date: Date) -> String {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
            formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
            return formatter.string(from: date) + "+08:00"
        }

        static func gbt(_ identifier: String, minutesAgo: Double, msgType: String = "Alert", references: String? = nil,
                        event: String = "台风", headline: String, responseType: String? = nil, language: String = "zh-CN",
                        geocode: String = "440608100000", areaDesc: String = "杨和镇") -> String {
            let sent = Date().addingTimeInterval(-minutesAgo * 60)
            return """
            <?xml version="1.0" encoding="UTF-8"?>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>\(identifier)</identifier><sender>佛山市气象台</sender><senderCode>44060041600000</senderCode>
              <sendTime>\(gbtTime(sent))</sendTime><status>Actual</status><msgType>\(msgType)</msgType><scope>Public</scope>
              \(references.map { "<references>\($0)</references>" } ?? "<references/>")<code>0</code>
              <info>
                <language>\(language)</language><category>Met</category><event>\(event)</event><eventType>11B01</eventType>
                \(responseType.map { "<responseType>\($0)</responseType>" } ?? "")
                <urgency>Immediate</urgency><severity>Moderate</severity><certainty>Likely</certainty>
                <onset/><expires>\(gbtTime(Date().addingTimeInterval(86_400)))</expires>
                <headline>\(headline)</headline><description>请做好防御。</description>
                <method><methodName>短信</methodName></method>
                <area><areaDesc>\(areaDesc)</areaDesc><geocode>\(geocode)</geocode></area>
              </info>
            </alert>
            """
        }

        @Test func alertUpdateAllClearChainStandsDownWhatIsNotYetAccepted() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            try sandbox.drop("alert.xml", Self.gbt("44060041600000_A", minutesAgo: 30, headline: "佛山市气象台发布台风黄色预警信号"))
            #expect(try await eventually { try sandbox.processedFiles().count == 1 && sandbox.messages(ofType: "order").count >= 2 },
                    "\(daemon.log)")
            let first = try sandbox.messages(ofType: "order")
            let accepted = try #require(first.first).orderID
            try sandbox.dropAck(accepted, status: "accept")
            #expect(await eventually { sandbox.processedFiles().count == 2 }, "\(daemon.log)")

            try sandbox.drop("update.xml", Self.gbt("44060041600000_B", minutesAgo: 20, msgType: "Update", references: "44060041600000_A",
                                                    headline: "佛山市气象台将台风黄色预警信号升级为橙色"))
            #expect(await eventually { sandbox.processedFiles().count == 3 }, "\(daemon.log)")
            let orders = try sandbox.messages(ofType: "order")
            #expect(orders.count > first.count, "orange adds the evacuation rule's teams")
            #expect(Set(orders.map(\.incidentID)) == ["44060041600000_A"])
            #expect(orders.contains { $0.string("response_level") == "II" })

            try sandbox.drop("allclear.xml", Self.gbt("44060041600000_C", minutesAgo: 10, msgType: "Update",
                                                      references: "44060041600000_B,44060041600000_A",
                                                      headline: "佛山市气象台解除台风橙色预警信号", responseType: "AllClear"))
            #expect(await eventually { sandbox.processedFiles().count == 4 }, "\(daemon.log)")
            #expect(try await eventually { try sandbox.messages(ofType: "standdown").count == orders.count - 1 }, "\(daemon.log)")
            let standdowns = try sandbox.messages(ofType: "standdown")
            #expect(Set(standdowns.map(\.orderID)) == Set(orders.map(\.orderID)).subtracting([accepted]))
            #expect(standdowns.allSatisfy { $0.string("reason") == "cancel" })
            #expect(try sandbox.messages(ofType: "order").count == orders.count, "a lifted warning sends nobody out")
            #expect(sandbox.rejectedInputs().isEmpty)

            // An all-clear for an incident the daemon never saw: nothing opened, said in the log.
            try sandbox.drop("stray.xml", Self.gbt("SMG-X-2", minutesAgo: 1, msgType: "Update", references: "SMG-X-1",
                                                   headline: "信號於10時取消", responseType: "AllClear"))
            #expect(await eventually { sandbox.processedFiles().count == 5 }, "\(daemon.log)")
            #expect(await eventually { daemon.log.contains("cancel or all-clear for unknown incident SMG-X-1") }, "\(daemon.log)")
            #expect(try sandbox.messages(ofType: "order").count == orders.count)
            #expect(await daemon.stop() == 0)
        }

        @Test func aCityWideCodeDispatchesForTheWholeCounty() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            try sandbox.drop("city.xml", Self.gbt("44060041600000_R", minutesAgo: 5, event: "暴雨",
                                                  headline: "佛山市气象台发布暴雨红色预警信号", geocode: "440600000000", areaDesc: "佛山市"))
            #expect(try await eventually { try sandbox.processedFiles().count == 1 && !sandbox.messages(ofType: "mode").isEmpty },
                    "\(daemon.log)")
            let modes = try sandbox.messages(ofType: "mode")
            #expect(modes.map { $0.string("area") } == ["gaoming"], "the whole county switches, as one area")
            #expect(modes.first?.string("mode") == "emergency")
            let orders = try sandbox.messages(ofType: "order")
            #expect(!orders.isEmpty)
            #expect(orders.allSatisfy { $0.string("area") == "gaoming" })
            #expect(daemon.log.contains("incident_outside_county") == false)
            await daemon.stop()
        }

        /// What one alert mobilizes, as (rule, team, area, response level), in a fresh county.
        static func mobilized(by document: String) async throws -> Set<String> {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            try sandbox.drop("alert.xml", document)
            _ = try await eventually { try sandbox.processedFiles().count == 1 && !sandbox.messages(ofType: "mode").isEmpty }
            let orders = try sandbox.messages(ofType: "order")
            await daemon.stop()
            return Set(orders.map { "\($0.string("rule_id") ?? "")|\($0.string("team_id") ?? "")|\($0.string("area") ?? "")|"
                + "\($0.string("response_level") ?? "")" })
        }

        @Test func aTraditionalAlertMovesTheSameTeamsAsItsSimplifiedTwin() async throws {
            let simplified = try await Self.mobilized(by: Self.gbt("S-1", minutesAgo: 5, event: "台风", headline: "台风红色预警信号",
                                                                   areaDesc: "杨和镇"))
            let traditional = try await Self.mobilized(by: Self.gbt("T-1", minutesAgo: 5, event: "颱風", headline: "颱風紅色預警信號",
                                                                    language: "zh-HK", geocode: "", areaDesc: "楊和鎮"))
            #expect(!simplified.isEmpty)
            #expect(simplified.contains { $0.hasSuffix("|I") }, "red: response level I")
            #expect(traditional == simplified)
        }
    }
}
