import ArgumentParser
import Catalogue
import Foundation
import Rules

/// `dispatchd team T --unavailable [--reason R] [--until TIME]` / `--available` (SPEC §14):
/// a team's live availability.
struct TeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "Mark a team unavailable (never picked for new orders, until TIME if given) or available again.",
        discussion: "Exit 0 dropped (with --wait: applied), 1 refused or rejected, 2 usage.")

    enum Availability: String, EnumerableFlag { case available, unavailable }

    @Argument(help: ArgumentHelp("The team id.", valueName: "T")) var team: String
    @Flag(help: "Available again, or unavailable from now.") var availability: Availability
    @Option(name: .long, help: ArgumentHelp("Why the team is unavailable.", valueName: "R")) var reason: String?
    @Option(name: .long, help: ArgumentHelp("Available again at TIME: RFC 3339, or a duration from now such as 2h.", valueName: "TIME"))
    var until: String?
    @OptionGroup var operatorOptions: OperatorOptions
    @OptionGroup var options: ConfigOptions

    func validate() throws {
        if availability == .available, until != nil || reason != nil { throw ValidationError(texts(.teamAvailableExtras)) }
        if let until, Self.time(until, now: Date()) == nil { throw ValidationError(texts(.untilBad, until)) }
    }

    /// An RFC 3339 time, or now plus a duration (`2h`, `90m`).
    static func time(_ text: String, now: Date) -> Date? {
        if let duration = ConfigDuration(text: text) { return now.addingTimeInterval(Double(duration.seconds)) }
        return RFC3339.parse(text)
    }

    func run() throws {
        let county = try options.loadCounty(quietWarnings: true)
        _ = try CountyLookup(county: county).team(team).orExit()
        let now = Date()
        let untilDate = until.flatMap { Self.time($0, now: now) }
        if let untilDate, untilDate <= now {
            Terminal.error(texts(.untilPast, until ?? ""))
            throw ExitCode(1)
        }
        let status: TeamAvailability.Status = availability == .available ? .available : .unavailable
        let command = OperatorCommand(.team(TeamAvailability(teamID: team, status: status, reason: reason, until: untilDate)),
                                      by: operatorOptions.person, at: now, note: operatorOptions.note, via: "cli")
        let what = availability == .available ? texts(.teamNowAvailable, team)
            : texts(.teamNowUnavailable, team, untilDate.map { RFC3339.format($0, in: county.settings.timeZone) } ?? texts(.untilFurtherNotice))
        try OperatorDrop.command(command, county: county, wait: operatorOptions.wait) {
            texts(.commandDropped, texts.name(of: .team), what, $0)
        }
    }
}
