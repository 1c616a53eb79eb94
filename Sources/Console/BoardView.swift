import Catalogue
import Dispatcher
import Foundation
import Rules

/// Renders the board's live part (值班总览) as an HTML fragment. The same fragment is the
/// body of `GET /` and the data of each server-sent `board` event, so a page that reconnects
/// shows exactly what a fresh load would. Every text from outside goes through `HTML.escape`.
/// Countdowns carry their deadline (`data-deadline`, ms since 1970); the browser ticks them.
struct BoardView {
    let model: BoardModel
    let language: Language
    let canAct: Bool
    let onDuty: [String: BoardSnapshot.OnDuty]
    let unavailable: [String: TeamStatusRecord]

    private var t: Language { language }
    private func e(_ text: String) -> String { HTML.escape(text) }

    func countdown(_ deadline: Date?) -> String {
        guard let deadline else { return "<span class=\"countdown none\">–</span>" }
        let ms = Int64(deadline.timeIntervalSince1970 * 1000)
        let seconds = Int(deadline.timeIntervalSince(model.now).rounded())
        return "<span class=\"countdown\" data-deadline=\"\(ms)\">\(Self.clock(seconds))</span>"
    }

    /// `12:05`, `1:02:05`, or `-0:30` when overdue (the script redraws it each second).
    static func clock(_ seconds: Int) -> String {
        let a = abs(seconds)
        let body = a >= 3600 ? String(format: "%d:%02d:%02d", a / 3600, a / 60 % 60, a % 60)
                             : String(format: "%d:%02d", a / 60, a % 60)
        return seconds < 0 ? "-" + body : body
    }

    func render() -> String {
        var html = "<div class=\"board\" data-now=\"\(Int64(model.now.timeIntervalSince1970 * 1000))\">"
        html += summary()
        html += "<section class=\"panel incidents\"><h2>\(t(.consoleOpenIncidents)) <b>\(model.incidents.count)</b></h2>\(incidents())</section>"
        html += "<section class=\"panel orders\"><h2>\(t(.consoleOpenOrders)) <b>\(model.snapshot.openOrders.count)</b></h2>\(orders())</section>"
        html += "<section class=\"panel map\"><h2>\(t(.consoleAreaModes))</h2>\(MapView(model: model, language: language).render())</section>"
        html += "<section class=\"panel pending\"><h2>\(t(.consolePendingDemandsAndShortfalls)) <b>\(model.snapshot.pendingDemands.count)</b></h2>\(pending())</section>"
        html += "<section class=\"panel duty\"><h2>\(t(.consoleOnDuty))</h2>\(duty())</section>"
        html += "</div>"
        return html
    }

    func summary() -> String {
        let emergency = model.snapshot.areaModes.count
        let cells = [
            (t(.consoleIncidents), model.incidents.count, model.incidents.isEmpty ? "" : "warn"),
            (t(.consoleOverdueOrders), model.overdueCount, model.overdueCount > 0 ? "alarm" : ""),
            (t(.consoleAreasInEmergency), emergency, emergency > 0 ? "warn" : ""),
            (t(.consoleShortfalls), model.snapshot.pendingDemands.count, model.snapshot.pendingDemands.isEmpty ? "" : "alarm"),
            (t(.consoleUnpublishedMessages), model.snapshot.unpublishedMessages, model.snapshot.unpublishedMessages > 0 ? "alarm" : ""),
        ]
        return "<section class=\"summary\">" + cells.map { label, value, tone in
            "<div class=\"figure \(tone)\"><span class=\"value\">\(value)</span><span class=\"label\">\(label)</span></div>"
        }.joined() + "</section>"
    }

