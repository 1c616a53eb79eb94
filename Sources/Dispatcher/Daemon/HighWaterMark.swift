import Foundation
import Platform
import Synchronization

/// The SEQ high-water mark file (see `SequenceGuard`), kept in the spool, outside the state
/// database: the highest SEQ ever handed to the outgoing spool, rewritten durably before each
/// batch is published. After a restore from backup the counter restarts above it, never at a
/// SEQ a gateway has already seen; after an ordinary restart (even `kill -9`) the database's
/// counter is already above it, so SEQs stay gapless.
///
/// It must be the exact SEQ, not a reservation ahead of it: `SequenceGuard.reconcile` cannot
/// tell a reservation from a restore, and a reservation made every restart skip up to that
/// many SEQs (found by the end-to-end crash test).
final class HighWaterMark: Sendable {
    private let layout: SpoolLayout
    /// The SEQ last made durable; the lock also serializes the writes of the file.
    private let recorded: Mutex<Int64>

    init(layout: SpoolLayout) {
        self.layout = layout
        let text = (try? SpoolFiles.readSmallFile(layout.root, SpoolLayout.highWaterMarkName, maxBytes: 64)) ?? []
        self.recorded = Mutex(Int64(String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0)
    }

    /// The mark to reconcile the database counter with at start-up (nil when none yet).
    var mark: Int64? { recorded.withLock { $0 > 0 ? $0 : nil } }

    /// Called before a batch whose highest SEQ is `seq` is published.
    func record(_ seq: Int64) throws {
        try recorded.withLock { recorded in
            guard seq > recorded else { return }
            // Fixed width, overwritten in place: one fdatasync per published batch.
            let text = String(repeating: "0", count: max(0, 20 - String(seq).count)) + "\(seq)\n"
            try SpoolFiles.overwriteInPlace(layout.root, SpoolLayout.highWaterMarkName, bytes: Array(text.utf8))
            recorded = seq
        }
    }
}
