import Foundation
import Testing

/// `dispatchd test` (SPEC §18) as the real binary: the example county's own tests pass, a
/// wrong expectation fails with a diff of the plan, a broken test file is exit 2 with its place.
extension DaemonEndToEndTests {
    @Suite struct RuleTests {
        let config = DaemonSandbox.repository + "/config/dispatchd.yaml"

        @Test func theExampleCountysTestsPass() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let result = try await runDispatchd(["test", DaemonSandbox.repository + "/config/tests", "--config", config], in: sandbox)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("11 passed, 0 failed"), "\(result.stdout)")
        }

        @Test func aWrongExpectationFailsWithADiffOfThePlan() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let file = sandbox.root + "/busy.yaml"
            try sandbox.write(file, """
                - name: militia busy
                  input: \(DaemonSandbox.repository)/config/examples/typhoon-orange-yanghe.json
                  busy: [yanghe-militia]
                  expect:
                    response_level: II
                    teams: [yanghe-militia, hecheng-militia]
                    shortfalls: []
                """)
            let result = try await runDispatchd(["test", file, "--config", config], in: sandbox)
            #expect(result.status == 1)
            #expect(result.stdout.contains("FAIL  militia busy  (\(file):1:3)"), "\(result.stdout)")
            #expect(result.stdout.contains("      - yanghe-militia\n"), "expected, not planned: \(result.stdout)")
            #expect(result.stdout.contains("        hecheng-militia\n"), "in both: \(result.stdout)")
            #expect(result.stdout.contains("      + typhoon-evacuation requested=2 dispatched=1"), "\(result.stdout)")
            #expect(!result.stdout.contains("response_level:"), "a matching expectation is not shown")
        }

        @Test func brokenTestFilesAreExit2WithTheirPlace() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let syntax = sandbox.root + "/syntax.yaml"
            try sandbox.write(syntax, "- name: x\n  input: {kind: typhoon\n")
            let bad = try await runDispatchd(["test", syntax, "--config", config], in: sandbox)
            #expect(bad.status == 2 && bad.stderr.contains("\(syntax):3:1: error: YAML syntax error"), "\(bad.stderr)")

            let unknown = sandbox.root + "/unknown.yaml"
            try sandbox.write(unknown, "- name: x\n  input: {kind: typhoon, level: blue, area: gaoming}\n  busy: [yanghe-milita]\n  expect: {rules: [typhoon-readines]}\n")
            let names = try await runDispatchd(["test", unknown, "--config", config], in: sandbox)
            #expect(names.status == 2)
            #expect(names.stderr.contains("\(unknown):3:10: error: unknown team 'yanghe-milita'; did you mean 'yanghe-militia'?"), "\(names.stderr)")
            #expect(names.stderr.contains("\(unknown):4:20: error: unknown rule 'typhoon-readines'"), "\(names.stderr)")
            #expect(!names.stdout.contains("PASS"), "no case runs when a file is broken")

            let missingInput = sandbox.root + "/missing.yaml"
            try sandbox.write(missingInput, "- name: gone\n  input: nowhere.json\n  expect: {rules: []}\n")
            let gone = try await runDispatchd(["test", missingInput, "--config", config], in: sandbox)
            #expect(gone.status == 2 && gone.stderr.contains(sandbox.root + "/nowhere.json"), "\(gone.stderr)")

            let none = try await runDispatchd(["test", sandbox.root + "/no-such.yaml", "--config", config], in: sandbox)
            #expect(none.status == 2 && none.stderr.contains("no-such.yaml"), "\(none.stderr)")
            let usage = try await runDispatchd(["test", "--config", config], in: sandbox)
            #expect(usage.status == 2, "\(usage.stderr)")
        }
    }
}
