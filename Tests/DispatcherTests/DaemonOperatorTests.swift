import Dispatcher
import Foundation
import Rules
import Testing

/// Operator commands on the real daemon (SPEC §14, §15): the `commands/` spool, each
/// command's effect and messages, bad commands, authorization by real Unix groups, a team's
/// `until` across a restart, and duty shifts re-addressing escalations.
extension DaemonEndToEndTests {
    @Suite struct Operators {
        /// Starts a daemon, drops one `e2e` incident at 石水村 and returns its first order.
        static func start(_ incidentID: String, in sandbox: DaemonSandbox, kind: String = "e2e") async throws
            -> (DaemonProcess, OutgoingFile) {
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            try sandbox.drop("\(incidentID).json", DaemonSandbox.incident(id: incidentID, kind: kind))
            #expect(await eventually { (try? sandbox.messages(ofType: "order").contains { $0.incidentID == incidentID }) == true },
                    "\(daemon.log)")
            return (daemon, try #require(try sandbox.messages(ofType: "order").first { $0.incidentID == incidentID }))
        }

        @Test func commandsApplyFromTheSpoolAndBadOnesAreRejectedWithTheirReason() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let (daemon, order) = try await Self.start("OPS-1", in: sandbox, kind: "e2e-reassign")

            let standdown = try sandbox.dropCommand(.standdown(orderID: order.orderID, reason: "道路中断"))
            #expect(await eventually { sandbox.wasProcessed(standdown) }, "\(daemon.log)")
            let message = try #require(try sandbox.messages(ofType: "standdown").first)
            #expect(message.orderID == order.orderID && message.string("reason") == "operator" && message.string("note") == "道路中断")

