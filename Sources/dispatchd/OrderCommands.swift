import ArgumentParser
import Catalogue
import Foundation
import Rules

/// `dispatchd dispatch`, `standdown` and `reassign` (SPEC §14): a manual order, an order
/// stood down, an order given to another team.
struct DispatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatch",
        abstract: "Order a team to an incident by hand, outside the rules.",
        discussion: """
        The chain is --ack-within/--escalate, else the config's manual: defaults. \
        Exit 0 dropped (with --wait: applied), 1 refused or rejected, 2 usage.
        """)

    @Argument(help: ArgumentHelp("The incident id.", valueName: "INCIDENT")) var incident: String
    @Option(name: .long, help: ArgumentHelp("The team id.", valueName: "T")) var team: String
    @Option(name: .long, help: ArgumentHelp("What the team is to do (the order's text).", valueName: "TEXT")) var instructions: String?
    @Option(name: .long, help: ArgumentHelp("How long the team has to accept, e.g. 10m.", valueName: "DURATION")) var ackWithin: String?
    @Option(name: .long, help: ArgumentHelp("An escalation step AFTER:TO (e.g. 10m:town, 20m:county-office); repeat for more.",
                                            valueName: "AFTER:TO"))
    var escalate: [String] = []
    @OptionGroup var operatorOptions: OperatorOptions
    @OptionGroup var options: ConfigOptions

    func validate() throws {
        if let ackWithin, ConfigDuration(text: ackWithin) == nil { throw ValidationError(texts(.durationBad, "--ack-within", ackWithin)) }
        for step in escalate where Self.step(step) == nil { throw ValidationError(texts(.escalateBad, step)) }
    }

    static func step(_ text: String) -> ManualEscalationStep? {
        guard let colon = text.firstIndex(of: ":"), let after = ConfigDuration(text: String(text[..<colon])) else { return nil }
        let to = String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        return to.isEmpty ? nil : ManualEscalationStep(after: after, to: to)
    }

    func run() throws {
        let county = try options.loadCounty(quietWarnings: true)
        _ = try CountyLookup(county: county).team(team).orExit()
        try StateCheck(county: county).openIncident(incident)
        let steps = escalate.compactMap(Self.step)
        let action = OperatorCommand.Action.dispatch(ManualDispatch(
            incidentID: incident, teamID: team, instructions: instructions, ackWithin: ackWithin.flatMap { ConfigDuration(text: $0) },
            escalate: steps.isEmpty ? nil : steps))
        let command = OperatorCommand(action, by: operatorOptions.person, at: Date(), note: operatorOptions.note, via: "cli")
        try OperatorDrop.command(command, county: county, wait: operatorOptions.wait) {
            texts(.commandDropped, texts.name(of: .dispatch), "\(incident) → \(team)", $0)
        }
    }
}

struct StanddownCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "standdown",
        abstract: "Stand an order down (its demand is not refilled).",
        discussion: "Exit 0 dropped (with --wait: applied), 1 refused or rejected, 2 usage.")

    @Argument(help: ArgumentHelp("The order id.", valueName: "ORDER")) var order: String
    @Option(name: .long, help: ArgumentHelp("Why (sent to the team as the note).", valueName: "R")) var reason: String?
    @OptionGroup var operatorOptions: OperatorOptions
    @OptionGroup var options: ConfigOptions

    func run() throws {
        let county = try options.loadCounty(quietWarnings: true)
        try StateCheck(county: county).openOrder(order)
        let command = OperatorCommand(.standdown(orderID: order, reason: reason), by: operatorOptions.person, at: Date(),
                                      note: operatorOptions.note, via: "cli")
        try OperatorDrop.command(command, county: county, wait: operatorOptions.wait) {
            texts(.commandDropped, texts.name(of: .standdown), order, $0)
        }
    }
}

struct ReassignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reassign",
        abstract: "Stand an order down and give its demand to another team (named, else the next candidate).",
        discussion: "Exit 0 dropped (with --wait: applied), 1 refused or rejected, 2 usage.")

    @Argument(help: ArgumentHelp("The order id.", valueName: "ORDER")) var order: String
    @Option(name: .long, help: ArgumentHelp("The team to take it over (default: the next candidate).", valueName: "T")) var team: String?
    @OptionGroup var operatorOptions: OperatorOptions
    @OptionGroup var options: ConfigOptions

    func run() throws {
        let county = try options.loadCounty(quietWarnings: true)
        if let team { _ = try CountyLookup(county: county).team(team).orExit() }
        try StateCheck(county: county).openOrder(order)
        let command = OperatorCommand(.reassign(orderID: order, teamID: team), by: operatorOptions.person, at: Date(),
                                      note: operatorOptions.note, via: "cli")
        try OperatorDrop.command(command, county: county, wait: operatorOptions.wait) {
            texts(.commandDropped, texts.name(of: .reassign), order + (team.map { " → \($0)" } ?? ""), $0)
        }
    }
}
