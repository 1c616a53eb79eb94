import Foundation
import Testing
@testable import Dispatcher
import Platform

/// `dispatchd prune` (SPEC §18) over a real spool the daemon filled: old day folders and old
/// rejected files go into one verified `.tar.gz` per day; today, open work and the drop
/// directories stay.
extension DaemonEndToEndTests {
    @Suite struct Prune {
        static func setModified(_ path: String, _ day: String) throws {
            let formatter = ISO8601DateFormatter()
            let date = try #require(formatter.date(from: day + "T12:00:00Z"))
            try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path)
        }

        /// A spool with an open incident (filed today) and old inputs the daemon never saw.
        static func filledSandbox() async throws -> DaemonSandbox {
            let sandbox = try DaemonSandbox()
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            try sandbox.drop("open.json", DaemonSandbox.incident(id: "STILL-OPEN", kind: "typhoon", level: "orange", area: "gaoming/yanghe"))
            try sandbox.drop("bad.json", "{not json")
            #expect(await eventually { sandbox.processedFiles().count == 1 && sandbox.rejectedInputs().count == 1 }, "\(daemon.log)")
            #expect(await daemon.stop() == 0)
            for (day, name) in [("2020-01-01", "a.json"), ("2020-01-01", "b.json"), ("2020-01-02", "c.json")] {
                try FileManager.default.createDirectory(atPath: sandbox.processed + "/" + day, withIntermediateDirectories: true)
                try sandbox.write(sandbox.processed + "/" + day + "/" + name, "{\"id\": \"\(name)\"}")
            }
            try sandbox.write(sandbox.rejected + "/old.json", "{old")
            try sandbox.write(sandbox.rejected + "/old.json.error", "old.json: not JSON")
            try setModified(sandbox.rejected + "/old.json", "2020-01-01")
            try setModified(sandbox.rejected + "/old.json.error", "2020-01-01")
            try sandbox.drop("waiting.json", DaemonSandbox.incident(id: "NOT-YET", kind: "typhoon"))
            return sandbox
        }

        @Test func oldDaysGoIntoOneVerifiedArchivePerDayAndTheRestStays() async throws {
            let sandbox = try await Self.filledSandbox()
            defer { sandbox.remove() }
            let today = sandbox.processedFiles().first { !$0.hasPrefix("2020") }
            let result = try await runDispatchd(["prune", "--older-than", "90d", "--config", sandbox.configPath], in: sandbox)
            #expect(result.status == 0, "\(result.stderr)")
            let archive = sandbox.spool + "/archive"
            #expect(sandbox.names(in: archive) == ["2020-01-01.tar.gz", "2020-01-02.tar.gz"], "\(result.stdout)")
            let listing = try Self.list(archive + "/2020-01-01.tar.gz")
            #expect(listing == ["processed/2020-01-01/", "processed/2020-01-01/a.json", "processed/2020-01-01/b.json",
                                "rejected/old.json", "rejected/old.json.error"], "\(listing)")
            #expect(sandbox.processedFiles() == [today].compactMap { $0 }, "today's folder stays")
            #expect(sandbox.names(in: sandbox.rejected).count == 2, "the new rejection and its .error stay")
            #expect(sandbox.names(in: sandbox.incoming) == ["waiting.json"], "the drop directory is never touched")
            #expect(result.stdout.contains("2020-01-01: 2 processed and 1 rejected files archived to \(archive)/2020-01-01.tar.gz (verified)"),
                    "\(result.stdout)")

            let again = try await runDispatchd(["prune", "--older-than", "90d", "--config", sandbox.configPath], in: sandbox)
            #expect(again.status == 0 && again.stdout.contains("nothing to prune"), "a second run finds nothing: \(again.stdout)")
        }

        @Test func deleteAndBadArguments() async throws {
            let sandbox = try await Self.filledSandbox()
            defer { sandbox.remove() }
            let badAge = try await runDispatchd(["prune", "--older-than", "90x", "--config", sandbox.configPath], in: sandbox)
            #expect(badAge.status == 2 && badAge.stderr.contains("'90x' does not parse"), "\(badAge.stderr)")
            let both = try await runDispatchd(["prune", "--older-than", "90d", "--delete", "--archive", "/tmp/x", "--config", sandbox.configPath],
                                              in: sandbox)
            #expect(both.status == 2, "\(both.stderr)")
            #expect(sandbox.processedFiles().count == 4, "nothing changed by a refused command")

            let deleted = try await runDispatchd(["prune", "--older-than", "90d", "--delete", "--config", sandbox.configPath], in: sandbox)
            #expect(deleted.status == 0, "\(deleted.stderr)")
            #expect(sandbox.processedFiles().count == 1 && !FileManager.default.fileExists(atPath: sandbox.spool + "/archive"))
        }

        @Test func theDayOfWorkStillOpenIsKept() async throws {
            let sandbox = try await Self.filledSandbox()
            defer { sandbox.remove() }
            let layout = SpoolLayout(spool: sandbox.spool, state: sandbox.state)
            let later = Date().addingTimeInterval(400 * 86_400)
            let report = try SpoolPrune.run(layout: layout, olderThan: 90 * 86_400, mode: .archive(sandbox.root + "/archive"), now: later)
            let openDay = SpoolFiles.utcDay(Date())
            #expect(report.keptOpen == [openDay], "the typhoon incident is still active")
            #expect(sandbox.processedFiles().allSatisfy { $0.hasPrefix(openDay) })
            #expect(sandbox.rejectedInputs().isEmpty, "rejected files are not open work")
        }

        static func list(_ archive: String) throws -> [String] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["tar", "-tzf", archive]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).sorted()
        }
    }
}
