import ArgumentParser
import Dispatcher
import Foundation
import Platform
import Rules

/// `dispatchd test PATH...` (SPEC §18): the plan's own tests, like `promtool test rules`. A
/// PATH is a test file or a directory of them (`*.yaml`, `*.yml`, not recursive).
struct RuleTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run rule tests (YAML cases: input, busy teams, expected plan): exit 0 all pass, 1 a case fails, 2 usage or unreadable.",
        discussion: "See docs/OPERATIONS.md, \"The plan's tests\", and config/tests/ for examples.")

    @Argument(help: ArgumentHelp("Test files, or directories holding them.", valueName: "PATH"))
    var paths: [String]

    @OptionGroup var options: ConfigOptions

    func validate() throws {
        if paths.isEmpty { throw ValidationError(AdminTexts.t(.adminTestNoPath)) }
    }

    func run() throws {
        let result = CountyLoader.load(configPath: options.resolvedPath(), read: ConfigOptions.reader)
        guard let county = result.county else {
            for diagnostic in result.errors { Terminal.error(diagnostic.description) }
            Terminal.error(AdminTexts.configInvalid(options.resolvedPath()))
            throw ExitCode(2)
        }
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                Terminal.error(AdminTexts.testPathMissing(path))
                throw ExitCode(2)
            }
            if isDirectory.boolValue {
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
                    .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                files += names.map { (path.hasSuffix("/") ? path : path + "/") + $0 }
            } else {
                files.append(path)
            }
        }
        var broken = false, failed = 0, passed = 0
        var loaded: [(String, [RuleTestCase])] = []
        for file in files {
            let bytes: [UInt8]
            do { bytes = try LocalFiles.read(file, maxBytes: 16 << 20) } catch {
                Terminal.error("\(file): \(error.reason)" + (error.remedy.map { "; \($0)" } ?? ""))
                broken = true
                continue
            }
            let read = RuleTestFile.read(file: file, bytes: bytes, county: county)
            for diagnostic in read.diagnostics { Terminal.error(diagnostic.description) }
            if read.diagnostics.contains(where: { $0.severity == .error }) { broken = true; continue }
            loaded.append((file, read.cases))
        }
        if broken {
            Terminal.error(AdminTexts.testsNotRun)
            throw ExitCode(2)
        }
        for (_, cases) in loaded {
            for testCase in cases {
                switch RuleTestRunner.run(testCase, county: county) {
                case .passed:
                    passed += 1
                    Terminal.print(AdminTexts.testPassed(testCase))
                case .failed(let differences):
                    failed += 1
                    Terminal.print(AdminTexts.testFailed(testCase, differences))
                case .broken(let file, let reason):
                    Terminal.error(AdminTexts.testBroken(testCase, file: file, reason: reason))
                    broken = true
                }
            }
        }
        Terminal.print(AdminTexts.testSummary(passed: passed, failed: failed, broken: broken))
        if broken { throw ExitCode(2) }
        if failed > 0 { throw ExitCode(1) }
    }
}
