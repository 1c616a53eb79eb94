import Foundation
import Platform

/// `dispatchd backup DEST` (SPEC §18): an online, consistent copy of the state, the SEQ
/// high-water mark and the config files into the new directory DEST, with a manifest of hashes.
///
/// Invariants:
/// - The daemon may run: the database is copied with SQLite's online backup API
///   (`StateSnapshot.copyOnline`), never as plain files.
/// - The mark recorded is the highest SEQ ever issued when the backup ends: the larger of the
///   copy's counter and the spool's mark file, read after the copy (both only grow).
/// - The backup is written into `.NAME.partial-PID` beside DEST, fsynced, then renamed to DEST:
///   a DEST that exists is whole. On any error the partial directory is removed and nothing
///   else was changed.
public enum StateBackup {
    public struct Report: Sendable {
        public var destination: String
        public var manifest: BackupManifest
    }

    /// - Parameters:
    ///   - configFiles: every config file read (main first), absolute or relative to the cwd.
    public static func run(layout: SpoolLayout, configFiles: [String], destination: String,
                           version: String, commit: String, now: Date = Date()) throws -> Report {
        let files = FileManager.default
        if files.fileExists(atPath: destination) { throw AdminError(.destinationExists, path: destination) }
        let absolute = URL(fileURLWithPath: destination).standardizedFileURL
        let parent = absolute.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw AdminError(.parentMissing, path: parent)
        }
        let partial = parent + "/." + absolute.lastPathComponent + ".partial-\(getpid())"
        do {
            try files.createDirectory(atPath: partial + "/state", withIntermediateDirectories: true,
                                      attributes: [.posixPermissions: 0o700])
        } catch {
            throw AdminError(.system(SystemError(syscall: "mkdir", errno: EACCES, path: partial)), path: partial)
        }
        do {
            let manifest = try write(into: partial, layout: layout, configFiles: configFiles,
                                     version: version, commit: commit, now: now)
            guard rename(partial, absolute.path) == 0 else {
                throw AdminError(.system(SystemError(syscall: "rename", errno: errno, path: absolute.path)), path: absolute.path)
            }
            try AdminFiles.fsync(path: parent)
            return Report(destination: absolute.path, manifest: manifest)
        } catch {
            try? files.removeItem(atPath: partial)
            throw error
        }
    }

    private static func write(into directory: String, layout: SpoolLayout, configFiles: [String],
                              version: String, commit: String, now: Date) throws -> BackupManifest {
        let facts: StateSnapshot.Facts
        do {
            facts = try StateSnapshot.copyOnline(stateDirectory: layout.state, to: directory + "/" + BackupManifest.databasePath)
        } catch let error as StoreError {
            throw AdminError(.state(error), path: error.path)
        }
        let mark = max(facts.lastAssignedSeq, SeqHighWaterFile.read(layout: layout) ?? 0)
        try AdminFiles.writeNew(directory + "/" + BackupManifest.highWaterPath, Array(SeqHighWaterFile.text(mark).utf8))

        var relativePaths: [String] = []
        let mainDirectory = configFiles.first.map { URL(fileURLWithPath: $0).standardizedFileURL.deletingLastPathComponent().path } ?? "/"
        for file in configFiles {
            let source = URL(fileURLWithPath: file).standardizedFileURL.path
            let relative = source.hasPrefix(mainDirectory + "/") ? String(source.dropFirst(mainDirectory.count + 1))
                                                                  : "outside/" + URL(fileURLWithPath: source).lastPathComponent
            if relativePaths.contains("config/" + relative) { continue }
            let target = directory + "/config/" + relative
            let bytes: [UInt8]
            do {
                bytes = try LocalFiles.read(source, maxBytes: 64 << 20)
            } catch {
                throw AdminError(.system(error), path: source)
            }
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try AdminFiles.writeNew(target, bytes)
            relativePaths.append("config/" + relative)
        }

        var entries: [BackupManifest.Entry] = []
        for path in [BackupManifest.databasePath, BackupManifest.highWaterPath] + relativePaths {
            let hashed = try AdminFiles.hash(directory + "/" + path)
            entries.append(BackupManifest.Entry(path: path, size: hashed.size, sha256: hashed.sha256))
        }
        let formatter = ISO8601DateFormatter()
        let manifest = BackupManifest(
            format: BackupManifest.currentFormat, createdAt: formatter.string(from: now), dispatchdVersion: version,
            sourceCommit: commit, schema: facts.schema, seqHighWater: mark, openOrders: facts.openOrders,
            stateDirectory: layout.state, spool: layout.root, mainConfig: relativePaths.first ?? "", files: entries)
        try AdminFiles.writeNew(directory + "/" + BackupManifest.fileName, try manifest.encoded())
        try AdminFiles.writeNew(directory + "/SHA256SUMS", Array(manifest.sums.utf8))
        for sub in Set(relativePaths.map { (directory + "/" + $0 as NSString).deletingLastPathComponent }) + [directory + "/state", directory] {
            try AdminFiles.fsync(path: sub)
        }
        return manifest
    }
}

/// The spool's SEQ high-water mark file (`SpoolLayout.highWaterMarkFile`, written by the
/// daemon's `HighWaterMark`) as the administration commands read and raise it.
enum SeqHighWaterFile {
    static func read(layout: SpoolLayout) -> Int64? {
        guard let data = FileManager.default.contents(atPath: layout.highWaterMarkFile) else { return nil }
        return Int64(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// 20 digits and a newline: the daemon's format.
    static func text(_ seq: Int64) -> String {
        String(repeating: "0", count: max(0, 20 - String(seq).count)) + "\(seq)\n"
    }

    /// Raises the mark to `seq` (never lowers it), in place, durably; a file this creates is
    /// handed to the spool's owner.
    static func raise(layout: SpoolLayout, to seq: Int64) throws {
        guard seq > (read(layout: layout) ?? 0) else { return }
        do {
            try SpoolFiles.ensureDirectory(layout.root, mode: 0o755)
            let existed = FileManager.default.fileExists(atPath: layout.highWaterMarkFile)
            try SpoolFiles.overwriteInPlace(layout.root, FileName(".seq-high-water"), bytes: Array(text(seq).utf8))
            if !existed { AdminFiles.giveToOwner(of: layout.root, layout.highWaterMarkFile) }
        } catch {
            throw AdminError(.system(error), path: layout.highWaterMarkFile)
        }
    }
}
