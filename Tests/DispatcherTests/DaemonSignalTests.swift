import Foundation
import Testing

/// Signals to the real daemon (SPEC §4, §10, §11): `SIGHUP` reloads only a valid config,
/// `SIGTERM` stops it cleanly with exit 0.
extension DaemonEndToEndTests {
    @Suite struct Signals {
        @Test func sighupKeepsTheRunningConfigWhenTheNewOneIsBrokenAndAdoptsAValidChange() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            let rulesPath = sandbox.configDirectory + "/rules.yaml"
            let rules = sandbox.read(rulesPath)

            try sandbox.write(rulesPath, rules + "\n- id: broken\n  when: {kind: e2e\n")
            daemon.signal(SIGHUP)
            #expect(await eventually { daemon.log.contains("reload refused") }, "\(daemon.log)")
            #expect(daemon.log.contains("rules.yaml:"), "the refusal names the file and position")
            try sandbox.drop("old.json", DaemonSandbox.incident(id: "OLD-1", kind: "e2e-reassign"))
            #expect(await eventually { sandbox.processedFiles().count == 1 }, "\(daemon.log)")
            let first = try #require(try sandbox.messages(ofType: "order").first)
            #expect(first.string("instructions")?.hasPrefix("RELOADED") == false)

            let changed = rules.replacingOccurrences(of: "- id: e2e-reassign\n",
                                                     with: "- id: e2e-reassign\n  instructions: \"RELOADED {team_name}\"\n")
            #expect(changed != rules)
            try sandbox.write(rulesPath, changed)
            daemon.signal(SIGHUP)
            #expect(await eventually { daemon.log.contains("configuration reloaded") }, "\(daemon.log)")
            try sandbox.drop("new.json", DaemonSandbox.incident(id: "NEW-1", kind: "e2e-reassign", area: "gaoming/genghe"))
            #expect(await eventually { sandbox.processedFiles().count == 2 }, "\(daemon.log)")
            let second = try #require(try sandbox.messages(ofType: "order").first { $0.incidentID == "NEW-1" })
            #expect(second.string("instructions")?.hasPrefix("RELOADED ") == true, "\(second.fields)")
            #expect(await daemon.stop() == 0)
        }

        @Test func sigtermStopsTheDaemonWithExitZero() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            daemon.signal(SIGTERM)
            #expect(await daemon.waitExit() == 0, "\(daemon.log)")
            #expect(daemon.log.contains("dispatchd stopping"))
        }

        @Test func startWithAnInvalidConfigExitsOneAndNamesTheProblem() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            try sandbox.write(sandbox.configDirectory + "/teams.yaml", "- {id: t1, name: 一队, kind: grid, area: nowhere}\n")
            let daemon = try DaemonProcess(sandbox)
            #expect(await daemon.waitExit() == 1, "\(daemon.log)")
            #expect(daemon.log.contains("teams.yaml:1:"), "\(daemon.log)")
        }
    }
}
