import Foundation
import Testing

/// A state directory that disappears under the running daemon (issue 6 item 4). SQLite would
/// keep writing to the removed file, and those commits would vanish at the next start; so the
/// daemon commits nothing more: new inputs stay in `incoming/`, logged at critical, and the
/// daemon keeps running. After a restart on a fresh state directory the waiting input is
/// processed, and SEQs continue above the published ones (the spool's high-water mark), so no
/// gateway sees a SEQ twice.
extension DaemonEndToEndTests {
    @Suite struct FaultState {
        @Test func removedStateDirectoryHoldsInputsUntilARestart() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            try sandbox.drop("before.json", DaemonSandbox.incident(id: "STATE-1", kind: "e2e-reassign"))
            #expect(await eventually { (try? sandbox.messages().count) == 2 }, "mode and order\n\(daemon.log)")

            try FileManager.default.removeItem(atPath: sandbox.state)
            try sandbox.drop("after.json", DaemonSandbox.incident(id: "STATE-2", kind: "e2e-reassign", area: "gaoming/genghe"))
            #expect(await eventually { daemon.log.contains("<2>the state database was removed or replaced") }, "\(daemon.log)")
            #expect(await eventually { sandbox.names(in: sandbox.incoming) == ["after.json"] }, "the input waits\n\(daemon.log)")
            #expect(sandbox.processedFiles().count == 1 && sandbox.rejectedInputs().isEmpty)
            #expect(daemon.process.isRunning)
            #expect(await daemon.stop() == 0)

            let restarted = try DaemonProcess(sandbox, generation: 1)
            try await restarted.waitReady()
            #expect(await eventually { sandbox.processedFiles().count == 2 }, "\(restarted.log)")
            #expect(await eventually { (try? sandbox.messages(ofType: "order").count) == 2 }, "\(restarted.log)")
            let orders = try sandbox.messages(ofType: "order")
            let first = try #require(orders.first { $0.incidentID == "STATE-1" })
            let second = try #require(orders.first { $0.incidentID == "STATE-2" })
            #expect(second.seq > first.seq, "SEQs are never reused after the state is lost")
            #expect(Set(try sandbox.messages().map(\.seq)).count == (try sandbox.messages()).count)
            #expect(await restarted.stop() == 0)
        }
    }
}
