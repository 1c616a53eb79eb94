import Foundation
import Testing

/// An inotify queue overflow (issue 6 item 4, SPEC §2). The daemon is stopped (SIGSTOP)
/// while more events than the kernel queues (`max_queued_events`, 16,384 by default) are made
/// in `incoming/`: a dot file renamed back and forth (ignored by the daemon, one `IN_MOVED_TO`
/// each), and only then 100 real inputs renamed in, so their own events are the ones dropped.
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
            let flip = [sandbox.incoming + "/.flip-a", sandbox.incoming + "/.flip-b"]
            try sandbox.write(flip[0], "ignored\n")

            // The scenario needs a daemon that stays stopped from before the first rename to after
            // the last: a thread still inside a system call would drain the queue on its way out,
            // and a SIGCONT from elsewhere would do the same. Both are checked in /proc; a round in
            // which the daemon was not stopped throughout is said and repeated with new inputs.
            var names: [String] = []
            var stoppedRound = false
            for round in 0..<3 where !stoppedRound {
                let batch = (0..<100).map { "f-\(round)-\($0).json" }
                for (index, name) in batch.enumerated() {
                    // Cancels for incidents the daemon does not know: each is filed with no effect.
                    let cancel = #"{"id": "GONE-\#(round)-\#(index)", "msg_type": "cancel", "sent": "2026-01-01T09:00:00+08:00"}"#
                    try Data(cancel.utf8).write(to: URL(fileURLWithPath: sandbox.incoming + "/.tmp/" + name))
                }
                let stoppedBefore = await daemon.stopAndWaitUntilStopped()
                var events = 0
                for index in 0..<(2 * Self.queueLimit) where rename(flip[index % 2], flip[(index + 1) % 2]) == 0 {
                    events += 1
                }
                var moved = 0
                for name in batch where rename(sandbox.incoming + "/.tmp/" + name, sandbox.incoming + "/" + name) == 0 {
                    moved += 1
                }
                let statesAfter = daemon.threadStates()
                daemon.signal(SIGCONT)
                #expect(events > Self.queueLimit && moved == batch.count)
                names += batch
                stoppedRound = stoppedBefore && !statesAfter.isEmpty && statesAfter.allSatisfy { $0 == "T" || $0 == "t" }
                if !stoppedRound {
                    print("note: round \(round): the daemon was not stopped throughout (thread states after the renames: \(statesAfter)); again")
                }
            }
            #expect(stoppedRound, "the daemon could not be kept stopped while the events were made")
            let inputs = names.count

            #expect(await eventually(timeout: .seconds(30)) { daemon.log.contains("inotify queue overflowed") },
                    "log: \(daemon.log.suffix(1500))")
            let filed = await eventually(timeout: .seconds(60)) { sandbox.processedFiles().count == inputs }
            #expect(filed, "\(sandbox.processedFiles().count) of \(inputs) filed; incoming \(sandbox.names(in: sandbox.incoming).count)")
            #expect(sandbox.names(in: sandbox.incoming).isEmpty && sandbox.rejectedInputs().isEmpty)
            let filedNames = sandbox.processedFiles().map { String($0.split(separator: "/").last ?? "") }
            #expect(filedNames.count == inputs && Set(filedNames) == Set(names), "every input filed exactly once")
            #expect(try sandbox.messages().isEmpty, "cancels for unknown incidents dispatch nothing")
            #expect(await daemon.stop() == 0)
        }
    }
}
