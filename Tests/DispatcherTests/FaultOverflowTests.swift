import Foundation
import Testing

/// An inotify queue overflow (issue 6 item 4, SPEC §2). The daemon is stopped (SIGSTOP)
/// while more events than the kernel queues (`max_queued_events`, 16,384 by default) are made
/// in `incoming/`: a dot file renamed back and forth (ignored by the daemon, one `IN_MOVED_TO`
/// each), and only then 300 real inputs renamed in, so their own events are the ones dropped.
/// Continued, the daemon sees `IN_Q_OVERFLOW`, logs it, rescans, and files every input exactly
/// once. The safety rescan is set to an hour, so only the overflow rescan can find them.
/// (100,000 real files at once: `scripts/torture.sh`, full form.)
extension DaemonEndToEndTests {
    @Suite struct FaultOverflow {
        static var queueLimit: Int {
            (try? String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8))
                .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 16_384
        }

        @Test func overflowRescanFindsEveryFile() async throws {
            let sandbox = try DaemonSandbox(rescanInterval: "1h")
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            let inputs = 300
            for index in 0..<inputs {
                // Cancels for incidents the daemon does not know: each is filed with no effect.
                let cancel = #"{"id": "GONE-\#(index)", "msg_type": "cancel", "sent": "2026-01-01T09:00:00+08:00"}"#
                try Data(cancel.utf8).write(to: URL(fileURLWithPath: sandbox.incoming + "/.tmp/f-\(index).json"))
            }
            let flip = [sandbox.incoming + "/.flip-a", sandbox.incoming + "/.flip-b"]
            try sandbox.write(flip[0], "ignored\n")

            // Every thread must really be stopped before the first rename: one still inside a
            // system call would drain the queue on its way out, and nothing would overflow.
            let stopped = await daemon.stopAndWaitUntilStopped()
            #expect(stopped, "the daemon did not stop; thread states \(daemon.threadStates())")
            var events = 0
            for index in 0..<(2 * Self.queueLimit) where rename(flip[index % 2], flip[(index + 1) % 2]) == 0 {
                events += 1
            }
            var moved = 0
            for index in 0..<inputs where rename(sandbox.incoming + "/.tmp/f-\(index).json", sandbox.incoming + "/f-\(index).json") == 0 {
                moved += 1
            }
            let statesDuringRenames = daemon.threadStates()
            daemon.signal(SIGCONT)
            #expect(events > Self.queueLimit && moved == inputs)

            #expect(await eventually(timeout: .seconds(30)) { daemon.log.contains("inotify queue overflowed") },
                    "thread states after the renames \(statesDuringRenames); log: \(daemon.log.suffix(1500))")
            let filed = await eventually(timeout: .seconds(60)) { sandbox.processedFiles().count == inputs }
            #expect(filed, "\(sandbox.processedFiles().count) of \(inputs) filed; incoming \(sandbox.names(in: sandbox.incoming).count)")
            #expect(sandbox.names(in: sandbox.incoming).isEmpty && sandbox.rejectedInputs().isEmpty)
            #expect(Set(sandbox.processedFiles().map { String($0.split(separator: "/").last ?? "") })
                    == Set((0..<inputs).map { "f-\($0).json" }), "every input filed exactly once")
            #expect(try sandbox.messages().isEmpty, "cancels for unknown incidents dispatch nothing")
            #expect(await daemon.stop() == 0)
        }
    }
}
