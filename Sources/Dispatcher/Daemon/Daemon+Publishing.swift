import Foundation
import Logging
import Platform

/// Publication of committed messages, off the event loop (see the `Daemon` invariants): the
/// loop asks with `publish()`, the run happens on `publishQueue`, and its end comes back to the
/// loop, which files away the inputs the run covered. Everything here except the run itself
/// happens on `queue`.
///
/// Crash story: nothing here is durable state of its own. A message is committed in the outbox
/// before it is published (`OutboxPublisher` publishes exactly once, also after a crash), and
/// an input still in `active/` when the process dies is processed again at start-up and
/// recognised as a duplicate.
extension Daemon {
    /// Publishes committed messages on `publishQueue` (the publisher first finishes what a crash
    /// or an earlier fault left staged) while the loop goes on with the next batch; a request
    /// while a run is under way becomes one more run after it. On a fault the messages wait in
    /// the outbox and are retried with backoff.
    func publish() {
        guard !publishRunning else {
            publishAgain = true
            return
        }
        publishRunning = true
        filingsInRun = filingsWaiting
        filingsWaiting = []
        let publisher = self.publisher
        publishQueue.async { [self] in
            let outcome = Result<Int, any Error> { try publisher.publishPending() }
            queue.async { self.finishPublishing(outcome) }
        }
    }

    private func finishPublishing(_ outcome: Result<Int, any Error>) {
        publishRunning = false
        runFilings(&filingsInRun)
        switch outcome {
        case .success:
            publishSucceeded()
            if publishAgain {
                publishAgain = false
                publish()
            }
        case .failure(let error):
            publishAgain = false   // the retry timer publishes everything then
            publishFailed(error)
        }
    }

    /// Publishes on the loop itself, after any run under way: at start-up (recovery before
    /// `READY=1`) and at stop.
    func publishNow() {
        publishQueue.sync {}
        runFilings(&filingsInRun)
        do {
            _ = try publisher.publishPending()
            publishSucceeded()
        } catch {
            publishFailed(error)
        }
        runFilings(&filingsWaiting)
    }

    private func runFilings(_ filings: inout [() -> Void]) {
        let due = filings
        filings = []
        for filing in due { filing() }
    }

    private func publishSucceeded() {
        if publishBackoff > 0 {
            logger.notice("outgoing spool writable again: pending messages published",
                          metadata: ["event": "publish_recovered", "failed_attempts": "\(publishFailures)"])
        }
        publishBackoff = 0
        publishFailures = 0
        publishErrorLoggedAt = nil
        publishHints?.cancel()
        publishHints = nil
    }

    /// A failed run: the messages wait in the outbox. The next try comes on a hint that the
    /// fault may be over (anything changing in `outgoing/` or the spool directory: a directory
    /// made writable or put back, files removed to free space), else on the timer, at most 1 s
    /// later (SPEC §13: every waiting message within 1 s of the fault's end). Logged at error
    /// on the first failure, then once a minute with the count, not once a second.
    private func publishFailed(_ error: any Error) {
        publishBackoff = min(max(publishBackoff * 2, 0.25), 1)
        publishFailures += 1
        let now = clock()
        if publishErrorLoggedAt.map({ now.timeIntervalSince($0) >= 60 || now < $0 }) ?? true {
            publishErrorLoggedAt = now
            logger.error("cannot publish messages: they wait in the outbox and are retried",
                         metadata: ["event": "publish_failed", "error": "\(error)", "failed_attempts": "\(publishFailures)",
                                    "retry_in_seconds": "\(publishBackoff)"])
        }
        if publishHints == nil {
            publishHints = try? ChangeWatcher(watching: [layout.outgoing, layout.root], queue: queue) { [weak self] in
                self?.publishHinted()
            }
        }
        scheduler.schedule(id: .publish, at: now.addingTimeInterval(publishBackoff))
    }

    /// A hint while publishing fails: try again shortly (20 ms, so that a burst of events
    /// costs one try; the timer replaces the later one).
    private func publishHinted() {
        guard publishBackoff > 0 else { return }
        scheduler.schedule(id: .publish, at: clock().addingTimeInterval(0.02))
    }
}
