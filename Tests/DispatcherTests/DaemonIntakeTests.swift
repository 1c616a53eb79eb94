import Foundation
import Testing

/// The real daemon taking input files (SPEC §2, §6): drops, direct writes, duplicates, and
/// leftovers in `active/` from a previous run.
extension DaemonEndToEndTests {
    @Suite struct Intake {
        static let orderFields = ["type", "seq", "message_id", "incident_id", "issued_at", "exercise", "recipients",
                                  "order_id", "team_id", "team_name", "rule_id", "response_level", "area", "area_name",
                                  "ack_deadline", "instructions"]

        /// Today's `processed/` subdirectory name (UTC, SPEC §2).
        static var today: String {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyy-MM-dd"
            return formatter.string(from: Date())
        }

        @Test func droppedIncidentBecomesOrdersWithEverySpecFieldAndIsFiledUnderTodaysDate() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            let bytes = sandbox.bytes(DaemonSandbox.repository + "/config/examples/typhoon-orange-yanghe.json")
            try sandbox.drop("typhoon.json", bytes)

            #expect(await eventually { sandbox.processedFiles() == ["\(Intake.today)/typhoon.json"] }, "\(daemon.log)")
            #expect(sandbox.bytes(sandbox.processed + "/\(Intake.today)/typhoon.json") == bytes, "filed unchanged")
            let orders = try sandbox.messages(ofType: "order")
            try #require(orders.count >= 4, "typhoon orange mobilizes readiness, cadre and evacuation teams")
            for order in orders {
                for field in Intake.orderFields { #expect(order[field] != nil, "\(order.name) lacks \(field)") }
                #expect(order.nameSeq == order.seq)
                #expect(order.name == String(format: "%020d", order.seq) + "-order-" + order.orderID + ".json")
                #expect(order.incidentID == "GM-20240906-0001")
                #expect(order["exercise"] as? Bool == false)
                #expect(UUID(uuidString: order.string("message_id") ?? "") != nil)
                #expect(order.string("issued_at")?.hasSuffix("+08:00") == true, "times in the county's offset")
                let recipients = try #require(order["recipients"] as? [[String: Any]])
                #expect(recipients.allSatisfy { $0["name"] is String })
                #expect(order.string("area_name")?.hasPrefix("高明区杨和镇") == true, "Chinese round-trips")
            }
            #expect(Set(orders.map(\.orderID)).count == orders.count)
            let modes = try sandbox.messages(ofType: "mode")
            #expect(modes.map { $0.string("area") } == ["gaoming/yanghe"])
            #expect(modes.first?.string("mode") == "emergency")
            #expect(modes.first?.string("response_level") == "II")
            #expect(modes.first?.string("posture") == "全体村居干部24小时值班")
            #expect(try sandbox.messages().map(\.seq) == Array(1...(try sandbox.messages().count)), "gapless SEQs")
            #expect(await daemon.stop() == 0)
        }

        @Test func fileWrittenInPlaceWithoutRenameIsTakenOnClose() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            let text = Array(DaemonSandbox.incident(id: "DIRECT-1", kind: "e2e-reassign").utf8)
            let fd = open(sandbox.incoming + "/direct.json", O_WRONLY | O_CREAT | O_EXCL, 0o644)
            try #require(fd >= 0)
            _ = text.prefix(20).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            try await Task.sleep(for: .milliseconds(200))
            #expect(sandbox.processedFiles().isEmpty, "not taken while still open for writing")
            _ = Array(text.dropFirst(20)).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)

            #expect(await eventually { sandbox.processedFiles() == ["\(Intake.today)/direct.json"] }, "\(daemon.log)")
            #expect(try sandbox.messages(ofType: "order").map(\.incidentID) == ["DIRECT-1"])
            #expect(sandbox.rejectedInputs().isEmpty)
            await daemon.stop()
        }

        @Test func sameFileDroppedTwiceIsFiledAsProcessedWithNoNewMessage() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            let text = DaemonSandbox.incident(id: "TWICE-1", kind: "e2e-reassign")
            try sandbox.drop("first.json", text)
            #expect(await eventually { sandbox.processedFiles().count == 1 })
            let before = try sandbox.messages().map(\.name)
            let types = try sandbox.messages().map(\.type)
            #expect(types == ["order", "mode"])

            try sandbox.drop("again.json", text)
            #expect(await eventually { sandbox.processedFiles().count == 2 }, "\(daemon.log)")
            #expect(try sandbox.messages().map(\.name) == before, "a duplicate has no effect")
            #expect(sandbox.rejectedInputs().isEmpty)
            #expect(await eventually { daemon.log.contains("duplicate input: filed with no effect") }, "\(daemon.log)")
            await daemon.stop()
        }

        @Test func filesLeftInActiveByAnEarlierRunAreProcessedAtStart() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            try FileManager.default.createDirectory(atPath: sandbox.active + "/acks", withIntermediateDirectories: true)
            try sandbox.write(sandbox.active + "/inflight.json", DaemonSandbox.incident(id: "INFLIGHT-1", kind: "e2e-reassign"))
            try sandbox.write(sandbox.incoming + "/waiting.json", DaemonSandbox.incident(id: "WAITING-1", kind: "e2e-reassign",
                                                                                      area: "gaoming/genghe"))
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()

            #expect(await eventually { sandbox.processedFiles().count == 2 }, "\(daemon.log)")
            #expect(sandbox.names(in: sandbox.active) == ["acks", "commands"])
            #expect(Set(try sandbox.messages(ofType: "order").map(\.incidentID)) == ["INFLIGHT-1", "WAITING-1"])
            #expect(daemon.log.contains("re-processing inputs that were in flight"))
            await daemon.stop()
        }
    }
}
