import Dispatch
import Dispatcher
import Foundation
import Logging
import Platform
import Synchronization

/// Follows the daemon's commits and hands every open board the newest state (SPEC §17);
/// `Snapshot` is what one read returns (the console's `BoardSnapshot`).
///
/// Invariants:
/// - No polling loop: inotify on the state directory (`IN_MODIFY` included, so each commit's
///   write into `dispatchd.sqlite-wal` is seen) wakes one read of the whole `Snapshot`
///   in one read-only transaction. Reads are coalesced: at most one every `minimumInterval`,
///   the first one `settle` after the event, so a burst of commits costs a few reads a second
///   and a single commit is on the boards well within 1 s.
/// - Subscribers are told a version number; they render `latest` themselves. A version is
///   bumped only when the snapshot's document differs from the one before.
/// - `close()` finishes every subscriber's stream (SIGTERM ends the event streams).
/// Crash recovery: nothing is kept on disk; a restarted console reads the state afresh and a
/// page that reconnects receives the current board at once.
public final class ChangeFeed<Snapshot: Sendable>: Sendable {
    public struct Latest: Sendable {
        public var version: Int
        public var snapshot: Snapshot?
        public var readAt: Date
        public var error: String?
    }

    private struct State {
        var latest = Latest(version: 0, snapshot: nil, readAt: .distantPast, error: nil)
        var fingerprint: String?
        var subscribers: [Int: AsyncStream<Int>.Continuation] = [:]
        var nextID = 0
        var readPending = false
        var lastRead = Date.distantPast
        var closed = false
        var watcher: DirectoryWatcher?
    }

    public let stateDirectory: String
    let read: @Sendable () throws -> Snapshot
    let fingerprint: @Sendable (Snapshot) -> String
    let logger: Logger
    let queue = DispatchQueue(label: "dispatchd-console.feed")
    let minimumInterval: TimeInterval = 0.2
    let settle: TimeInterval = 0.02
    private let state = Mutex(State())

    public init(stateDirectory: String, logger: Logger,
                read: @escaping @Sendable () throws -> Snapshot,
                fingerprint: @escaping @Sendable (Snapshot) -> String) {
        self.stateDirectory = stateDirectory
        self.read = read
        self.fingerprint = fingerprint
        self.logger = logger
    }

    /// Starts watching and reads once. A state directory that cannot be watched is an error
    /// for the caller to report (the console cannot follow the daemon without it).
    public func start() throws {
        let watcher = try DirectoryWatcher(queue: queue, logger: logger, modifications: true,
                                           onEvent: { [weak self] _, name, _ in
                                               guard name.escaped.hasPrefix(StateStore.fileName) else { return }
                                               self?.changed()
                                           },
                                           onOverflow: { [weak self] in self?.changed() })
        try watcher.watch(stateDirectory)
        watcher.start()
        state.withLock { $0.watcher = watcher }
        queue.sync { self.readNow() }
    }

    public var latest: Latest { state.withLock { $0.latest } }

    /// A stream of versions: the current one at once, then every new one.
    public func subscribe() -> AsyncStream<Int> {
        let (stream, continuation) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id: Int? = state.withLock { state in
            guard !state.closed else { return nil }
            state.nextID += 1
            state.subscribers[state.nextID] = continuation
            continuation.yield(state.latest.version)
            return state.nextID
        }
        guard let id else { continuation.finish(); return stream }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    public var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    public func close() {
        let (subscribers, watcher) = state.withLock { state in
            state.closed = true
            defer { state.subscribers = [:]; state.watcher = nil }
            return (Array(state.subscribers.values), state.watcher)
        }
        subscribers.forEach { $0.finish() }
        queue.async { watcher?.cancel() }
    }

    /// An event: schedule one read unless one is already scheduled.
    func changed() {
        let delay: TimeInterval? = state.withLock { state in
            guard !state.readPending, !state.closed else { return nil }
            state.readPending = true
            return max(settle, minimumInterval - Date().timeIntervalSince(state.lastRead))
        }
        guard let delay else { return }
        queue.asyncAfter(deadline: .now() + delay) { [weak self] in self?.readNow() }
    }

    /// Reads the state (on `queue`) and tells the subscribers when it changed.
    func readNow() {
        state.withLock { $0.readPending = false; $0.lastRead = Date() }
        let result: Result<Snapshot, any Error> = Result { try read() }
        let now = Date()
        let notify: [AsyncStream<Int>.Continuation] = state.withLock { state in
            switch result {
            case .success(let snapshot):
                let print = fingerprint(snapshot)
                let changed = print != state.fingerprint || state.latest.error != nil
                state.latest.snapshot = snapshot
                state.latest.readAt = now
                state.latest.error = nil
                guard changed else { return [] }
                state.fingerprint = print
            case .failure(let error):
                guard state.latest.error == nil else { return [] }
                state.latest.error = "\(error)"
            }
            state.latest.version += 1
            let version = state.latest.version
            return state.subscribers.values.map { continuation in continuation.yield(version); return continuation }
        }
        if case .failure(let error) = result {
            logger.warning("cannot read the state database", metadata: ["error": "\(error)"])
        }
        _ = notify
    }
}
