import Foundation
import GRDB
import Rules
import Testing
@testable import Dispatcher

/// The crash test of SPEC §9 on the real binary: 500 varied inputs dropped while the daemon is
/// killed with `kill -9` at random moments (at least 6 times, some before it is even ready),
/// then one clean run to quiescence and exact checks:
/// - every input is in `processed/` or `rejected/` exactly once (by content hash), none left
///   in `incoming/` or `active/`, and exactly the bad ones rejected;
/// - SEQs in `outgoing/` are gapless from 1, one file per SEQ, nothing left in `.staging/`;
/// - one `order` message per order id, one `standdown` / `unacknowledged` per order id, one
///   `escalation` per (order id, step), and as many order plus reassign files as orders in the
///   state database, every outbox row published;
/// - no lost timer: every `e2e-fast` order (3 s deadlines) has run out or been stood down,
///   and no open order's deadline lies in the past.
extension DaemonEndToEndTests {
    @Suite struct Crash {
        @Test func killNineDuringABurstLosesNothingAndDuplicatesNothing() async throws {
            let seed = UInt64(Date().timeIntervalSince1970)
            let workload = CrashWorkload(count: 500, seed: seed)
            var random = SplitMix64(seed: seed ^ 0xD15F_A7C4)
            let sandbox = try DaemonSandbox(rescanInterval: "2s")
            defer { sandbox.remove() }
            let clock = ContinuousClock()
            let started = clock.now

            var next = 0, kills = 0, generation = 0
            func dropSome(_ count: Int) throws {
                for _ in 0..<count where next < workload.inputs.count {
                    try sandbox.drop(workload.inputs[next].name, workload.inputs[next].bytes)
                    next += 1
                }
            }
            while next < workload.inputs.count || kills < 6 {
                let daemon = try DaemonProcess(sandbox, generation: generation)
                generation += 1
                let lifetime = Duration.milliseconds(Int.random(in: 150...1200, using: &random))
                let born = clock.now
                while clock.now - born < lifetime {
                    try dropSome(Int.random(in: 1...8, using: &random))
                    try await Task.sleep(for: .milliseconds(25))
                }
                await daemon.kill()
                kills += 1
                try dropSome(Int.random(in: 0...10, using: &random))
            }

            let final = try DaemonProcess(sandbox, generation: generation)
            try await final.waitReady()
            let total = workload.inputs.count
            let settled = await eventually(timeout: .seconds(40)) {
                sandbox.processedFiles().count + sandbox.rejectedInputs().count >= total
                    && sandbox.names(in: sandbox.incoming).isEmpty && sandbox.names(in: sandbox.active) == ["acks", "commands"]
            }
            let filedCount = sandbox.processedFiles().count + sandbox.rejectedInputs().count
            #expect(settled, "\(filedCount) inputs filed; incoming \(sandbox.names(in: sandbox.incoming)), active \(sandbox.names(in: sandbox.active))")

            // No lost timer: every fast order runs out (or is stood down) on its own.
            let fastOrders = Set(try sandbox.messages(ofType: "order").filter { $0.string("rule_id") == "e2e-fast" }.map(\.orderID))
            let timersRan = await eventually(timeout: .seconds(30)) {
                let ended = Set(((try? sandbox.messages()) ?? []).filter { ["unacknowledged", "standdown"].contains($0.type) }
                    .map(\.orderID))
                return fastOrders.isSubset(of: ended)
            }
            #expect(timersRan, "e2e-fast orders still open: \(fastOrders.count)\n\(final.log.suffix(3000))")
            let status = try await runDispatchd(["status", "--json", "--config", sandbox.configPath], in: sandbox).json()
            let openOrders = try #require(status["orders"] as? [[String: Any]])
            let overdue = openOrders.filter { ($0["seconds_to_deadline"] as? Int ?? 0) < -2 }
            #expect(overdue.isEmpty, "open orders past their deadline (lost timers): \(overdue)")
            #expect(await final.stop() == 0)

            try checkInputs(workload, sandbox)
            let messages = try sandbox.messages()
            try checkMessages(messages, sandbox)
            try checkDatabase(messages, sandbox)
            let elapsed = clock.now - started
            print("crash test (seed \(seed)): \(kills) kills, \(total) inputs (\(workload.inputs.filter(\.isBad).count) bad), "
                + "\(messages.count) messages (\(messages.filter { $0.type == "order" }.count) orders), \(elapsed)")
        }

        func checkInputs(_ workload: CrashWorkload, _ sandbox: DaemonSandbox) throws {
            let filed = sandbox.processedFiles().map { sandbox.processed + "/" + $0 } + sandbox.rejectedInputs().map { sandbox.rejected + "/" + $0 }
            #expect(tally(filed.map { SHA256.hex(of: sandbox.bytes($0)) }) == tally(workload.inputs.map(\.sha256)),
                    "every input filed exactly once, by content hash")
            #expect(Set(sandbox.rejectedInputs()) == Set(workload.inputs.filter(\.isBad).map(\.name)), "exactly the bad inputs rejected")
            #expect(sandbox.rejectedInputs().allSatisfy { FileManager.default.fileExists(atPath: sandbox.rejected + "/" + $0 + ".error") })
        }

        func checkMessages(_ messages: [OutgoingFile], _ sandbox: DaemonSandbox) throws {
            #expect(messages.map(\.seq) == Array(1..<(messages.count + 1)), "SEQs gapless from 1 without repeats")
            #expect(messages.allSatisfy { $0.nameSeq == $0.seq })
            let staging = (try? FileManager.default.contentsOfDirectory(atPath: sandbox.outgoing + "/.staging")) ?? []
            #expect(staging.isEmpty, "left in outgoing/.staging: \(staging)")
            for type in ["order", "standdown", "unacknowledged", "reassign"] {
                let repeated = tally(messages.filter { $0.type == type }.map(\.orderID)).filter { $0.value > 1 }
                #expect(repeated.isEmpty, "\(type) written more than once for \(repeated)")
            }
            let steps = tally(messages.filter { $0.type == "escalation" }.map { "\($0.orderID)#\($0["step"] as? Int ?? 0)" })
            #expect(steps.filter { $0.value > 1 }.isEmpty, "an escalation step written twice")
            #expect(Set(messages.map { $0["message_id"] as? String ?? "" }).count == messages.count, "message ids unique")
        }

        func checkDatabase(_ messages: [OutgoingFile], _ sandbox: DaemonSandbox) throws {
            let store = try StateStore.openReadOnly(directory: sandbox.state)
            let (orderIDs, unpublished, maxSeq) = try store.database.read { db in
                (try String.fetchAll(db, sql: "SELECT order_id FROM orders"),
                 try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE state <> 'published'") ?? -1,
                 try Int.fetchOne(db, sql: "SELECT MAX(seq) FROM outbox") ?? 0)
            }
            let issued = messages.filter { $0.type == "order" || $0.type == "reassign" }.map(\.orderID)
            #expect(issued.count == orderIDs.count, "one order or reassign file per order in the database")
            #expect(Set(issued) == Set(orderIDs))
            #expect(unpublished == 0)
            #expect(maxSeq == messages.count, "every committed message is in outgoing/")
        }
    }
}
