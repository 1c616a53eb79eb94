import Foundation
import Testing

/// The commands around the daemon (SPEC §10): `check` exit codes, `plan --json` and
/// `status --json` shapes, run as the real binary.
extension DaemonEndToEndTests {
    @Suite struct Commands {
        @Test func checkExitsZeroForAValidConfigOneWithFileLineColumnAndTwoForUsage() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let valid = try await runDispatchd(["check", "--config", sandbox.configPath], in: sandbox)
            #expect(valid.status == 0, "\(valid.stderr)")
            #expect(valid.stdout.contains("ok"))

            let rulesPath = sandbox.configDirectory + "/rules.yaml"
            try sandbox.write(rulesPath, sandbox.read(rulesPath) + "\n- id: bad-ref\n  when: {kind: e2e}\n  response: IV\n"
                + "  mobilize:\n    - {capability: teleportation, count: 1}\n  ack_within: 1m\n")
            let invalid = try await runDispatchd(["check", "--config", sandbox.configPath], in: sandbox)
            #expect(invalid.status == 1)
            #expect(invalid.stderr.range(of: #"rules\.yaml:\d+:\d+: error"#, options: .regularExpression) != nil, "\(invalid.stderr)")
            #expect(invalid.stderr.contains("teleportation"))

            let usage = try await runDispatchd(["check", "--no-such-option"], in: sandbox)
            #expect(usage.status == 2, "\(usage.stderr)")
        }

        @Test func checkFindsTheConfigThroughDispatchdConfigToo() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let result = try await runDispatchd(["check"], in: sandbox, environment: ["DISPATCHD_CONFIG": sandbox.configPath])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains(sandbox.configPath))
        }

        @Test func planJsonHasTheSpecShapeAndChangesNothing() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let input = DaemonSandbox.repository + "/config/examples/typhoon-orange-yanghe.json"
            let result = try await runDispatchd(["plan", input, "--json", "--config", sandbox.configPath], in: sandbox)
            #expect(result.status == 0, "\(result.stderr)")
            let plan = try result.json()
            #expect(plan["incident_id"] as? String == "GM-20240906-0001")
            #expect(plan["rules"] as? [String] == ["typhoon-readiness", "typhoon-cadres", "typhoon-evacuation"])
            #expect(plan["response_level"] as? String == "II")
            let orders = try #require(plan["orders"] as? [[String: Any]])
            #expect(!orders.isEmpty)
            #expect(orders.allSatisfy { $0["team_id"] is String && $0["rule_id"] is String && $0["area"] is String })
            let shortfalls = try #require(plan["shortfalls"] as? [[String: Any]])
            #expect(shortfalls.allSatisfy { $0["rule_id"] is String && $0["requested"] is Int && $0["dispatched"] is Int })
            #expect(!FileManager.default.fileExists(atPath: sandbox.state + "/dispatchd.sqlite"), "a dry run has no side effects")

            let bad = sandbox.root + "/bad.json"
            try sandbox.write(bad, "{\"id\": 1}")
            #expect(try await runDispatchd(["plan", bad, "--config", sandbox.configPath], in: sandbox).status == 1)
        }

        @Test func statusJsonWhileRunningShowsIncidentsAreasAndOrdersWithDeadlines() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            try sandbox.drop("alert.json", sandbox.bytes(DaemonSandbox.repository + "/config/examples/typhoon-orange-yanghe.json"))
            #expect(await eventually { sandbox.processedFiles().count == 1 }, "\(daemon.log)")

            let result = try await runDispatchd(["status", "--json", "--config", sandbox.configPath], in: sandbox)
            #expect(result.status == 0, "\(result.stderr)")
            let status = try result.json()
            let incidents = try #require(status["incidents"] as? [[String: Any]])
            #expect(incidents.map { $0["incident_id"] as? String } == ["GM-20240906-0001"])
            let areas = try #require(status["areas"] as? [[String: Any]])
            #expect(areas.contains { $0["area"] as? String == "gaoming/yanghe" && $0["mode"] as? String == "emergency"
                && $0["response_level"] as? String == "II" })
            // Every area is listed; those below a named area inherit its mode, the rest are in peacetime.
            #expect(areas.count == 19)
            #expect(areas.contains { $0["area"] as? String == "gaoming/yanghe/shishui/grid-02" && $0["mode"] as? String == "emergency"
                && $0["response_level"] as? String == "II" })
            #expect(areas.contains { $0["area"] as? String == "gaoming/hecheng" && $0["mode"] as? String == "peacetime"
                && $0["response_level"] is NSNull })
            let orders = try #require(status["orders"] as? [[String: Any]])
            #expect(orders.count == (try sandbox.messages(ofType: "order").count))
            #expect(orders.allSatisfy { $0["order_id"] is String && $0["team_id"] is String && $0["state"] as? String == "issued"
                && $0["next_deadline"] is String })
            await daemon.stop()
        }
    }
}
