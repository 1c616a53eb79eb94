import Foundation
import Testing

/// A full story told through the CLI against the real daemon (SPEC §14-§16): a handover, an
/// alert reported by hand, an escalation, a decline (reassigned by the daemon), an operator's
/// reassign, a manual dispatch, a refused dispatch (no free capacity), accepts, a stand-down,
/// a close; then `history`, `show` and `handover` tell it, in order, with who did what.
extension DaemonEndToEndTests {
    @Suite struct OperatorStory {
        @Test func historyTellsTheWholeStoryWithThePeopleAndTheFigures() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            func cli(_ arguments: [String], locale: String = "C") async throws -> CommandResult {
                try await runDispatchd(arguments + ["--config", sandbox.configPath], in: sandbox, environment: ["LC_ALL": locale])
            }
            func openOrders(_ incident: String) async throws -> [[String: Any]] {
                let result = try await cli(["show", incident, "--json"])
                guard result.status == 0, !result.stdout.isEmpty else {
                    throw SandboxError("show \(incident): \(result.status) [\(result.stdout)] \(result.stderr)")
                }
                let show = try result.json()
                return (show["orders"] as? [[String: Any]] ?? []).filter { ["issued", "escalated", "accepted"].contains($0["state"] as? String) }
            }

            let duty = try await cli(["duty", "yanghe-duty", "--on", "李强", "--phone", "13800000001", "--by", "陈明", "--wait"])
            #expect(duty.status == 0, "\(duty.stderr)\n\(daemon.log)")
            let report = try await cli(["report", "--kind", "e2e", "--level", "blue", "--area", "gaoming/yanghe/shishui",
                                        "--title", "松林村山体滑坡", "--by", "王强", "--wait"])
            #expect(report.status == 0, "\(report.stderr)")
            let incident = try #require(report.stdout.firstMatch(of: /OP-\d{8}-\d{6}-[0-9A-F]{4}/).map { String($0.output) })
            let first = try #require(try await openOrders(incident).first?["order_id"] as? String)
            // e2e-fast: no answer within 3 s escalates to the town's post.
            #expect(await eventually(timeout: .seconds(15)) { (try? sandbox.messages(ofType: "escalation").isEmpty == false) == true },
                    "\(daemon.log)")

            let decline = try await cli(["ack", first, "--status", "decline", "--by", "张三", "--wait"])
            #expect(decline.status == 0, "\(decline.stderr)")
            let second = try #require(try await openOrders(incident).first { $0["order_id"] as? String != first }?["order_id"] as? String)
            let reassign = try await cli(["reassign", second, "--by", "王强", "--wait"])
            #expect(reassign.status == 0, "\(reassign.stderr)")
            let manual = try await cli(["dispatch", incident, "--team", "yanghe-militia", "--instructions", "携带沙袋前往松林村",
                                        "--by", "王强", "--wait"])
            #expect(manual.status == 0, "\(manual.stderr)")
            let refused = try await cli(["dispatch", incident, "--team", "yanghe-militia", "--by", "王强", "--wait"])
            #expect(refused.status == 1, "a second manual order for a team with capacity 1 is rejected: \(refused.stdout)")
            #expect(refused.stderr.contains("rejected by the daemon"), "\(refused.stderr)")

            let open = try await openOrders(incident)
            let manualOrder = try #require(open.first { $0["team_id"] as? String == "yanghe-militia" }?["order_id"] as? String)
            let third = try #require(open.first { $0["team_id"] as? String != "yanghe-militia" }?["order_id"] as? String)
            #expect(try await cli(["ack", third, "--status", "accept", "--by", "赵六", "--wait"]).status == 0)
            #expect(try await cli(["ack", manualOrder, "--status", "accept", "--by", "民兵排长", "--wait"]).status == 0)
            let standdown = try await cli(["standdown", manualOrder, "--reason", "道路中断", "--by", "王强", "--wait"])
            #expect(standdown.status == 0, "\(standdown.stderr)")
            let close = try await cli(["close", incident, "--by", "王强", "--wait"])
            #expect(close.status == 0, "\(close.stderr)")
            #expect(try await cli(["cancel", incident]).status == 1, "a closed incident is refused before the drop")

            let history = try await cli(["history", incident, "--json"]).json()
            let events = try #require(history["events"] as? [[String: Any]])
            let names = events.map { $0["event"] as? String ?? "" }
            func index(_ event: String, _ where_: ([String: Any]) -> Bool = { _ in true }) -> Int? {
                events.firstIndex { $0["event"] as? String == event && where_($0) }
            }
            let order = try #require(index("order"), "\(names)")
            let escalation = try #require(index("escalation"), "\(names)")
            let declined = try #require(index("ack") { $0["status"] as? String == "decline" }, "\(names)")
            let reassigned = try #require(index("command") { $0["command"] as? String == "reassign" }, "\(names)")
            let dispatched = try #require(index("command") { $0["command"] as? String == "dispatch" }, "\(names)")
            let stoodDown = try #require(index("command") { $0["command"] as? String == "standdown" }, "\(names)")
            let closed = try #require(index("closed"), "\(names)")
            #expect(order < escalation && escalation < declined && declined < reassigned && reassigned < dispatched
                    && dispatched < stoodDown && stoodDown < closed, "\(names)")
            #expect(events[declined]["by"] as? String == "张三")
            #expect(events[reassigned]["by"] as? String == "王强" && events[reassigned]["owner"] as? String == "root")
            #expect(events.filter { $0["event"] as? String == "reassign" }.count >= 2, "the daemon's and the operator's: \(names)")
            let figures = try #require(history["figures"] as? [String: Any])
            #expect(figures["to_first_order_seconds"] as? Int == 0)
            #expect(figures["to_first_accept_seconds"] is Int)
            #expect((figures["escalations"] as? Int ?? 0) >= 1 && (figures["reassigns"] as? Int ?? 0) >= 2
                    && (figures["standdowns"] as? Int ?? 0) >= 1, "\(figures)")

            for locale in ["zh_CN.UTF-8", "C"] {
                let text = try await cli(["history", incident], locale: locale)
                #expect(text.status == 0, "\(text.stderr)")
                #expect(text.stdout.contains(locale == "C" ? "time to the first order" : "首次下达指令用时"), "\(text.stdout)")
                #expect(text.stdout.contains("王强") && text.stdout.contains("张三"))
                let handover = try await cli(["handover", "yanghe-duty"], locale: locale)
                #expect(handover.status == 0, "\(handover.stderr)")
                #expect(handover.stdout.contains("李强"), "the person on duty: \(handover.stdout)")
            }
            let handover = try await cli(["handover", "yanghe-duty", "--json"]).json()
            #expect((handover["on_duty"] as? [[String: Any]])?.first?["name"] as? String == "李强")
            #expect(try await cli(["handover", "no-such-post"]).status == 1)
            #expect(try await cli(["history", "NO-SUCH-INCIDENT"]).status == 1)
            #expect(try await cli(["show", "NO-SUCH-INCIDENT"]).status == 1)
            await daemon.stop()
        }
    }
}
