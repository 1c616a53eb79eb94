import ArgumentParser
import Catalogue
import Dispatcher
import Foundation
import Rules

/// `dispatchd history INCIDENT [--json]` (SPEC §16): the after-action timeline and figures.
/// The model is `IncidentTimeline` in the Dispatcher library (the console shows the same).
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Print an incident's after-action timeline and figures. Exit 0, 1 unknown.")

    @Argument(help: ArgumentHelp("The incident id.", valueName: "INCIDENT")) var incident: String
    @Flag(name: .long, help: "Print JSON for scripts.") var json = false
    @OptionGroup var options: ConfigOptions

    func run() throws {
        let county = try options.loadCounty(quietWarnings: true)
        let store = try StateAccess.open(county)
        guard let timeline = try StateAccess.reading({ try IncidentTimeline.read(incidentID: incident, from: store) }) else {
            throw StateAccess.unknownIncident(incident, county: county)
        }
        if json {
            Terminal.print(JSONWriter.string(timeline.json(timeZone: county.settings.timeZone), pretty: true))
            return
        }
        Terminal.print(HistoryText(timeline: timeline, format: HumanFormat(county: county, now: Date())).render())
    }
}

/// The timeline as an aligned table, then the figures.
struct HistoryText {
    let timeline: IncidentTimeline
    let format: HumanFormat

    func render() -> String {
        var out = texts(.historyHeading, timeline.incidentID, format.time(timeline.start)) + "\n"
        var table = TextTable(texts.columns(.columnTime, .columnSince, .columnEvent, .columnWho, .columnDetails))
        for event in timeline.events {
            table.add([format.clock(event.at), "+" + ConfigDuration(seconds: max(0, event.sinceStart)).description,
                       Self.name(of: event.event), who(event), details(event)])
        }
        out += table.render()
        let figures = timeline.figures
        out += "\n" + texts(.historyFigures) + "\n"
        out += "  " + texts(.figureFirstOrder, format.duration(figures.toFirstOrder)) + "\n"
        out += "  " + texts(.figureFirstAccept, format.duration(figures.toFirstAccept)) + "\n"
        out += "  " + texts(.figureAllAccepted, format.duration(figures.toEveryDemandAccepted), "\(figures.acceptedDemands)",
                            "\(figures.demands)") + "\n"
        out += "  " + texts(.figureCounts, "\(figures.escalations)", "\(figures.reassigns)", "\(figures.standdowns)") + "\n"
        out += "  " + texts(.figureNeverFilled, figures.neverFilled.isEmpty ? texts(.none) : figures.neverFilled.joined(separator: ", ")) + "\n"
        return out
    }

    func who(_ event: IncidentTimeline.Event) -> String { event.who ?? "-" }

    func details(_ event: IncidentTimeline.Event) -> String { event.detailSummary }

    static func name(of event: String) -> String { texts.event(event) }
}
