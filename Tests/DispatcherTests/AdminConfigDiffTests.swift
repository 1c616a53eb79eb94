import Foundation
import Testing

/// `dispatchd check --diff OTHER [--incidents DIR]` (SPEC §18) as the real binary.
extension DaemonEndToEndTests {
    @Suite struct ConfigDiff {
        /// A copy of the sandbox's config in `root/other/`, with `edit` applied to one file.
        static func other(_ sandbox: DaemonSandbox, _ file: String, _ edit: (String) -> String) throws -> String {
            let directory = sandbox.root + "/other"
            try FileManager.default.copyItem(atPath: sandbox.configDirectory, toPath: directory)
            try sandbox.write(directory + "/" + file, edit(sandbox.read(directory + "/" + file)))
            return directory + "/dispatchd.yaml"
        }

        @Test func theSameConfigIsExit0() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let other = try Self.other(sandbox, "teams.yaml") { $0 }
            let result = try await runDispatchd(["check", "--config", sandbox.configPath, "--diff", other,
                                                 "--incidents", DaemonSandbox.repository + "/config/examples"], in: sandbox)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("no change") && result.stdout.contains("plan the same"), "\(result.stdout)")
        }

        @Test func aRenamedTeamShowsEntityByEntityAndPlanByPlan() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let other = try Self.other(sandbox, "teams.yaml") { text in
                text.replacingOccurrences(of: "id: yanghe-militia\n", with: "id: yanghe-militia-2\n")
            }
            try sandbox.write(sandbox.root + "/other/rules.yaml",
                              sandbox.read(sandbox.root + "/other/rules.yaml").replacingOccurrences(of: "response: IV\n", with: "response: III\n"))
            let result = try await runDispatchd(["check", "--config", sandbox.configPath, "--diff", other,
                                                 "--incidents", DaemonSandbox.repository + "/config/examples"], in: sandbox)
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stdout.contains("  + team yanghe-militia-2 (added)  (\(sandbox.root)/other/teams.yaml:"), "\(result.stdout)")
            #expect(result.stdout.contains("  - team yanghe-militia (removed)  (\(sandbox.configDirectory)/teams.yaml:"), "\(result.stdout)")
            #expect(result.stdout.contains("      response: IV → III"), "a changed rule, field by field: \(result.stdout)")
            #expect(result.stdout.contains("config/examples/typhoon-orange-yanghe.json\n"), "\(result.stdout)")
            #expect(result.stdout.contains("      - yanghe-militia (typhoon-evacuation @gaoming/yanghe)\n"
                                           + "      + yanghe-militia-2 (typhoon-evacuation @gaoming/yanghe)"), "team by team: \(result.stdout)")
            #expect(result.stdout.contains("~ response level IV → III"), "\(result.stdout)")
        }

        @Test func anInvalidOtherConfigIsExit2WithItsPlace() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let other = try Self.other(sandbox, "teams.yaml") { $0 + "\n- id: [broken\n" }
            let result = try await runDispatchd(["check", "--config", sandbox.configPath, "--diff", other], in: sandbox)
            #expect(result.status == 2)
            #expect(result.stderr.contains("\(sandbox.root)/other/teams.yaml:"), "\(result.stderr)")
            #expect(result.stderr.contains("\(other): the configuration is invalid"), "\(result.stderr)")
            let missingDirectory = try await runDispatchd(["check", "--config", sandbox.configPath, "--diff", sandbox.configPath,
                                                           "--incidents", sandbox.root + "/none"], in: sandbox)
            #expect(missingDirectory.status == 2 && missingDirectory.stderr.contains(sandbox.root + "/none"), "\(missingDirectory.stderr)")
            let usage = try await runDispatchd(["check", "--config", sandbox.configPath, "--incidents", sandbox.root], in: sandbox)
            #expect(usage.status == 2, "\(usage.stderr)")
        }
    }
}
