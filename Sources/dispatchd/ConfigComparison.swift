import ArgumentParser
import Dispatcher
import Rules

/// `dispatchd check --diff OTHER_CONFIG [--incidents DIR]` (SPEC §18): what changes from the
/// running config to OTHER, entity by entity, and for each incident file in DIR the plans that
/// differ, team by team. Exit 0 no difference, 1 differences, 2 an invalid config or DIR.
struct ConfigComparison {
    let running: String
    let other: String
    let incidents: String?

    func run() throws {
        let old = try load(running)
        let new = try load(other)
        let changes = ConfigDiff.compare(old, new)
        var different = !changes.isEmpty
        Terminal.print(AdminTexts.configChanges(changes, running: running, other: other))
        if let incidents {
            let result: (files: Int, differences: [PlanComparison.Difference])
            do { result = try PlanComparison.compare(directory: incidents, running: old, other: new) } catch {
                Terminal.error("\(incidents): \(error.reason)" + (error.remedy.map { "; \($0)" } ?? ""))
                throw ExitCode(2)
            }
            different = different || !result.differences.isEmpty
            Terminal.print(AdminTexts.planChanges(result.differences, files: result.files, directory: incidents))
        }
        if different { throw ExitCode(1) }
    }

    private func load(_ path: String) throws -> County {
        let result = CountyLoader.load(configPath: path, read: ConfigOptions.reader)
        guard let county = result.county else {
            for diagnostic in result.errors { Terminal.error(diagnostic.description) }
            Terminal.error(AdminTexts.configInvalid(path))
            throw ExitCode(2)
        }
        return county
    }
}
