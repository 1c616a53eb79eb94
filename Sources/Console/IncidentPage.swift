import Catalogue
import Dispatcher
import Foundation
import Rules

/// The incident page's live part (SPEC §16, §17): the incident, its demands and orders from
/// the library's `IncidentView` (what `dispatchd show` prints), the actions the caller's role
/// allows, and the §16 timeline with its figures from the library's `IncidentTimeline` (what
/// `dispatchd history` prints). Nothing here computes state: it only draws those two models.
struct IncidentPage {
    let view: IncidentView
    let timeline: IncidentTimeline?
    let county: County
    let now: Date
    let language: Language
    let role: ConsoleRole
    let csrf: String

    private var t: Language { language }
    private var words: Catalogue { Catalogue(language) }
    private func e(_ text: String) -> String { HTML.escape(text) }

    /// Reads both models from the state, read-only; nil for an unknown incident.
    static func read(_ id: String, county: County) throws -> (IncidentView, IncidentTimeline?)? {
        let store = try StateStore.openReadOnly(directory: county.settings.state)
        guard let view = try IncidentView.read(incidentID: id, county: county, from: store) else { return nil }
        return (view, try IncidentTimeline.read(incidentID: id, from: store))
    }

    func teamName(_ id: String) -> String { county.team(id: id)?.name ?? id }
    func areaName(_ path: String) -> String { county.areas.indexByPath[path].map { county.areas.fullName(of: $0) } ?? path }
    func time(_ date: Date?) -> String {
        guard let date else { return "–" }
        let formatter = DateFormatter()
        formatter.timeZone = county.settings.timeZone
        formatter.dateFormat = "MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
    func duration(_ seconds: Int?) -> String { seconds.map { ConfigDuration(seconds: max(0, $0)).description } ?? t(.figureNotYet) }

    var forms: Forms { Forms(csrf: csrf, language: language, back: "/incidents/\(view.incident.incidentID)") }

    func render() -> String {
        let incident = view.incident
        var html = "<div class=\"page\" data-now=\"\(Int64(now.timeIntervalSince1970 * 1000))\">"
        html += "<section class=\"panel\"><h2><span class=\"badge level-\(e(incident.level))\">\(e(t.warningLevel(incident.level)))</span> <span class=\"title\">\(e(incident.title))</span></h2>"
        html += "<p>\(e(incident.incidentID)) · \(e(words.state(incident.state))) · \(e(t.kind(incident.kind))) · \(e(t.response(incident.responseLevel)))"
        html += incident.exercise ? " · <span class=\"exercise\">\(e(t(.exercise)))</span>" : ""
        html += "</p><p>\(e(incident.areas.map(areaName).joined(separator: "、")))</p>"
        if !incident.incidentDescription.isEmpty { html += "<p>\(e(incident.incidentDescription))</p>" }
        if role >= .operator && incident.state == .active { html += incidentActions() }
        html += "</section>"
        html += "<section class=\"panel demands\"><h2>\(e(t(.showDemands, "\(view.demands.count)")))</h2>\(demands())</section>"
        html += "<section class=\"panel\"><h2>\(e(t(.showOrders, "\(view.orders.count)", "\(view.openOrders.count)")))</h2>\(orders())</section>"
        if let timeline { html += figures(timeline.figures) + events(timeline) }
        return html + "</div>"
    }

    func demands() -> String {
        guard !view.demands.isEmpty else { return "<p class=\"empty\">–</p>" }
        var html = "<table><thead><tr>" + [TextKey.columnRule, .columnDemand, .columnArea, .columnWant, .columnHave, .columnPending]
            .map { "<th>\(e(t($0)))</th>" }.joined() + "</tr></thead><tbody>"
        for demand in view.demands {
            html += "<tr class=\"demand\(demand.pending > 0 ? " short" : "")\" data-demand=\"\(e(demand.key))\"><td>\(e(demand.ruleID))</td>"
            html += "<td>\(e(words.selector(demand.selector)))</td><td>\(e(areaName(demand.areaPath)))</td>"
            html += "<td class=\"num\">\(demand.wanted)</td><td class=\"num\">\(demand.dispatched)</td>"
            html += "<td class=\"num\">\(demand.pending == 0 ? "–" : "\(demand.pending)")</td></tr>"
        }
        return html + "</tbody></table>"
    }

    /// The §16 figures, as `dispatchd history` ends with them.
    func figures(_ figures: TimelineFigures) -> String {
        var html = "<section class=\"panel figures\"><h2>\(e(t(.historyFigures)))</h2><ul>"
        html += "<li data-figure=\"first-order\">\(e(t(.figureFirstOrder, duration(figures.toFirstOrder))))</li>"
        html += "<li data-figure=\"first-accept\">\(e(t(.figureFirstAccept, duration(figures.toFirstAccept))))</li>"
        html += "<li data-figure=\"all-accepted\">\(e(t(.figureAllAccepted, duration(figures.toEveryDemandAccepted), "\(figures.acceptedDemands)", "\(figures.demands)")))</li>"
        html += "<li data-figure=\"counts\">\(e(t(.figureCounts, "\(figures.escalations)", "\(figures.reassigns)", "\(figures.standdowns)")))</li>"
        let never = figures.neverFilled.isEmpty ? t(.none) : figures.neverFilled.joined(separator: ", ")
        html += "<li data-figure=\"never-filled\">\(e(t(.figureNeverFilled, never)))</li>"
        return html + "</ul></section>"
    }

    /// The §16 timeline, oldest first, each input before its effects.
    func events(_ timeline: IncidentTimeline) -> String {
        var html = "<section class=\"panel timeline\"><h2>\(e(t(.consoleTimeline)))</h2><table><thead><tr>"
        html += [TextKey.columnTime, .columnSince, .columnEvent, .columnWho, .columnDetails].map { "<th>\(e(t($0)))</th>" }.joined()
        html += "</tr></thead><tbody>"
        for event in timeline.events {
            html += "<tr data-event=\"\(e(event.event))\"><td class=\"num\">\(e(time(event.at)))</td>"
            html += "<td class=\"num\">+\(e(ConfigDuration(seconds: max(0, event.sinceStart)).description))</td>"
            html += "<td>\(e(words.event(event.event)))</td><td>\(e(event.who ?? "–"))</td><td><code>\(e(event.detailSummary))</code></td></tr>"
        }
        return html + "</tbody></table></section>"
    }

    func incidentActions() -> String {
        let id = view.incident.incidentID
        let teams = county.teams.map { (value: $0.id, label: "\($0.name) (\($0.id))") }
        var html = "<div class=\"actions\">"
        html += forms.form("dispatch", fields: [("incident_id", id)],
                           inputs: Forms.select("team_id", id: "dispatch-team", options: teams)
                               + Forms.input("instructions", id: "dispatch-instructions", placeholder: t(.consoleInstructionsOptional)),
                           button: t(.consoleDispatchTeam))
        if role >= .commander {
            html += forms.form("cancel", fields: [("incident_id", id)], button: t(.consoleCancelWarning), danger: true,
                               confirm: t(.consoleCancelThisWarning))
            html += forms.form("close", fields: [("incident_id", id)], button: t(.consoleCloseResponse), danger: true,
                               confirm: t(.consoleCloseTheResponseToThis))
        }
        return html + "</div>"
    }

    func orders() -> String {
        guard !view.orders.isEmpty else { return "<p class=\"empty\">–</p>" }
        var html = "<table class=\"orders\"><thead><tr><th>\(t(.consoleTeam))</th><th>\(t(.consoleState))</th><th>\(t(.consoleIssued))</th><th>\(t(.consoleDueIn))</th><th></th></tr></thead><tbody>"
        for order in view.orders {
            let overdue = order.state.isOpen && (order.nextDeadline.map { $0 < now } ?? false)
            html += "<tr class=\"order \(overdue ? "overdue" : order.state.rawValue)\" data-order=\"\(e(order.orderID))\" data-state=\"\(order.state.rawValue)\">"
            html += "<td class=\"team\">\(e(teamName(order.teamID)))<br><small>\(e(order.orderID))</small></td>"
            html += "<td class=\"state\">\(e(words.state(order.state)))\(order.step > 0 ? " · \(t(.consoleStep, "\(order.step)"))" : "")</td>"
            html += "<td class=\"num\">\(e(time(order.issuedAt)))</td>"
            if order.state.isOpen, let deadline = order.nextDeadline {
                html += "<td><span class=\"countdown\" data-deadline=\"\(Int64(deadline.timeIntervalSince1970 * 1000))\">\(BoardView.clock(Int(deadline.timeIntervalSince(now))))</span>"
                html += " <small>\(order.chain == .ack ? t(.consoleToAccept) : t(.consoleToArrive))</small></td>"
            } else {
                html += "<td><span class=\"countdown stopped\">–</span></td>"
            }
            html += "<td>\(order.state.isOpen && role >= .operator ? orderActions(order) : "")</td></tr>"
        }
        return html + "</tbody></table>"
    }

    func orderActions(_ order: OrderRecord) -> String {
        let id = order.orderID
        let safe = ActionDropper.safe(id)
        let statuses: [(value: String, label: String)] = [("accept", t(.consoleAccept)), ("arrived", t(.consoleArrived)),
                                                          ("complete", t(.consoleComplete)), ("decline", t(.consoleDecline))]
        var html = forms.form("ack", fields: [("order_id", id)],
                              inputs: Forms.select("status", id: "ack-status-\(safe)", options: statuses)
                                  + Forms.input("by", id: "ack-by-\(safe)", placeholder: t(.consoleWhoPhonedIn), required: true),
                              button: t(.consoleAckForTeam))
        html += forms.form("standdown", fields: [("order_id", id)],
                           inputs: Forms.input("reason", id: "standdown-reason-\(safe)", placeholder: t(.consoleStanddownReason)),
                           button: t(.consoleStandDown))
        let teams = [(value: "", label: t(.consoleNextCandidate))] + county.teams.filter { $0.id != order.teamID }.map { (value: $0.id, label: $0.name) }
        html += forms.form("reassign", fields: [("order_id", id)],
                           inputs: Forms.select("team_id", id: "reassign-team-\(safe)", options: teams),
                           button: t(.consoleReassign))
        return html
    }
}
