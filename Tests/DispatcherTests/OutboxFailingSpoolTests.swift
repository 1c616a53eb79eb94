import Foundation
import Testing
@testable import Dispatcher

/// A `MessageSpool` in memory that behaves like the real directories (rename never
/// overwrites, a file is either in `.staging/` or in `outgoing/`) and can be told to fail once
/// at any step, to stand for a crash there. `deliveries` is what gateways would have seen.
final class FailingMessageSpool: MessageSpool, @unchecked Sendable {
    enum Failure: Equatable {
        /// The n-th `stage` call (0-based, counted from when the failure is armed) throws before writing.
        case stage(call: Int)
        /// The next `publish` renames this many files, then throws before the directory fsync.
        case publish(afterRenaming: Int)
        /// The next `isStaged` call throws.
        case isStaged
    }

    struct InjectedFailure: Error, Equatable {}

    private let lock = NSLock()
    private var staging: [String: [UInt8]] = [:]
    private var outgoingFiles: [String: [UInt8]] = [:]
    private var delivered: [String] = []
    private var armed: Failure?
    private var stageCalls = 0

    /// Every file that ever appeared in `outgoing/`, in rename order.
    var deliveries: [String] { lock.withLock { delivered } }
    var stagedNames: [String] { lock.withLock { staging.keys.sorted() } }
    var outgoing: [String: [UInt8]] { lock.withLock { outgoingFiles } }

    func fail(_ failure: Failure) {
        lock.withLock {
            armed = failure
            stageCalls = 0
        }
    }

    /// A gateway reads and deletes everything in `outgoing/`.
    func consumeOutgoing() {
        lock.withLock { outgoingFiles.removeAll() }
    }

    func stage(name: String, bytes: [UInt8]) throws {
        try lock.withLock {
            if case .stage(let call) = armed {
                if stageCalls == call {
                    armed = nil
                    throw InjectedFailure()
                }
                stageCalls += 1
            }
            if let existing = staging[name], existing != bytes {
                Issue.record("stage(\(name)) would overwrite different bytes")
            }
            staging[name] = bytes
        }
    }

    func isStaged(name: String) throws -> Bool {
        try lock.withLock {
            if armed == .isStaged {
                armed = nil
                throw InjectedFailure()
            }
            return staging[name] != nil
        }
    }

    func publish(names: [String]) throws {
        try lock.withLock {
            var budget: Int?
            if case .publish(let count) = armed {
                armed = nil
                budget = count
            }
            for name in names {
                if let remaining = budget {
                    if remaining == 0 { throw InjectedFailure() }
                    budget = remaining - 1
                }
                guard let bytes = staging.removeValue(forKey: name) else {
                    Issue.record("publish(\(name)): not in .staging")
                    throw InjectedFailure()
                }
                guard outgoingFiles[name] == nil else {
                    Issue.record("publish(\(name)) would overwrite a file in outgoing/")
                    throw InjectedFailure()
                }
                outgoingFiles[name] = bytes
                delivered.append(name)
            }
            if budget != nil { throw InjectedFailure() }  // crashed before the directory fsync
        }
    }
}

@Suite struct OutboxFailingMessageSpoolTests {
    @Test func publishNeverOverwritesAndStopsWhereTheFailureIsInjected() throws {
        let spool = FailingMessageSpool()
        for name in ["a", "b", "c"] { try spool.stage(name: name, bytes: Array(name.utf8)) }
        spool.fail(.publish(afterRenaming: 2))
        #expect(throws: FailingMessageSpool.InjectedFailure.self) { try spool.publish(names: ["a", "b", "c"]) }
        #expect(spool.deliveries == ["a", "b"])
        #expect(spool.stagedNames == ["c"])
        #expect(try spool.isStaged(name: "c"))
        #expect(try spool.isStaged(name: "a") == false)
    }
}
