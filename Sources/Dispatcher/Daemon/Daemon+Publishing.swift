import Foundation
import Logging

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
        let publisher = self.publisher!
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
                          metadata: ["event": "publish_recovered"])
        }
        publishBackoff = 0
    }

    private func publishFailed(_ error: any Error) {
        publishBackoff = min(max(publishBackoff * 2, 1), 60)
        logger.error("cannot publish messages: they wait in the outbox and are retried",
                     metadata: ["event": "publish_failed", "error": "\(error)", "retry_in_seconds": "\(Int(publishBackoff))"])
        scheduler.schedule(id: "publish", at: clock().addingTimeInterval(publishBackoff))
    }
}
