import Dispatch
import Glibc
import Logging

/// Watches spool directories with inotify and reports names that arrive.
///
/// Invariants:
/// - Events are hints, scans are the truth (SPEC §2): a lost or coalesced event costs only
///   latency. On `IN_Q_OVERFLOW` the watcher calls `onOverflow` so the owner rescans.
/// - One inotify descriptor (`IN_NONBLOCK|IN_CLOEXEC`) read by one `DispatchSourceRead` on the
///   caller's queue; each wake-up reads until `EAGAIN`. The source is held strongly by the
///   watcher (a dropped source never fires and says nothing).
/// - `cancel()` cancels the source; the descriptor is closed in the cancel handler, so it is
///   never closed while the source may still read it.
///
/// Concurrency: `@unchecked Sendable` because all mutable state (`directories`, `source`) is
/// only touched on `queue` after `start()`; `start()`/`watch()` are called before events
/// flow, and the handlers run on `queue`.
public final class DirectoryWatcher: @unchecked Sendable {
    public typealias EventHandler = @Sendable (_ directory: String, _ name: FileName,
                                               _ kind: DirectoryEventKind) -> Void

    private let fd: Int32
    private let queue: DispatchQueue
    private let logger: Logger
    private let onEvent: EventHandler
    private let onOverflow: @Sendable () -> Void
    private var directories: [Int32: String] = [:]
    private var source: DispatchSourceRead?
    private let mask: UInt32

    /// Watch mask: a direct write finished, a rename in, a create, (overflow always reported).
    static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_ONLYDIR)

    /// With `modifications: true` every write into a watched file is reported too
    /// (`IN_MODIFY`), for a reader that follows a database's WAL file (the console, SPEC §17).
    public init(queue: DispatchQueue, logger: Logger, modifications: Bool = false,
                onEvent: @escaping EventHandler,
                onOverflow: @escaping @Sendable () -> Void) throws(SystemError) {
        self.mask = DirectoryWatcher.mask | (modifications ? UInt32(IN_MODIFY) : 0)
        self.fd = try Syscall.call("inotify_init1") {
            inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        }
        self.queue = queue
        self.logger = logger
        self.onEvent = onEvent
        self.onOverflow = onOverflow
    }

    /// Adds a directory to the watch set. Call before `start()` (or on the queue).
    public func watch(_ directory: String) throws(SystemError) {
        let wd = try Syscall.call("inotify_add_watch", path: directory) {
            inotify_add_watch(fd, directory, mask)
        }
        directories[wd] = directory
    }

    /// Starts delivering events on the queue.
    public func start() {
        precondition(source == nil, "DirectoryWatcher.start() called twice")
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        let fd = self.fd
        source.setEventHandler { [weak self] in self?.drain() }
        source.setCancelHandler { Syscall.close(fd) }
        self.source = source
        source.resume()
    }

    /// Stops the watcher; the descriptor is closed once the source is cancelled.
    public func cancel() {
        if let source {
            source.cancel()
        } else {
            Syscall.close(fd)
        }
        source = nil
    }

    /// Reads until EAGAIN and dispatches each record.
    private func drain() {
        let bufferSize = 64 * 1024
        var buffer = [UInt8](repeating: 0, count: bufferSize)
        while true {
            let count: Int?
            do {
                count = try Syscall.call("read", path: "inotify", tolerating: [EAGAIN]) {
                    buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, bufferSize) }
                }
            } catch {
                logger.error("inotify read failed; rescanning",
                             metadata: ["error": "\(error)"])
                onOverflow()
                return
            }
            guard let count, count > 0 else { return }
            let records = buffer.withUnsafeBytes {
                InotifyParser.parse(UnsafeRawBufferPointer(rebasing: $0[..<count]))
            }
            deliver(records)
        }
    }

    /// Routes parsed records to the handlers (internal so tests can feed synthetic records).
    func deliver(_ records: [InotifyRecord]) {
        for record in records {
            if record.isOverflow {
                logger.warning("inotify queue overflowed; rescanning")
                onOverflow()
                continue
            }
            if record.mask & UInt32(IN_IGNORED) != 0 {
                if let directory = directories.removeValue(forKey: record.watchDescriptor) {
                    logger.error("watched directory went away",
                                 metadata: ["directory": "\(directory)"])
                }
                continue
            }
            guard let name = record.name, let kind = record.kind,
                  let directory = directories[record.watchDescriptor] else { continue }
            onEvent(directory, name, kind)
        }
    }
}
