import Dispatch
import Glibc

/// Tells when anything changes in or to a set of directories: a file written, created, renamed
/// in or out, removed, its attributes changed, or the directory itself moved or deleted. For
/// owners to whom which name changed does not matter, only that a fresh look is due:
/// `dispatchd status --watch` (the state directory), `--wait` (`processed/` and `rejected/`),
/// and the daemon's publisher while a fault lasts (`outgoing/` and the spool: a directory made
/// writable again or put back, files removed to free space).
///
/// Invariants:
/// - Hints only: nothing is read from the events but their arrival; a lost or coalesced event
///   costs only the wait for the owner's own timer, which every owner keeps.
/// - One inotify descriptor (`IN_NONBLOCK|IN_CLOEXEC`) read by one `DispatchSourceRead` on the
///   owner's queue; each wake-up drains every pending record and calls `onChange` once, so a
///   burst of writes costs one re-read. An overflow is a change too.
/// - The descriptor is closed in the source's cancel handler, never while it may be read.
///
/// Concurrency: `@unchecked Sendable` because `source` is only set in `start()` and cleared in
/// `cancel()`, both called by the owner before and after events flow; `watch` may be called at
/// any time (inotify itself is thread-safe).
public final class ChangeWatcher: @unchecked Sendable {
    private let fd: Int32
    private let queue: DispatchQueue
    private let onChange: @Sendable () -> Void
    private var source: DispatchSourceRead?

    static let mask = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB | IN_CREATE | IN_DELETE | IN_MOVED_FROM
        | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

    public init(queue: DispatchQueue, onChange: @escaping @Sendable () -> Void) throws(SystemError) {
        self.fd = try Syscall.call("inotify_init1") { inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC)) }
        self.queue = queue
        self.onChange = onChange
    }

    /// A watcher already started on `directories`; one that cannot be watched (it is gone) is
    /// skipped, the owner's timer covers it.
    public convenience init(watching directories: [String], queue: DispatchQueue,
                            onChange: @escaping @Sendable () -> Void) throws(SystemError) {
        try self.init(queue: queue, onChange: onChange)
        for directory in directories { try? watch(directory) }
        start()
    }

    /// Adds a directory to the watch set (idempotent for one already watched).
    public func watch(_ directory: String) throws(SystemError) {
        _ = try Syscall.call("inotify_add_watch", path: directory) { inotify_add_watch(fd, directory, ChangeWatcher.mask) }
    }

    /// Starts delivering changes on the queue.
    public func start() {
        precondition(source == nil, "ChangeWatcher.start() called twice")
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        let fd = self.fd
        source.setEventHandler { [weak self] in self?.drain() }
        source.setCancelHandler { Syscall.close(fd) }
        self.source = source
        source.resume()
    }

    /// Stops the watcher; the descriptor is closed once the source is cancelled.
    public func cancel() {
        if let source { source.cancel() } else { Syscall.close(fd) }
        source = nil
    }

    deinit { source?.cancel() }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        var changed = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if count > 0 { changed = true; continue }
            break   // EAGAIN (drained), or an error: report what we have, the owner re-reads anyway
        }
        if changed { onChange() }
    }
}
