import Foundation
import Testing

/// An inotify queue overflow (issue 6 item 4, SPEC §2): the daemon is stopped (SIGSTOP) while
/// more files are renamed into `incoming/` than the kernel queues (`max_queued_events`,
/// 16,384 by default), then continued. It sees `IN_Q_OVERFLOW`, logs it, rescans, and files
/// every input exactly once. The inputs are copies of one incident (one applied, the rest
/// duplicates), so the test measures the rescan, not dispatching.
extension DaemonEndToEndTests {
    @Suite struct FaultOverflow {
        static var fileCount: Int {
            let queued = (try? String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8))
                .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 16_384
            return queued + 500
        }

        @Test func overflowRescanFindsEveryFile() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            let count = Self.fileCount
            let bytes = Data(DaemonSandbox.incident(id: "FLOOD-1", kind: "e2e-reassign").utf8)
            for index in 0..<count {
                try bytes.write(to: URL(fileURLWithPath: sandbox.incoming + "/.tmp/f-\(index).json"))
            }
            daemon.signal(SIGSTOP)
            var moved = 0
            for index in 0..<count where rename(sandbox.incoming + "/.tmp/f-\(index).json", sandbox.incoming + "/f-\(index).json") == 0 {
                moved += 1
            }
            daemon.signal(SIGCONT)
            #expect(moved == count)
            #expect(await eventually(timeout: .seconds(30)) { daemon.log.contains("inotify queue overflowed") }, "\(daemon.log.suffix(2000))")
            let filed = await eventually(timeout: .seconds(240)) { sandbox.processedFiles().count == count }
            #expect(filed, "\(sandbox.processedFiles().count) of \(count) filed; incoming \(sandbox.names(in: sandbox.incoming).count)")
            #expect(sandbox.names(in: sandbox.incoming).isEmpty && sandbox.rejectedInputs().isEmpty)
            #expect(try sandbox.messages(ofType: "order").map(\.incidentID) == ["FLOOD-1"], "one incident, the rest duplicates")
            #expect(await daemon.stop() == 0)
        }
    }
}
