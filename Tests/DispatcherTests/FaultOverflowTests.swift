import Foundation
import Testing

/// An inotify queue overflow (issue 6 item 4, SPEC §2): the daemon is stopped (SIGSTOP) while
/// more files are renamed into `incoming/` than the kernel queues (`max_queued_events`,
/// 16,384 by default), then continued. It sees `IN_Q_OVERFLOW`, logs it, rescans, and files
/// every input exactly once. The inputs are cancels for incidents the daemon does not know
/// (each filed with no effect), so the test measures the rescan, not dispatching. (Identical
/// copies of one input would not do: each duplicate check reads every earlier row with the
/// same key, so N copies cost O(N²); see the report of this change.)
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
            for index in 0..<count {
                let cancel = #"{"id": "GONE-\#(index)", "msg_type": "cancel", "sent": "2026-01-01T09:00:00+08:00"}"#
                try Data(cancel.utf8).write(to: URL(fileURLWithPath: sandbox.incoming + "/.tmp/f-\(index).json"))
            }
            daemon.signal(SIGSTOP)
            var moved = 0
            for index in 0..<count where rename(sandbox.incoming + "/.tmp/f-\(index).json", sandbox.incoming + "/f-\(index).json") == 0 {
                moved += 1
            }
            daemon.signal(SIGCONT)
            #expect(moved == count)
            #expect(await eventually(timeout: .seconds(30)) { daemon.log.contains("inotify queue overflowed") }, "\(daemon.log.suffix(2000))")
            let filed = await eventually(timeout: .seconds(300)) { sandbox.processedFiles().count == count }
            #expect(filed, "\(sandbox.processedFiles().count) of \(count) filed; incoming \(sandbox.names(in: sandbox.incoming).count)")
            #expect(sandbox.names(in: sandbox.incoming).isEmpty && sandbox.rejectedInputs().isEmpty)
            #expect(try sandbox.messages().isEmpty, "cancels for unknown incidents dispatch nothing")
            #expect(await daemon.stop() == 0)
        }
    }
}
