import ArgumentParser
import Catalogue
import Dispatcher
import Foundation
import Rules

/// `dispatchd handover POST [--json]` (SPEC §15): the handover report of a duty post. The
/// model is `HandoverReport` in the Dispatcher library (the console shows the same).
struct HandoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handover",
        abstract: "Print the handover report (交接班记录) of a duty post. Exit 0, 1 unknown post or unreadable state.")

    @Argument(help: ArgumentHelp("The duty post id.", valueName: "POST")) var post: String
    @Flag(name: .long, help: "Print JSON for scripts.") var json = false
    @OptionGroup var options: ConfigOptions

    func run() throws {
        let county = try options.loadCounty(quietWarnings: true)
        guard let dutyPost = county.dutyPost(id: post) else {
            Terminal.error(texts(.handoverUnknownPost, post, CountyLookup.hint(post, among: county.dutyPosts.map(\.id))))
            throw ExitCode(1)
        }
        let store = try StateAccess.open(county)
        let now = Date()
        let report = try StateAccess.reading {
            try HandoverReport.read(post: dutyPost, county: county, now: now, from: store)
        }
        if json {
            Terminal.print(JSONWriter.string(report.json(county: county, now: now), pretty: true))
            return
        }
        Terminal.print(HandoverText(report: report, format: HumanFormat(county: county, now: now)).render())
    }
}

struct HandoverText {
    let report: HandoverReport
    let format: HumanFormat
    var county: County { format.county }

    func render() -> String {
        let areaName = county.areas.fullName(of: report.post.area)
        var out = texts(.handoverHeading, report.post.name, report.post.id, format.time(format.now)) + "\n"
        if report.onDuty.isEmpty {
            let contact = report.post.contact.map { "\($0.name) \($0.phone ?? "")" } ?? "-"
            out += texts(.handoverNobody, contact) + "\n"
        } else {
            out += texts(.handoverOnDuty, report.onDuty.map { "\($0.name) \($0.phone ?? "")" }.joined(separator: ", "),
                         format.time(report.onDutySince)) + "\n"
        }
        out += "\n" + texts(.handoverIncidents, areaName, "\(report.incidents.count)") + "\n"
        var incidents = TextTable(texts.columns(.columnIncident, .columnState, .columnLevel, .columnResponse, .columnTitle))
        for incident in report.incidents {
            incidents.add([incident.incidentID, texts.state(incident.state), incident.level, incident.responseLevel ?? "-", incident.title])
        }
        out += incidents.render()
        out += "\n" + texts(.handoverOrders, "\(report.openOrders.count)") + "\n"
        var orders = TextTable(texts.columns(.columnState, .columnOrder, .columnTeam, .columnStep, .columnIn))
        for order in report.openOrders {
            orders.add([texts.state(order.state), order.orderID, county.team(id: order.teamID)?.name ?? order.teamID,
                        order.step == 0 ? "-" : "\(order.step)", format.countdown(order.nextDeadline)])
        }
        out += orders.render()
        out += "\n" + texts(.handoverPending, "\(report.pendingDemands.count)") + "\n"
        var pending = TextTable(texts.columns(.columnIncident, .columnDemand, .columnArea, .columnHave, .columnWant, .columnWaiting))
        for demand in report.pendingDemands {
            pending.add([demand.incidentID, texts.selector(demand.selector), format.areaName(demand.areaPath), "\(demand.dispatched)", "\(demand.requested)",
                         ConfigDuration(seconds: max(0, Int(format.now.timeIntervalSince(demand.since)))).description])
        }
        out += pending.render()
        out += "\n" + texts(.handoverUnavailable, "\(report.unavailableTeams.count)") + "\n"
        var teams = TextTable(texts.columns(.columnTeam, .columnReason, .columnUntil))
        for team in report.unavailableTeams {
            teams.add([county.team(id: team.teamID)?.name ?? team.teamID, team.reason ?? "-", format.time(team.until)])
        }
        out += teams.render()
        out += "\n" + texts(.handoverRecent, format.time(report.since), "\(report.recent.count)") + "\n"
        var recent = TextTable(texts.columns(.columnTime, .columnIncident, .columnEvent, .columnDetails))
        for row in report.recent {
            let detail = (try? JSONParser.parse(Array(row.detail.utf8)))?.objectMembers ?? []
            let text = detail.filter { !["sha256", "config_hash", "owner_uid"].contains($0.key) }
                .map { "\($0.key)=\($0.value.stringValue ?? JSONWriter.string($0.value))" }.joined(separator: " ")
            let who = row.by.map { " (\($0))" } ?? ""
            recent.add([format.clock(row.at), row.incidentID ?? row.teamID ?? row.postID ?? "-", HistoryText.name(of: row.event) + who, text])
        }
        out += recent.render()
        return out
    }
}