            try sandbox.dropRaw("broken.json", Array("{\n  \"command\": \"cancel\",\n  \"incident_id\": OPS-1\n}".utf8))
            try sandbox.dropRaw("unknown.json", Array(#"{"command": "evacuate", "by": "王强", "at": "2026-01-01T09:00:00+08:00"}"#.utf8))
            try sandbox.dropRaw("missing.json", Array(#"{"command": "team", "team_id": "yanghe-militia", "by": "王强", "at": "2026-01-01T09:00:00+08:00"}"#.utf8))
            let again = try sandbox.dropCommand(.standdown(orderID: order.orderID, reason: nil), name: "again.json")
            let unknown = try sandbox.dropCommand(.reassign(orderID: "NO-SUCH-o9", teamID: nil), name: "unknown-order.json")
            #expect(await eventually { sandbox.rejectedInputs().count == 5 }, "\(daemon.log)")
            #expect(sandbox.rejection("broken.json")?.contains("broken.json:3:18:") == true, "\(sandbox.rejection("broken.json") ?? "")")
            #expect(sandbox.rejection("unknown.json")?.contains("unknown command \"evacuate\"") == true)
            #expect(sandbox.rejection("missing.json")?.contains("the command has no `status`") == true)
            #expect(sandbox.rejection(again)?.contains("already stood_down") == true)
            #expect(sandbox.rejection(unknown)?.contains("no order 'NO-SUCH-o9'") == true)
            // A repeated identical file is a duplicate: filed, no second effect.
            try sandbox.dropRaw("copy.json", sandbox.bytes(sandbox.processed + "/" + (sandbox.processedFiles().first { $0.hasSuffix(standdown) } ?? "")))
            #expect(await eventually { sandbox.wasProcessed("copy.json") }, "\(daemon.log)")
            #expect(try sandbox.messages(ofType: "standdown").count == 1)
            #expect(daemon.process.isRunning)
            await daemon.stop()
        }

        @Test func manualDispatchReassignCancelAndClose() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let (daemon, order) = try await Self.start("OPS-2", in: sandbox, kind: "e2e-reassign")
            let dispatch = try sandbox.dropCommand(.dispatch(ManualDispatch(incidentID: "OPS-2", teamID: "yanghe-militia")), by: "李强")
            #expect(await eventually { sandbox.wasProcessed(dispatch) }, "\(daemon.log)")
            let manual = try #require(try sandbox.messages(ofType: "order").first { $0.string("team_id") == "yanghe-militia" })
            #expect(manual["rule_id"] is NSNull && manual.string("dispatched_by") == "李强")

            let reassign = try sandbox.dropCommand(.reassign(orderID: order.orderID, teamID: nil))
            #expect(await eventually { sandbox.wasProcessed(reassign) }, "\(daemon.log)")
            let moved = try #require(try sandbox.messages(ofType: "reassign").first)
            #expect(moved.string("reason") == "operator" && moved.string("replaces_order_id") == order.orderID)
            #expect(moved.string("team_id") != order.string("team_id"))
            #expect(try sandbox.messages(ofType: "standdown").first?.string("reason") == "reassigned")

            let cancel = try sandbox.dropCommand(.cancel(incidentID: "OPS-2"))
            #expect(await eventually { sandbox.wasProcessed(cancel) }, "\(daemon.log)")
            #expect(try sandbox.messages(ofType: "standdown").filter { $0.string("reason") == "cancel" }.count == 2)
            let close = try sandbox.dropCommand(.close(incidentID: "OPS-2"))
            #expect(await eventually { sandbox.rejection(close) != nil }, "\(daemon.log)")
            #expect(sandbox.rejection(close)?.contains("already closed") == true)
            await daemon.stop()
        }

        @Test func aTeamMadeUnavailableIsSkippedAndPickedAgainAfterUntilAcrossARestart() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let (daemon, order) = try await Self.start("TEAM-1", in: sandbox, kind: "e2e-reassign")
            let team = try #require(order.string("team_id"))
            try sandbox.dropCommand(.close(incidentID: "TEAM-1"))
            let until = Date().addingTimeInterval(4)
            let unavailable = try sandbox.dropCommand(.team(TeamAvailability(teamID: team, status: .unavailable,
                                                                            reason: "道路中断", until: until)))
            #expect(await eventually { sandbox.wasProcessed(unavailable) }, "\(daemon.log)")
            try sandbox.drop("TEAM-2.json", DaemonSandbox.incident(id: "TEAM-2", kind: "e2e-reassign"))
            #expect(await eventually { (try? sandbox.orders(of: "TEAM-2").isEmpty) == false }, "\(daemon.log)")
            #expect(try sandbox.orders(of: "TEAM-2").allSatisfy { $0.teamID != team })
            try sandbox.dropCommand(.close(incidentID: "TEAM-2"))
            #expect(await eventually { (try? sandbox.orders(of: "TEAM-2").allSatisfy { !$0.state.isOpen }) == true })
            await daemon.stop()

            // Down past `until`: the timer is re-armed from the state at start and fires at once.
            let wait = until.timeIntervalSinceNow + 0.5
            if wait > 0 { try await Task.sleep(for: .milliseconds(Int(wait * 1000))) }
            let second = try DaemonProcess(sandbox, generation: 1)
            try await second.waitReady()
            #expect(await eventually { (try? sandbox.state { db in try OperatorStateReads.unavailableTeams(in: db) }.isEmpty) == true },
                    "\(second.log)")
            let rows = try sandbox.state { db in try OperatorStateReads.history(teamID: team, in: db) }
            #expect(rows.map(\.event).contains("team_available"))
            #expect(rows.first { $0.event == "timer" }?.detail.contains("team_until") == true)
            try sandbox.drop("TEAM-3.json", DaemonSandbox.incident(id: "TEAM-3", kind: "e2e-reassign"))
            #expect(await eventually { (try? sandbox.orders(of: "TEAM-3").isEmpty) == false }, "\(second.log)")
            #expect(try sandbox.orders(of: "TEAM-3").first?.teamID == team)
            await second.stop()
        }

        @Test func aDutyChangeReaddressesTheNextEscalation() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            let duty = try sandbox.dropCommand(.duty(DutyChange(postID: "yanghe-duty", onDuty: [Recipient(name: "李强", phone: "13800000001")])),
                                               by: "陈静")
            #expect(await eventually { sandbox.wasProcessed(duty) }, "\(daemon.log)")
            try sandbox.drop("DUTY-1.json", DaemonSandbox.incident(id: "DUTY-1", kind: "e2e"))
            #expect(await eventually { (try? sandbox.messages(ofType: "escalation").count) == 2 }, "\(daemon.log)")
            let escalations = try sandbox.messages(ofType: "escalation")
            let town = try #require(escalations.first { $0.string("duty_post") == "yanghe-duty" })
            #expect((town["recipients"] as? [[String: Any]])?.first?["name"] as? String == "李强")
            let district = try #require(escalations.first { $0.string("duty_post") == "gaoming-emergency" })
            #expect((district["recipients"] as? [[String: Any]])?.first?["phone"] as? String == "0757-88800110",
                    "a post nobody was set on keeps its contact")
            let handover = try #require(try sandbox.state { db in try OperatorStateReads.lastHandover(postID: "yanghe-duty", in: db) })
            #expect(handover.by == "陈静" && handover.ownerUID == 0 && handover.via == "test")
            await daemon.stop()
        }
    }
}
