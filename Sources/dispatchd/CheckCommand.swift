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

    @Option(name: .long, help: ArgumentHelp(
        "Compare with this config instead: exit 0 same, 1 different, 2 invalid (see check --diff in the man page).", valueName: "OTHER_CONFIG"))
    var diff: String?

    @Option(name: .long, help: ArgumentHelp("With --diff: plan every incident file here under both configs.", valueName: "DIR"))
    var incidents: String?

    func validate() throws {
        if incidents != nil, diff == nil { throw ValidationError(AdminTexts.incidentsNeedDiff) }
    }

    func run() throws {
        if let diff { return try ConfigComparison(running: options.resolvedPath(), other: diff, incidents: incidents).run() }
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
