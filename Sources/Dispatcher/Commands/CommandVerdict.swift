import Foundation
import Platform

/// The daemon's verdict on a file dropped into a spool (for `--wait` and the console): where
/// the daemon filed it, under the name it was dropped as (SPEC §2): applied (or a duplicate)
/// → `processed/YYYY-MM-DD/NAME`, refused → `rejected/NAME` with `rejected/NAME.error`.
public enum CommandVerdict: Sendable, Equatable {
    /// Not filed yet (still in the drop directory, or being applied).
    case pending
    /// Filed in `processed/` (the path).
    case applied(String)
    /// Filed in `rejected/`: the `.error` text.
    case rejected(String)

    /// Looks for `name` (as `CommandDrop.place` returned it) in `processed/` (today's and
    /// yesterday's UTC day, so a drop just before midnight is found) and `rejected/`.
    public static func find(_ name: FileName, in layout: SpoolLayout, now: Date = Date()) -> CommandVerdict {
        let files = FileManager.default
        let rejected = layout.rejected + "/" + name.escaped
        if files.fileExists(atPath: rejected) {
            let error = layout.rejected + "/" + SpoolFiles.errorCompanionName(for: name).escaped
            return .rejected((try? String(contentsOfFile: error, encoding: .utf8)) ?? "rejected (no .error beside it)")
        }
        for date in [now, now.addingTimeInterval(-86_400), now.addingTimeInterval(86_400)] {
            let path = layout.processed + "/" + SpoolFiles.utcDay(date) + "/" + name.escaped
            if files.fileExists(atPath: path) { return .applied(path) }
        }
        return .pending
    }
}
