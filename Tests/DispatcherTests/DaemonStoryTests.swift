import Dispatcher
import Foundation
import Rules
import Testing

/// A whole night on the real daemon (issue 10): alert, escalation, decline, an operator's
/// reassign, a manual dispatch, cancel, complete. The history keeps every event, in order,
/// with the right people (SPEC §9, §16).
extension DaemonEndToEndTests {
    @Suite struct Story {
        static func ack(_ sandbox: DaemonSandbox, _ orderID: String, _ status: String, by: String) throws -> String {
            let name = "ack-\(orderID)-\(status).json"
            try sandbox.dropRaw(name, Array(#"{"order_id": "\#(orderID)", "status": "\#(status)", "by": "\#(by)"}"#.utf8),
                                into: sandbox.acks)
            return name
        }

        @Test func theHistoryOfAFullStoryListsEveryEventInOrderWithThePeople() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            try sandbox.drop("STORY-1.json", DaemonSandbox.incident(id: "STORY-1", kind: "e2e"))
            #expect(await eventually { (try? sandbox.messages(ofType: "escalation").isEmpty) == false }, "\(daemon.log)")
            let first = try #require(try sandbox.orders(of: "STORY-1").first)

            let decline = try Self.ack(sandbox, first.orderID, "decline", by: "张三")
            #expect(await eventually { sandbox.wasProcessed(decline) }, "\(daemon.log)")
            let second = try #require(try sandbox.orders(of: "STORY-1").last)
            #expect(second.orderID != first.orderID, "the decline re-dispatched")

            let reassign = try sandbox.dropCommand(.reassign(orderID: second.orderID, teamID: nil), by: "王强")
            #expect(await eventually { sandbox.wasProcessed(reassign) }, "\(daemon.log)")
            let third = try #require(try sandbox.orders(of: "STORY-1").last)

            let dispatch = try sandbox.dropCommand(.dispatch(ManualDispatch(incidentID: "STORY-1", teamID: "yanghe-militia")), by: "李强")
            #expect(await eventually { sandbox.wasProcessed(dispatch) }, "\(daemon.log)")
            let manual = try #require(try sandbox.orders(of: "STORY-1").last)
            #expect(manual.isManual)

            let accept = try Self.ack(sandbox, third.orderID, "accept", by: "赵六")
            #expect(await eventually { sandbox.wasProcessed(accept) }, "\(daemon.log)")
            let cancel = try sandbox.dropCommand(.cancel(incidentID: "STORY-1"), by: "王强")
            #expect(await eventually { sandbox.wasProcessed(cancel) }, "\(daemon.log)")
            let complete = try Self.ack(sandbox, third.orderID, "complete", by: "赵六")
            #expect(await eventually { sandbox.wasProcessed(complete) }, "\(daemon.log)")
            #expect(try sandbox.state { db in try IncidentRecord.find("STORY-1", in: db)?.state } == .closed)
            await daemon.stop()

            let history = try sandbox.state { db in try OperatorStateReads.history(incidentID: "STORY-1", in: db) }
            func detail(_ row: HistoryRecord, _ key: String) -> String? {
                (try? JSONParser.parse(Array(row.detail.utf8)))?[key]?.stringValue
            }
            // The story's events, each found after the one before (timers in between may add
            // more escalations: they are checked separately).
            let expected: [(String, (HistoryRecord) -> Bool)] = [
                // An input's own row follows the rows of its effects (written once its outcome is known).
                ("opened", { $0.detail.contains(#""kind":"e2e""#) }),
                ("matched", { $0.detail.contains("e2e-fast") && $0.detail.contains("config_hash") }),
                ("order", { detail($0, "order_id") == first.orderID }),
                ("input", { detail($0, "file") == "STORY-1.json" && $0.ownerUID == 0 }),
                ("timer", { detail($0, "order_id") == first.orderID && $0.detail.contains("late_seconds") }),
                ("escalation", { detail($0, "order_id") == first.orderID }),
                ("ack", { detail($0, "status") == "decline" && $0.by == "张三" && $0.ownerUID == 0 }),
                ("reassign", { detail($0, "order_id") == second.orderID && detail($0, "reason") == "declined" }),
                ("command", { $0.by == "王强" && $0.via == "test" && detail($0, "command") == "reassign" }),
                ("standdown", { detail($0, "order_id") == second.orderID && detail($0, "reason") == "reassigned" }),
                ("reassign", { detail($0, "order_id") == third.orderID && detail($0, "reason") == "operator" }),
                ("command", { $0.by == "李强" && detail($0, "command") == "dispatch" }),
                ("order", { detail($0, "order_id") == manual.orderID && detail($0, "dispatched_by") == "李强" && $0.by == "李强" }),
                ("ack", { detail($0, "status") == "accept" && $0.by == "赵六" }),
                ("command", { $0.by == "王强" && detail($0, "command") == "cancel" }),
                ("standdown", { detail($0, "order_id") == manual.orderID && detail($0, "reason") == "cancel" }),
                ("lifted", { detail($0, "reason") == "cancel" }),
                ("ack", { detail($0, "status") == "complete" && $0.by == "赵六" }),
                ("closed", { _ in true }),
            ]
            var position = history.startIndex
            for (event, matches) in expected {
                guard let found = history[position...].firstIndex(where: { $0.event == event && matches($0) }) else {
                    let rows = history.map { row in "\(row.id ?? 0) \(row.event) by=\(row.by ?? "-") \(row.detail)" }
                    Issue.record("no \(event) after row \(position) matching the story; history:\n\(rows.joined(separator: "\n"))")
                    break
                }
                position = history.index(after: found)
            }
            #expect(history.compactMap(\.id) == history.compactMap(\.id).sorted())
            #expect(history.filter { $0.event == "command" }.allSatisfy { $0.ownerUID == 0 })
        }
    }
}
