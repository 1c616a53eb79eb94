import Foundation
import Platform

/// `dispatchd restore SRC` (SPEC §18): replaces the state database with a backup's.
///
/// Invariants:
/// - Refuses while a daemon runs on the state: it takes the daemon's `StateLock` first and
///   holds it to the end, so no daemon starts half-way either.
/// - Nothing is replaced before every file in SRC matches its manifest (size and SHA-256) and
///   the backup's database passes its checks; on a refusal nothing was changed.
/// - The database it replaces (with its `-wal` and `-shm`) is kept in `STATE/replaced-STAMP/`.
/// - SEQ never goes back: the new mark is the largest of the backup's, the spool's mark file
///   and the replaced database's counter; it is written to the spool's mark file, and the
///   restored copy's counter and outbox are set above and below it (`StateSnapshot.prepareForRestore`).
///
/// Crash recovery: the copy is prepared under a dot name and renamed over the live name last,
/// after the old database was checkpointed into one file and linked into `replaced-STAMP/`;
/// an interrupted restore is run again (the mark only grows, so a second run is safe).
public enum StateRestore {
    public struct Report: Sendable {
        public var manifest: BackupManifest
        public var restoredFacts: StateSnapshot.Facts
        /// Where the replaced database went (nil when there was none).
        public var replacedDirectory: String?
        /// The SEQ mark after the restore: the next message gets a higher SEQ.
        public var seqHighWater: Int64
        /// Outbox rows of the backup that were published after it was taken (not sent again).
        public var alreadyPublished: Int
    }

    public static func run(layout: SpoolLayout, source: String, now: Date = Date()) throws -> Report {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw AdminError(.sourceMissing, path: source)
        }
        let manifest = try verify(source: source)
        let backupDatabase = source + "/" + BackupManifest.databasePath
        let facts: StateSnapshot.Facts
        do { facts = try StateSnapshot.inspect(path: backupDatabase) } catch let error as StoreError {
            throw AdminError(.state(error), path: backupDatabase)
        }

        let lock: StateLock?
        do { lock = try StateLock.acquire(stateDirectory: layout.state) } catch {
            throw AdminError(.system(error), path: layout.state)
        }
        guard let lock else { throw AdminError(.daemonRunning, path: layout.state + "/" + StateLock.fileName) }
        defer { withExtendedLifetime(lock) {} }

        let live = layout.state + "/" + StateStore.fileName
        let liveExists = FileManager.default.fileExists(atPath: live)
        let liveSeq = liveExists ? (try? StateSnapshot.inspect(path: live).lastAssignedSeq) ?? 0 : 0
        let mark = max(manifest.seqHighWater, SeqHighWaterFile.read(layout: layout) ?? 0, liveSeq)

        let incoming = layout.state + "/." + StateStore.fileName + ".restoring"
        try? FileManager.default.removeItem(atPath: incoming)
        do {
            try FileManager.default.copyItem(atPath: backupDatabase, toPath: incoming)
        } catch {
            throw AdminError(.system(SystemError(syscall: "copy", errno: ENOSPC, path: incoming)), path: incoming)
        }
        let alreadyPublished: Int
        do {
            alreadyPublished = try StateSnapshot.prepareForRestore(path: incoming, highWaterMark: mark)
            try AdminFiles.fsync(path: incoming)
        } catch {
            try? FileManager.default.removeItem(atPath: incoming)
            if let error = error as? StoreError { throw AdminError(.state(error), path: incoming) }
            throw error
        }
        AdminFiles.giveToOwner(of: layout.state, incoming)
        _ = chmod(incoming, 0o640)

        // The mark goes up first: whatever happens next, no SEQ at or below it is issued again.
        try SeqHighWaterFile.raise(layout: layout, to: mark)
        var replaced: String?
        if liveExists { replaced = try keepReplaced(live: live, in: layout.state, now: now) }
        guard rename(incoming, live) == 0 else {
            throw AdminError(.system(SystemError(syscall: "rename", errno: errno, path: live)), path: live)
        }
        try AdminFiles.fsync(path: layout.state)
        return Report(manifest: manifest, restoredFacts: facts, replacedDirectory: replaced, seqHighWater: mark,
                      alreadyPublished: alreadyPublished)
    }

    /// Every file the manifest lists is in SRC with its size and hash; returns the manifest.
    public static func verify(source: String) throws -> BackupManifest {
        let path = source + "/" + BackupManifest.fileName
        guard let data = FileManager.default.contents(atPath: path) else { throw AdminError(.manifestMissing, path: path) }
        let manifest: BackupManifest
        do { manifest = try BackupManifest.decode(Array(data)) } catch { throw AdminError(.manifestInvalid(error.text), path: path) }
        guard manifest.format == BackupManifest.currentFormat else {
            throw AdminError(.manifestInvalid("format is \(manifest.format), this dispatchd reads \(BackupManifest.currentFormat)"), path: path)
        }
        guard manifest.files.contains(where: { $0.path == BackupManifest.databasePath }) else {
            throw AdminError(.manifestInvalid("it lists no \(BackupManifest.databasePath)"), path: path)
        }
        for entry in manifest.files {
            let file = source + "/" + entry.path
            guard !entry.path.split(separator: "/").contains(".."), FileManager.default.fileExists(atPath: file) else {
                throw AdminError(.fileMissing, path: file)
            }
            let found = try AdminFiles.hash(file)
            guard found.sha256 == entry.sha256, found.size == entry.size else {
                throw AdminError(.fileChanged(expected: "\(entry.size) bytes, sha256 \(entry.sha256)",
                                              found: "\(found.size) bytes, sha256 \(found.sha256)"), path: file)
            }
        }
        return manifest
    }

    /// Folds the live database into one file when it can (checkpoint, rollback journal), then
    /// links it and any `-wal`/`-shm` into `replaced-STAMP/` and removes them from the live
    /// names, so no stale WAL is ever applied to the restored file.
    private static func keepReplaced(live: String, in state: String, now: Date) throws -> String {
        _ = try? StateSnapshot.foldIntoOneFile(path: live)
        var directory = state + "/replaced-" + AdminFiles.stamp(now)
        var counter = 1
        while FileManager.default.fileExists(atPath: directory) {
            counter += 1
            directory = state + "/replaced-" + AdminFiles.stamp(now) + ".\(counter)"
        }
        guard mkdir(directory, 0o750) == 0 else {
            throw AdminError(.system(SystemError(syscall: "mkdir", errno: errno, path: directory)), path: directory)
        }
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: live + suffix) {
            let target = directory + "/" + StateStore.fileName + suffix
            guard link(live + suffix, target) == 0 else {
                throw AdminError(.system(SystemError(syscall: "link", errno: errno, path: target)), path: target)
            }
        }
        try AdminFiles.fsync(path: directory)
        for suffix in ["-wal", "-shm"] { _ = unlink(live + suffix) }
        return directory
    }
}
