import Dispatch
import Dispatcher
import Foundation
import Platform

/// What the daemon made of a file the CLI dropped (`--wait`, SPEC §14).
enum Verdict: Equatable {
    /// Filed under `processed/`: its effects are committed.
    case applied(path: String)
    /// Filed under `rejected/` with its `.error` text.
    case rejected(path: String, reason: String)
    /// Neither within the time given.
    case timedOut
}

/// Waits, without a busy loop, until a dropped file reaches `processed/YYYY-MM-DD/` or
/// `rejected/`: inotify on those directories wakes the waiter (`ChangeWatcher`), and a rescan
/// once a second covers a missed event or a day directory created meanwhile. The dropped
/// name is unique (see `CommandDrop`), so the file keeps it there.
enum VerdictWait {
    static func wait(for name: FileName, layout: SpoolLayout, seconds: Int) -> Verdict {
        let wake = DispatchSemaphore(value: 0)
        let watcher = try? ChangeWatcher(queue: DispatchQueue(label: "dispatchd.wait")) { wake.signal() }
        for directory in [layout.processed, layout.rejected] { try? watcher?.watch(directory) }
        watcher?.start()
        defer { watcher?.cancel() }
        let deadline = DispatchTime.now() + .seconds(seconds)
        while true {
            let days = dayDirectories(layout)
            for day in days { try? watcher?.watch(day) }   // idempotent for a directory already watched
            if let verdict = look(for: name, layout: layout, days: days) { return verdict }
            let now = DispatchTime.now()
            if now >= deadline { return .timedOut }
            _ = wake.wait(timeout: min(deadline, now + .seconds(1)))
        }
    }

    /// Today's and yesterday's `processed/` day directories (UTC, as the daemon names them)
    /// that exist: a file claimed just before midnight is filed under yesterday.
    static func dayDirectories(_ layout: SpoolLayout) -> [String] {
        let now = Date()
        return [now, now.addingTimeInterval(-86_400)].map { layout.processed + "/" + SpoolFiles.utcDay($0) }
            .filter { FileManager.default.fileExists(atPath: $0) }
    }

    static func look(for name: FileName, layout: SpoolLayout, days: [String]) -> Verdict? {
        for day in days where (try? SpoolFiles.exists(day, name)) == true {
            return .applied(path: day + "/" + name.escaped)
        }
        guard (try? SpoolFiles.exists(layout.rejected, name)) == true else { return nil }
        let errorName = SpoolFiles.errorCompanionName(for: name)
        let reason = (try? LocalFiles.read(layout.rejected + "/" + errorName.escaped, maxBytes: 1 << 20))
            .map { String(decoding: $0, as: UTF8.self) } ?? ""
        return .rejected(path: layout.rejected + "/" + name.escaped, reason: reason.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
