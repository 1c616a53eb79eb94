import Foundation
import Platform

/// `dispatchd prune --older-than AGE [--archive DIR | --delete]` (SPEC §18).
///
/// Invariants:
/// - Only `processed/YYYY-MM-DD/` folders whose whole UTC day ended before now − AGE, and files
///   of `rejected/` (each with its `NAME.error`) last modified before it, are touched. Never the
///   drop directories, `active/`, `outgoing/` or the state; never today's folder; never a day on
///   or after the first input of work still open (an active incident or an open order).
/// - Archiving writes one `YYYY-MM-DD.tar.gz` per day (a numbered name when one exists) through
///   a dot-named partial file, fsyncs it, checks it against the originals with `tar --compare`,
///   and only then renames it into place and removes the originals. A failure keeps the originals.
///
/// Crash recovery: a partial archive is a dot file the next run removes; originals go only after
/// their archive is complete on disk, so a crash between the two leaves both (a second run writes
/// `YYYY-MM-DD.2.tar.gz`; nothing is lost).
public enum SpoolPrune {
    public enum Mode: Sendable { case archive(String), delete }

    public struct Report: Sendable {
        /// Per day: the archive written (nil when deleted), the processed files and rejected files.
        public var days: [(day: String, archive: String?, processed: Int, rejected: Int)]
        /// Day folders kept because work that arrived then is still open.
        public var keptOpen: [String]
    }

    public static func run(layout: SpoolLayout, olderThan age: TimeInterval, mode: Mode, now: Date = Date()) throws -> Report {
        let cutoff = now.addingTimeInterval(-age)
        let openSince: Date?
        do { openSince = try StateSnapshot.oldestOpenWork(stateDirectory: layout.state) } catch let error as StoreError {
            throw AdminError(.state(error), path: error.path)
        }
        let today = SpoolFiles.utcDay(now)
        let openDay = openSince.map(SpoolFiles.utcDay)

        var plan: [String: (processed: Bool, rejected: [String])] = [:]
        var keptOpen: [String] = []
        for day in try names(in: layout.processed) where isDay(day) {
            guard let end = dayEnd(day), end <= cutoff, day < today else { continue }
            if let openDay, day >= openDay { keptOpen.append(day); continue }
            plan[day, default: (false, [])].processed = true
        }
        let rejected = try entries(in: layout.rejected)
        let inputs = Set(rejected.map(\.name))
        for entry in rejected where entry.modified < cutoff {
            // A `.error` goes with its input; one without its input goes on its own.
            if entry.name.hasSuffix(".error"), inputs.contains(String(entry.name.dropLast(6))) { continue }
            let day = SpoolFiles.utcDay(entry.modified)
            var names = [entry.name]
            if inputs.contains(entry.name + ".error") { names.append(entry.name + ".error") }
            plan[day, default: (false, [])].rejected += names
        }

        var report = Report(days: [], keptOpen: keptOpen)
        for day in plan.keys.sorted() {
            guard let item = plan[day] else { continue }
            var members = item.processed ? ["processed/" + day] : []
            members += item.rejected.map { "rejected/" + $0 }
            let processedCount = item.processed ? fileCount(layout.processed + "/" + day) : 0
            var archive: String?
            if case .archive(let directory) = mode {
                archive = try write(members: members, day: day, spool: layout.root, into: directory)
            }
            if item.processed { try remove(layout.processed + "/" + day) }
            for name in item.rejected { try remove(layout.rejected + "/" + name) }
            try? SpoolFiles.fsyncDirectory(layout.processed)
            try? SpoolFiles.fsyncDirectory(layout.rejected)
            report.days.append((day, archive, processedCount, item.rejected.filter { !$0.hasSuffix(".error") }.count))
        }
        return report
    }

    /// Writes and verifies one day's archive; returns its path.
    private static func write(members: [String], day: String, spool: String, into directory: String) throws -> String {
        do { try SpoolFiles.ensureDirectory(directory, mode: 0o750) } catch { throw AdminError(.system(error), path: directory) }
        for stale in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where stale.hasPrefix(".") && stale.hasSuffix(".partial") {
            try? FileManager.default.removeItem(atPath: directory + "/" + stale)
        }
        var target = directory + "/" + day + ".tar.gz"
        var counter = 1
        while FileManager.default.fileExists(atPath: target) {
            counter += 1
            target = directory + "/" + day + ".\(counter).tar.gz"
        }
        let partial = directory + "/." + day + ".\(getpid()).partial"
        let list = partial + "-list"
        defer { try? FileManager.default.removeItem(atPath: list) }
        try Data(members.map { $0 + "\0" }.joined().utf8).write(to: URL(fileURLWithPath: list))
        do {
            try tar(["--create", "--gzip", "--file", partial, "--directory", spool, "--null", "--files-from", list])
            try AdminFiles.fsync(path: partial)
            // --compare reads every member back and checks it against the original (content, size, mode, time).
            try tar(["--compare", "--gzip", "--file", partial, "--directory", spool])
        } catch let error as AdminError {
            try? FileManager.default.removeItem(atPath: partial)
            throw AdminError(error.problem, path: target)
        }
        guard rename(partial, target) == 0 else {
            throw AdminError(.system(SystemError(syscall: "rename", errno: errno, path: target)), path: target)
        }
        try AdminFiles.fsync(path: directory)
        return target
    }

    private static func tar(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tar"] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw AdminError(.archiveFailed("cannot run tar: \(error)"), path: "") }
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if arguments.first == "--compare" { throw AdminError(.archiveUnverified(text), path: "") }
            throw AdminError(.archiveFailed(text.isEmpty ? "tar exit \(process.terminationStatus)" : text), path: "")
        }
    }

    private static func fileCount(_ directory: String) -> Int {
        FileManager.default.enumerator(atPath: directory)?.allObjects.count ?? 0
    }

    private static func remove(_ path: String) throws {
        do { try FileManager.default.removeItem(atPath: path) } catch {
            throw AdminError(.system(SystemError(syscall: "unlink", errno: EACCES, path: path)), path: path)
        }
    }

    private static func names(in directory: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: directory) else { return [] }
        do { return try FileManager.default.contentsOfDirectory(atPath: directory).sorted() } catch {
            throw AdminError(.system(SystemError(syscall: "opendir", errno: EACCES, path: directory)), path: directory)
        }
    }

    private static func entries(in directory: String) throws -> [(name: String, modified: Date)] {
        try names(in: directory).compactMap { name in
            guard !name.hasPrefix("."),
                  let attributes = try? FileManager.default.attributesOfItem(atPath: directory + "/" + name),
                  attributes[.type] as? FileAttributeType == .typeRegular,
                  let modified = attributes[.modificationDate] as? Date else { return nil }
            return (name, modified)
        }
    }

    static func isDay(_ name: String) -> Bool { dayEnd(name) != nil }

    /// The end of the UTC day `YYYY-MM-DD` (the next midnight), nil when not a day name.
    static func dayEnd(_ name: String) -> Date? {
        let parts = name.split(separator: "-")
        guard name.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let start = calendar.date(from: DateComponents(year: year, month: month, day: day)),
              SpoolFiles.utcDay(start) == name else { return nil }
        return start.addingTimeInterval(86_400)
    }

    /// `90d`, `12w`, `36h`: the age in seconds; nil when it does not parse or is not positive.
    public static func parseAge(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let number = Int(text.dropLast()), number > 0 else { return nil }
        switch unit {
        case "h": return TimeInterval(number) * 3600
        case "d": return TimeInterval(number) * 86_400
        case "w": return TimeInterval(number) * 7 * 86_400
        default: return nil
        }
    }
}
