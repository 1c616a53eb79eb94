import Catalogue
import Dispatcher
import Foundation
import Rules

/// One duty post's handover report (交接班记录, SPEC §15) as a page section: the library's
/// `HandoverReport` (what `dispatchd handover POST` prints), drawn with the catalogue's
/// headings, and the hand-over form for operators. Printable: the print style drops the
/// navigation, the forms and the dark colours, and starts each post on a new sheet.
struct HandoverPage {
    let report: HandoverReport
    let county: County
    let now: Date
    let language: Language
    let forms: Forms?

    private var t: Language { language }
    private var words: Catalogue { Catalogue(language) }
    private func e(_ text: String) -> String { HTML.escape(text) }
    private var zone: TimeZone { county.settings.timeZone }

    func time(_ date: Date?) -> String { date.map { RFC3339.format($0, in: zone) } ?? "–" }
    func areaName(_ path: String) -> String { county.areas.indexByPath[path].map { county.areas.fullName(of: $0) } ?? path }
    func teamName(_ id: String) -> String { county.team(id: id)?.name ?? id }
    func person(_ recipient: Recipient) -> String { "\(recipient.name) \(recipient.phone ?? "")".trimmingCharacters(in: .whitespaces) }

    func table(_ columns: [TextKey], _ rows: [[String]], rowClass: String = "") -> String {
        guard !rows.isEmpty else { return "<p class=\"empty\">\(e(t(.none)))</p>" }
        var html = "<table><thead><tr>" + columns.map { "<th>\(e(t($0)))</th>" }.joined() + "</tr></thead><tbody>"
        for row in rows { html += "<tr\(rowClass.isEmpty ? "" : " class=\"\(rowClass)\"")>" + row.map { "<td>\(e($0))</td>" }.joined() + "</tr>" }
        return html + "</tbody></table>"
    }

    func render() -> String {
        let post = report.post
        var html = "<section class=\"panel handover\" data-post=\"\(e(post.id))\">"
        html += "<h2>\(e(t(.handoverHeading, post.name, post.id, time(now))))</h2>"
        if report.onDuty.isEmpty {
            html += "<p class=\"on-duty\">\(e(t(.handoverNobody, post.contact.map(person) ?? "–")))</p>"
        } else {
            html += "<p class=\"on-duty\"><b>\(e(t(.handoverOnDuty, report.onDuty.map(person).joined(separator: "、"), time(report.onDutySince))))</b></p>"
        }
        if let forms {
            let safe = ActionDropper.safe(post.id)
            html += forms.form("duty", fields: [("post_id", post.id)],
                               inputs: Forms.input("name", id: "duty-name-\(safe)", placeholder: t(.consoleName), required: true)
                                   + Forms.input("phone", id: "duty-phone-\(safe)", placeholder: t(.consolePhone), required: true),
                               button: t(.consoleHandOver))
        }
        html += "<h3>\(e(t(.handoverIncidents, county.areas.fullName(of: post.area), "\(report.incidents.count)")))</h3>"
        html += table([.columnIncident, .columnState, .columnLevel, .columnResponse, .columnTitle], report.incidents.map { incident in
            [incident.incidentID, words.state(incident.state), t.warningLevel(incident.level), t.response(incident.responseLevel), incident.title]
        })
        html += "<h3>\(e(t(.handoverOrders, "\(report.openOrders.count)")))</h3>"
        html += orders()
        html += "<h3>\(e(t(.handoverPending, "\(report.pendingDemands.count)")))</h3>"
        html += table([.columnIncident, .columnDemand, .columnArea, .columnHave, .columnWant, .columnWaiting], report.pendingDemands.map { demand in
            [demand.incidentID, words.selector(demand.selector), areaName(demand.areaPath), "\(demand.dispatched)", "\(demand.requested)",
             ConfigDuration(seconds: max(0, Int(now.timeIntervalSince(demand.since)))).description]
        }, rowClass: "short")
        html += "<h3>\(e(t(.handoverUnavailable, "\(report.unavailableTeams.count)")))</h3>"
        html += table([.columnTeam, .columnReason, .columnUntil], report.unavailableTeams.map { team in
            [teamName(team.teamID), team.reason ?? "–", time(team.until)]
        })
        html += "<h3>\(e(t(.handoverRecent, time(report.since), "\(report.recent.count)")))</h3>"
        html += table([.columnTime, .columnIncident, .columnEvent, .columnDetails], report.recent.map { row in
            let detail = (try? JSONParser.parse(Array(row.detail.utf8)))?.objectMembers ?? []
            let text = detail.filter { !["sha256", "config_hash", "owner_uid"].contains($0.key) }
                .map { "\($0.key)=\($0.value.stringValue ?? JSONWriter.string($0.value))" }.joined(separator: " ")
            return [time(row.at), row.incidentID ?? row.teamID.map(teamName) ?? row.postID ?? "–",
                    words.event(row.event) + (row.by.map { "（\($0)）" } ?? ""), text]
        })
        return html + "</section>"
    }

    /// Open orders by state, with countdowns that tick in the browser (frozen on paper).
    func orders() -> String {
        guard !report.openOrders.isEmpty else { return "<p class=\"empty\">\(e(t(.none)))</p>" }
        var html = "<table class=\"orders\"><thead><tr>" + [TextKey.columnState, .columnOrder, .columnTeam, .columnStep, .columnIn]
            .map { "<th>\(e(t($0)))</th>" }.joined() + "</tr></thead><tbody>"
        for order in report.openOrders {
            let overdue = order.nextDeadline.map { $0 < now } ?? false
            html += "<tr class=\"order \(overdue ? "overdue" : order.state.rawValue)\" data-order=\"\(e(order.orderID))\">"
            html += "<td class=\"state\">\(e(words.state(order.state)))</td><td><a href=\"/incidents/\(e(order.incidentID))\">\(e(order.orderID))</a></td>"
            html += "<td class=\"team\">\(e(teamName(order.teamID)))</td><td class=\"num\">\(order.step == 0 ? "–" : "\(order.step)")</td><td>"
            if let deadline = order.nextDeadline {
                html += "<span class=\"countdown\" data-deadline=\"\(Int64(deadline.timeIntervalSince1970 * 1000))\">\(BoardView.clock(Int(deadline.timeIntervalSince(now))))</span>"
            } else {
                html += "–"
            }
            html += "</td></tr>"
        }
        return html + "</tbody></table>"
    }
}