    func incidents() -> String {
        guard !model.incidents.isEmpty else { return "<p class=\"empty\">\(t(.consoleNoOpenIncidents))</p>" }
        var html = "<ol class=\"incident-list\">"
        for incident in model.incidents {
            let orders = model.snapshot.openOrders.filter { $0.incidentID == incident.incidentID }.count
            html += "<li class=\"incident level-\(e(incident.level))\">"
            html += "<a href=\"/incidents/\(e(incident.incidentID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? incident.incidentID))\">"
            html += "<span class=\"badge level-\(e(incident.level))\">\(e(t.warningLevel(incident.level)))</span>"
            html += "<span class=\"title\">\(e(incident.title))</span></a>"
            html += "<span class=\"meta\">\(e(t.kind(incident.kind))) · \(e(t.response(incident.responseLevel))) · "
            html += "\(e(incident.areas.map(model.areaName).joined(separator: "、"))) · \(t(.consoleOrders)) \(orders)"
            if incident.exercise { html += " · <span class=\"exercise\">\(t(.consoleExercise))</span>" }
            html += "</span></li>"
        }
        return html + "</ol>"
    }

    func orders() -> String {
        guard !model.orderGroups.isEmpty else { return "<p class=\"empty\">\(t(.consoleNoOpenOrders))</p>" }
        var html = ""
        for group in model.orderGroups {
            html += "<h3>\(e(group.town))</h3><table class=\"orders\"><tbody>"
            for order in group.orders {
                let tone = model.isOverdue(order) ? "overdue" : (order.state == .escalated ? "escalated" : order.state.rawValue)
                html += "<tr class=\"order \(tone)\" data-order=\"\(e(order.orderID))\">"
                html += "<td class=\"team\">\(e(model.teamName(order.teamID)))</td>"
                html += "<td class=\"state\">\(e(t.orderState(order.state)))\(order.step > 0 ? " · \(t(.consoleStep, "\(order.step)"))" : "")</td>"
                html += "<td class=\"deadline\">\(countdown(order.nextDeadline))</td>"
                html += "<td class=\"where\"><a href=\"/incidents/\(e(order.incidentID))\">\(e(model.placeName(order.areaPath)))</a></td></tr>"
            }
            html += "</tbody></table>"
        }
        return html
    }

    func pending() -> String {
        guard !model.snapshot.pendingDemands.isEmpty else { return "<p class=\"empty\">\(t(.consoleNothingShort))</p>" }
        var html = "<table class=\"pending\"><tbody>"
        for demand in model.snapshot.pendingDemands {
            let waited = Int(model.now.timeIntervalSince(demand.since))
            html += "<tr><td>\(e(demand.selector))</td><td>\(e(model.areaName(demand.areaPath)))</td>"
            html += "<td class=\"num\">\(demand.dispatched)/\(demand.requested)</td>"
            html += "<td class=\"num\">\(t(.consoleWaiting)) \(Self.clock(waited))</td></tr>"
        }
        return html + "</tbody></table>"
    }

    /// Who messages to each post reach now (SPEC §15): the persons set by the last `duty`
    /// command, else the post's contact (marked as such); then the unavailable teams.
    func duty() -> String {
        guard !model.county.dutyPosts.isEmpty else { return "<p class=\"empty\">–</p>" }
        var html = "<ul class=\"duty-list\">"
        for post in model.county.dutyPosts {
            let now = onDuty[post.id]
            let persons = now?.persons ?? post.recipients
            let people = persons.map { "\(e($0.name))\($0.phone.map { " <span class=\"phone\">\(e($0))</span>" } ?? "")" }
            html += "<li><span class=\"post\">\(e(post.name))</span> <span class=\"people\">\(people.isEmpty ? "–" : people.joined(separator: "、"))</span>"
            if now?.isContact ?? true { html += " <span class=\"note\">\(t(.consoleContactFromTheDutyFile))</span>" }
            html += "</li>"
        }
        html += "</ul>"
        if !unavailable.isEmpty {
            html += "<h3>\(t(.consoleUnavailableTeams)) \(unavailable.count)</h3><ul class=\"duty-list\">"
            for (id, status) in unavailable.sorted(by: { $0.key < $1.key }) {
                html += "<li><span class=\"people\">\(e(model.teamName(id)))</span> <span class=\"phone\">\(e(status.reason ?? ""))"
                if let until = status.until { html += " \(t(.consoleUntil)) <span class=\"countdown\" data-deadline=\"\(Int64(until.timeIntervalSince1970 * 1000))\">\(Self.clock(Int(until.timeIntervalSince(model.now))))</span>" }
                html += "</span></li>"
            }
            html += "</ul>"
        }
        return html
    }
}
