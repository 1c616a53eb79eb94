import Dispatcher
import Foundation
import Rules
import Testing

/// Authorization by Unix group (SPEC §14) on the real daemon, with real users and groups made
/// for the test (`groupadd`/`useradd`, unique random names, removed after): operators may drop
/// incidents, acks and every command but `cancel` and `close`; commanders may do everything;
/// anyone else is refused with an `.error` naming the uid, the user and the role needed.
extension DaemonEndToEndTests {
    @Suite(.enabled(if: runningAsRoot, "creating users and groups needs root"))
    struct Authorization {
        @Test func filesAreAuthorizedByTheirOwnersGroups() async throws {
            let accounts = TestAccounts()
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            do {
                let operators = try await accounts.group("op")
                let commanders = try await accounts.group("cm")
                let alice = try await accounts.user("a", groups: [operators])
                let bob = try await accounts.user("b", groups: [commanders])
                let carol = try await accounts.user("c", groups: [])
                try sandbox.write(sandbox.configPath, sandbox.read(sandbox.configPath)
                    + "authorization: {operators: [\(operators)], commanders: [\(commanders)]}\n")
                let daemon = try DaemonProcess(sandbox)
                try await daemon.waitReady()

                // An operator's incident and command apply; an operator's cancel is refused.
                try sandbox.dropRaw("AUTH-1.json", Array(DaemonSandbox.incident(id: "AUTH-1", kind: "e2e-reassign").utf8),
                                    into: sandbox.incoming, owner: alice.uid)
                #expect(await eventually { (try? sandbox.orders(of: "AUTH-1").isEmpty) == false }, "\(daemon.log)")
                let order = try #require(try sandbox.orders(of: "AUTH-1").first)
                let duty = try sandbox.dropCommand(.duty(DutyChange(postID: "yanghe-duty", onDuty: [Recipient(name: "李强", phone: nil)])),
                                                   owner: alice.uid)
                let aliceCancel = try sandbox.dropCommand(.cancel(incidentID: "AUTH-1"), owner: alice.uid, name: "alice-cancel.json")
                #expect(await eventually { sandbox.wasProcessed(duty) && sandbox.rejection(aliceCancel) != nil }, "\(daemon.log)")
                let refusal = try #require(sandbox.rejection(aliceCancel))
                #expect(refusal.contains("uid \(alice.uid)"), "\(refusal)")
                #expect(refusal.contains("user '\(alice.name)'"))
                #expect(refusal.contains("commanders role") && refusal.contains(commanders))
                #expect(try sandbox.state { db in try IncidentRecord.find("AUTH-1", in: db)?.state } == .active)

                // Someone in neither group is refused for anything, an ack included.
                try sandbox.dropRaw("carol.json", Array(DaemonSandbox.incident(id: "AUTH-2", kind: "e2e").utf8),
                                    into: sandbox.incoming, owner: carol.uid)
                let ack = #"{"order_id": "\#(order.orderID)", "status": "accept", "by": "张三"}"#
                try sandbox.dropRaw("carol-ack.json", Array(ack.utf8), into: sandbox.acks, owner: carol.uid)
                #expect(await eventually { sandbox.rejection("carol.json") != nil && sandbox.rejection("carol-ack.json") != nil },
                        "\(daemon.log)")
                #expect(sandbox.rejection("carol.json")?.contains("uid \(carol.uid) (user '\(carol.name)')") == true)
                #expect(sandbox.rejection("carol.json")?.contains("operators role") == true)
                #expect(try sandbox.state { db in try IncidentRecord.find("AUTH-2", in: db) } == nil)
                #expect(daemon.log.contains("input refused: its owner is not authorized"))
                #expect(daemon.log.contains("<4>"), "refusals are logged at warning")

                // A commander may cancel; root is always allowed.
                let bobCancel = try sandbox.dropCommand(.cancel(incidentID: "AUTH-1"), owner: bob.uid, name: "bob-cancel.json")
                #expect(await eventually { sandbox.wasProcessed(bobCancel) }, "\(daemon.log)")
                #expect(try sandbox.state { db in try IncidentRecord.find("AUTH-1", in: db)?.state } == .closed)
                let command = try #require(try sandbox.state { db in try HistoryRecord.forIncident("AUTH-1", in: db) }
                    .first { $0.event == "command" })
                #expect(command.ownerUID == bob.uid)
                let rootCommand = try sandbox.dropCommand(.team(TeamAvailability(teamID: "yanghe-militia", status: .unavailable)))
                #expect(await eventually { sandbox.wasProcessed(rootCommand) }, "\(daemon.log)")
                await daemon.stop()
            } catch {
                await accounts.remove()
                throw error
            }
            await accounts.remove()
        }
    }
}
