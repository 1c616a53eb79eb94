import Dispatch
import Glibc

/// Calls `onChange` when anything changes in or to a few directories: a hint that a fault of
/// the environment may have ended (a directory made writable again, replaced, files deleted to
/// free space), so the owner retries at once instead of waiting for its timer.
///
/// Invariants:
/// - Hints only: nothing is read from the events but their arrival, a lost or coalesced event
///   costs only the wait for the owner's timer, and one wake-up calls `onChange` once.
/// - One inotify descriptor (`IN_NONBLOCK|IN_CLOEXEC`) read by one `DispatchSourceRead` on the
///   owner's queue; the descriptor is closed in the cancel handler, never while the source may
///   still read it. A directory that cannot be watched (it is gone) is skipped.
///
/// Concurrency: every stored property is a constant set in `init`; cancelling a Dispatch source
/// is thread-safe (hence `@unchecked Sendable`: `DispatchSourceRead` is not marked `Sendable`).
public final class ChangeHints: @unchecked Sendable {
    private let source: any DispatchSourceRead

    /// Attributes, names created, deleted or moved in or out, and the directory itself moved
    /// or deleted.
    static let mask = UInt32(IN_ATTRIB | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
        | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

    public init(watching directories: [String], queue: DispatchQueue,
                onChange: @escaping @Sendable () -> Void) throws(SystemError) {
        let fd = try Syscall.call("inotify_init1") { inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC)) }
        for directory in directories { _ = inotify_add_watch(fd, directory, ChangeHints.mask) }
        source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        source.setEventHandler {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while buffer.withUnsafeMutableBytes({ read(fd, $0.baseAddress!, $0.count) }) > 0 {}
            onChange()
        }
        source.setCancelHandler { Syscall.close(fd) }
        source.resume()
    }

    /// Stops the hints; the descriptor is closed once the source is cancelled.
    public func cancel() {
        source.cancel()
    }

    deinit {
        source.cancel()
    }
}
