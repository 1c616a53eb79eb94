import Foundation
import Testing

/// Live deadlines and acknowledgements on the real daemon (SPEC §7, §8), with the sandbox's
/// `e2e-fast` rule: ack within 3 s, step 1 at +3 s (town), step 2 at +4 s (district), the chain
/// exhausted at +7 s and reported as `unacknowledged`.
extension DaemonEndToEndTests {
    @Suite struct Escalation {
        /// Starts a daemon, drops one incident and returns its first order.
        static func orderFor(_ incidentID: String, kind: String, in sandbox: DaemonSandbox,
                             daemon: DaemonProcess) async throws -> OutgoingFile {
            try sandbox.drop("\(incidentID).json", DaemonSandbox.incident(id: incidentID, kind: kind))
            #expect(await eventually { (try? sandbox.messages(ofType: "order").isEmpty) == false }, "\(daemon.log)")
            return try #require(try sandbox.messages(ofType: "order").first { $0.incidentID == incidentID })
        }

        @Test func unansweredOrderEscalatesStepByStepThenIsReportedUnacknowledged() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            let order = try await Escalation.orderFor("LATE-1", kind: "e2e", in: sandbox, daemon: daemon)

            #expect(await eventually { (try? sandbox.messages(ofType: "unacknowledged").count) == 1 }, "\(daemon.log)")
            let escalations = try sandbox.messages(ofType: "escalation")
            #expect(escalations.map { $0["step"] as? Int } == [1, 2])
            #expect(escalations.allSatisfy { $0.orderID == order.orderID && $0.string("team_id") == order.string("team_id") })
            #expect(escalations.map { $0.string("duty_post") } == ["yanghe-duty", "gaoming-emergency"])
            #expect(escalations[0].string("ack_deadline") != nil, "step 1 names the next step's time")
            #expect(escalations[1]["ack_deadline"] is NSNull, "the last step has no next deadline")
            let report = try #require(try sandbox.messages(ofType: "unacknowledged").first)
            #expect(report.orderID == order.orderID)
            #expect(report["steps"] != nil)
            #expect(try sandbox.messages().map(\.seq) == Array(1...(try sandbox.messages().count)))
            await daemon.stop()
        }

        @Test func acceptStopsTheLiveEscalation() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            let order = try await Escalation.orderFor("ACCEPT-1", kind: "e2e", in: sandbox, daemon: daemon)
            let mode = try #require(try sandbox.messages(ofType: "mode").first)
            try sandbox.dropAck(order.orderID, status: "accept")
            #expect(await eventually { sandbox.processedFiles().count == 2 }, "\(daemon.log)")

            let status = try await runDispatchd(["status", "--json", "--config", sandbox.configPath], in: sandbox).json()
            let orders = try #require(status["orders"] as? [[String: Any]])
            #expect(orders.first { $0["order_id"] as? String == order.orderID }?["state"] as? String == "accepted")
            // The chain would have run out 7 s after issue: wait past that, then nothing may have fired.
            let issued = try #require(ISO8601DateFormatter().date(from: order.string("issued_at") ?? ""))
            let quiet = issued.addingTimeInterval(8.5).timeIntervalSinceNow
            if quiet > 0 { try await Task.sleep(for: .milliseconds(Int(quiet * 1000))) }
            let names = try sandbox.messages().map(\.name)
            #expect(names == [order.name, mode.name], "\(daemon.log)")
            await daemon.stop()
        }

        @Test func declineWritesAReassignToAnotherTeam() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            let order = try await Escalation.orderFor("DECLINE-1", kind: "e2e-reassign", in: sandbox, daemon: daemon)
            try sandbox.dropAck(order.orderID, status: "decline")

            #expect(await eventually { (try? sandbox.messages(ofType: "reassign").count) == 1 }, "\(daemon.log)")
            let reassign = try #require(try sandbox.messages(ofType: "reassign").first)
            #expect(reassign.string("replaces_order_id") == order.orderID)
            #expect(reassign.string("reason") == "declined")
            #expect(reassign.string("team_id") != order.string("team_id"))
            #expect(reassign.orderID != order.orderID)
            for field in DaemonEndToEndTests.Intake.orderFields where field != "type" {
                #expect(reassign[field] != nil, "reassign lacks \(field)")
            }
            await daemon.stop()
        }

        @Test func cancelStandsDownEveryOrderNotYetAccepted() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            let bytes = sandbox.bytes(DaemonSandbox.repository + "/config/examples/typhoon-orange-yanghe.json")
            try sandbox.drop("alert.json", bytes)
            #expect(await eventually { sandbox.processedFiles().count == 1 }, "\(daemon.log)")
            let orders = try sandbox.messages(ofType: "order")
            try #require(!orders.isEmpty)
            let cancel = sandbox.bytes(DaemonSandbox.repository + "/config/examples/typhoon-cancel.json")
            try sandbox.drop("cancel.json", cancel)

            #expect(await eventually { (try? sandbox.messages(ofType: "standdown").count) == orders.count }, "\(daemon.log)")
            let standdowns = try sandbox.messages(ofType: "standdown")
            #expect(Set(standdowns.map(\.orderID)) == Set(orders.map(\.orderID)))
            #expect(standdowns.allSatisfy { $0.string("reason") == "cancel" && $0.string("team_id") != nil })
            #expect(await eventually { (try? sandbox.messages(ofType: "mode"))?.last?.string("mode") == "peacetime" },
                    "the area returns to peacetime once nothing engaged remains\n\(daemon.log)")
            await daemon.stop()
        }
    }
}
