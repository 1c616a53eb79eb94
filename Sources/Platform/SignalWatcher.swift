import Dispatch
import Glibc

/// Turns SIGTERM, SIGINT and SIGHUP (or any given signals) into handler calls on a queue.
///
/// Each signal's default action is replaced by `SIG_IGN` first, so the process is not killed
/// before the `DispatchSourceSignal` sees it; the sources are held strongly until `cancel()`.
/// On Linux libdispatch reads signals through a `signalfd`, which only sees a signal that every
/// thread blocks: a thread that does not block it receives it and SIG_IGN discards it. So the
/// watcher blocks the signals in the calling thread; create it on the main thread at start-up,
/// before any other thread exists, so that every later thread inherits the mask.
/// `@unchecked Sendable`: `sources` is written only in `init` and `cancel()`, which the owner
/// calls once, on one thread.
public final class SignalWatcher: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    public init(signals: [Int32] = [SIGTERM, SIGINT, SIGHUP], queue: DispatchQueue,
                handler: @escaping @Sendable (_ signal: Int32) -> Void) {
        var blocked = sigset_t()
        sigemptyset(&blocked)
        for signo in signals { sigaddset(&blocked, signo) }
        // Keep the signals pending for libdispatch's signalfd instead of letting this thread
        // (and the threads it starts later, which inherit the mask) discard them.
        pthread_sigmask(SIG_BLOCK, &blocked, nil)
        for signo in signals {
            _ = signal(signo, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signo, queue: queue)
            source.setEventHandler { handler(signo) }
            source.resume()
            sources.append(source)
        }
    }

    public func cancel() {
        for source in sources { source.cancel() }
        sources = []
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
