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
        #expect(kill(getpid(), SIGHUP) == 0)
        #expect(await eventually { !received.values.isEmpty })
        #expect(received.values == [SIGHUP])
    }

    @Test func currentUIDMatchesGetuid() {
        #expect(currentUID() == getuid())
        let first = MonotonicClock.microseconds()
        #expect(MonotonicClock.microseconds() >= first)
    }
}
