import ArgumentParser
import Catalogue
import Rules

/// `dispatchd check`: validates the whole configuration (SPEC §4) and reports every problem
/// as `FILE:LINE:COLUMN: error|warning: what; what to do`.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the configuration: exit 0 valid (warnings allowed), 1 invalid, 2 usage.")

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let path = options.resolvedPath()
        let result = CountyLoader.load(configPath: path, read: ConfigOptions.reader)
        for diagnostic in result.diagnostics { Terminal.error(diagnostic.description) }
        let errors = result.diagnostics.filter { $0.severity == .error }.count
        let warnings = result.diagnostics.count - errors
        guard let county = result.county else {
            Terminal.error(texts(.checkInvalid, path, "\(errors)", "\(warnings)"))
            throw ExitCode(1)
        }
        Terminal.print(texts(.checkOK, path, "\(county.areas.count)", "\(county.teams.count)", "\(county.dutyPosts.count)",
                             "\(county.rules.count)", "\(warnings)"))
    }
}
