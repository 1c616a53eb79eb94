import ArgumentParser
import Catalogue
import Foundation
import Rules

/// `dispatchd cancel INCIDENT` (the warning is lifted) and `dispatchd close INCIDENT` (the
/// response ends): operator commands of SPEC §14, as a native cancel or close would (§8).
struct CancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Lift an incident's warning (as a native cancel): its orders are stood down.",
        discussion: "Exit 0 dropped (with --wait: applied), 1 refused or rejected, 2 usage. Commanders only when authorization is configured.")

    @Argument(help: ArgumentHelp("The incident id.", valueName: "INCIDENT")) var incident: String
    @OptionGroup var operatorOptions: OperatorOptions
    @OptionGroup var options: ConfigOptions

    func run() throws {
        try IncidentCommand.run(.cancel(incidentID: incident), incident: incident, operatorOptions, options)
    }
}

struct CloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "End an incident's response (as a native close).",
        discussion: "Exit 0 dropped (with --wait: applied), 1 refused or rejected, 2 usage. Commanders only when authorization is configured.")

    @Argument(help: ArgumentHelp("The incident id.", valueName: "INCIDENT")) var incident: String
    @OptionGroup var operatorOptions: OperatorOptions
    @OptionGroup var options: ConfigOptions

    func run() throws {
        try IncidentCommand.run(.close(incidentID: incident), incident: incident, operatorOptions, options)
    }
}

enum IncidentCommand {
    static func run(_ action: OperatorCommand.Action, incident: String, _ operatorOptions: OperatorOptions,
                    _ options: ConfigOptions) throws {
        let county = try options.loadCounty(quietWarnings: true)
        try StateCheck(county: county).openIncident(incident)
        let command = OperatorCommand(action, by: operatorOptions.person, at: Date(), note: operatorOptions.note, via: "cli")
        try OperatorDrop.command(command, county: county, wait: operatorOptions.wait) {
            texts(.commandDropped, texts.name(of: command.kind), incident, $0)
        }
    }
}
