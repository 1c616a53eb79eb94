import Foundation
import Platform
import Synchronization
import Testing
@testable import Dispatcher

/// A fault of the environment while reading one input (issue 12 point 2): the input goes back
/// to `incoming/` and really waits, 1 s then 2 s, instead of being claimed again at once by the
/// inotify event of its own give-back rename; the other inputs are not held back meanwhile. The
/// fault is injected in the daemon's read of that one file (a persistent `EIO`); everything
/// else is the real daemon in this process on real directories.
@Suite struct DaemonReadRetryTests {
    /// The times at which the faulty file was read.
    final class Attempts: Sendable {
        private let times = Mutex<[ContinuousClock.Instant]>([])
        func record() { times.withLock { $0.append(.now) } }
        var all: [ContinuousClock.Instant] { times.withLock { $0 } }
    }

    @Test func persistentReadFaultWaitsWithBackoffWhileOtherInputsFlow() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        var county = try EngineHarness.exampleCounty()
        county.settings.spool = directory.path + "/spool"
        county.settings.state = directory.path + "/state"
        let logs = StoreTestLogs()
        let daemon = Daemon(county: county, configPath: EngineHarness.repositoryRoot + "/config/dispatchd.yaml",
                            logger: logs.logger, notifier: SystemdNotifier(environment: [:]),
                            readConfig: { try LocalFiles.read($0, maxBytes: 1 << 24) })
        let attempts = Attempts()
        let faulty = FileName("faulty.json")
        daemon.intake.readFile = { directory, name, maxBytes throws(InputReadError) in
            if name == faulty {
                attempts.record()
                throw .system(SystemError(syscall: "read", errno: EIO, path: directory + "/" + name.escaped))
            }
            return try SpoolFiles.readInput(directory, name, maxBytes: maxBytes)
        }
        try daemon.start()
        defer { daemon.queue.sync { daemon.stop() } }

        let spool = county.settings.spool
        func drop(_ example: String, as name: String) throws {
            let staged = directory.path + "/" + name
            try FileManager.default.copyItem(atPath: EngineHarness.repositoryRoot + "/config/examples/" + example, toPath: staged)
            try FileManager.default.moveItem(atPath: staged, toPath: spool + "/incoming/" + name)
        }
        func processed() -> [String] {
            ((try? FileManager.default.subpathsOfDirectory(atPath: spool + "/processed")) ?? []).filter { $0.hasSuffix(".json") }
        }

        try drop("typhoon-orange-yanghe.json", as: "faulty.json")
        #expect(await eventually { attempts.all.count >= 1 })
        try drop("storm-blue-genghe.json", as: "good.json")
        #expect(await eventually(timeout: .seconds(5)) { processed().count == 1 },
                "the other input is not held back by the one that waits")
        #expect(await eventually(timeout: .seconds(20)) { attempts.all.count >= 3 }, "the faulty input is retried")
        let times = attempts.all
        let gaps = zip(times.dropFirst(), times).map { later, earlier in earlier.duration(to: later) }
        #expect(gaps.count >= 2)
        #expect(gaps[0] >= .milliseconds(900), "first retry after about 1 s, not at once: \(gaps.prefix(5))")
        #expect(gaps[1] >= .milliseconds(1800), "then after about 2 s: \(gaps.prefix(5))")
        #expect(times.count <= 4, "no spinning: \(times.count) reads")
        let failures = logs.entries.filter { $0.metadata["event"] == "transient_failure" && $0.metadata["file"] == "faulty.json" }
        #expect(failures.count == times.count, "one error per attempt")
        #expect(failures.allSatisfy { $0.level == .error })
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: spool + "/rejected")) ?? []).isEmpty,
                "a fault of the environment rejects nothing")
        #expect(FileManager.default.fileExists(atPath: spool + "/incoming/faulty.json"), "it waits in incoming/")
    }
}
