import Dispatch
import Foundation
import Glibc
import Testing
@testable import Platform

@Suite struct SignalWatcherTests {
    @Test func deliversARealSignalToTheHandler() async {
        let received = Recorder<Int32>()
        let watcher = SignalWatcher(signals: [SIGHUP], queue: DispatchQueue(label: "test.signals")) {
            received.append($0)
        }
        defer { watcher.cancel() }
        // Inside the test runner, threads started before the watcher do not block SIGHUP, so
        // the kernel may hand a signal to one of them, where SIG_IGN discards it. (The daemon
        // creates its watcher on the main thread first, so every thread inherits the block.)
        // So the test re-sends until one reaches the dispatch source, within a deadline.
        var delivered = false
        for _ in 0..<30 where !delivered {
            #expect(kill(getpid(), SIGHUP) == 0)
            delivered = await eventually(timeout: .milliseconds(100)) { !received.values.isEmpty }
        }
        #expect(delivered)
        #expect(received.values.allSatisfy { $0 == SIGHUP })
    }

    @Test func currentUIDMatchesGetuid() {
        #expect(currentUID() == getuid())
        let first = MonotonicClock.microseconds()
        #expect(MonotonicClock.microseconds() >= first)
    }
}
