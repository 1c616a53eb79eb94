import Dispatch
import Glibc

/// Turns SIGTERM, SIGINT and SIGHUP (or any given signals) into handler calls on a queue.
///
/// Each signal's default action is replaced by `SIG_IGN` first, so the process is not killed
/// before the `DispatchSourceSignal` sees it; the sources are held strongly until `cancel()`.
/// `@unchecked Sendable`: `sources` is written only in `init` and `cancel()`, which the owner
/// calls once, on one thread.
public final class SignalWatcher: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    public init(signals: [Int32] = [SIGTERM, SIGINT, SIGHUP], queue: DispatchQueue,
                handler: @escaping @Sendable (_ signal: Int32) -> Void) {
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
