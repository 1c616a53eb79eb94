import Dispatcher
import Foundation
import Rules

/// The incident page's live part: the incident, its demands, its orders with their chains and
/// countdowns, the actions the caller's role allows, and the history rows (timeline).
/// The timeline lists the history rows oldest first with the time since the first, who
/// (`by`, `via`) and the details. GAP: the §16 figures (issue-10-cli's model) are not shown.
struct IncidentView {
    let snapshot: IncidentSnapshot
    let county: County
    let now: Date
    let language: Language
    let role: ConsoleRole
    let csrf: String

    private var t: Language { language }
    private func e(_ text: String) -> String { HTML.escape(text) }
    func teamName(_ id: String) -> String { county.team(id: id)?.name ?? id }
    func areaName(_ path: String) -> String { county.areas.indexByPath[path].map { county.areas.fullName(of: $0) } ?? path }
    func time(_ date: Date?) -> String {
        guard let date else { return "–" }
        let formatter = DateFormatter()
        formatter.timeZone = county.settings.timeZone
        formatter.dateFormat = "MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }

    var forms: Forms { Forms(csrf: csrf, language: language, back: "/incidents/\(snapshot.incident.incidentID)") }

    func render() -> String {
        let incident = snapshot.incident
        var html = "<div class=\"page\" data-now=\"\(Int64(now.timeIntervalSince1970 * 1000))\">"
        html += "<section class=\"panel\"><h2><span class=\"badge level-\(e(incident.level))\">\(e(t.warningLevel(incident.level)))</span> <span class=\"title\">\(e(incident.title))</span></h2>"
        html += "<p>\(e(incident.incidentID)) · \(e(t.incidentState(incident.state))) · \(e(t.kind(incident.kind))) · \(e(t.response(incident.responseLevel)))"
        html += incident.exercise ? " · <span class=\"exercise\">\(t.t("演练", "exercise"))</span>" : ""
        html += "</p><p>\(e(incident.areas.map(areaName).joined(separator: "、")))</p>"
        if !incident.incidentDescription.isEmpty { html += "<p>\(e(incident.incidentDescription))</p>" }
        if role >= .operator && incident.state == .active { html += incidentActions() }
        html += "</section>"
        html += "<section class=\"panel\"><h2>\(t.t("调派指令", "Orders")) <b>\(snapshot.orders.count)</b></h2>\(orders())</section>"
        if !snapshot.pendingDemands.isEmpty {
            html += "<section class=\"panel\"><h2>\(t.t("待满足需求", "Pending demands"))</h2><table><tbody>"
            for demand in snapshot.pendingDemands {
                html += "<tr><td>\(e(demand.ruleID))</td><td>\(e(demand.selector))</td><td>\(e(areaName(demand.areaPath)))</td><td class=\"num\">\(demand.dispatched)/\(demand.requested)</td></tr>"
            }
            html += "</tbody></table></section>"
        }
        html += "<section class=\"panel timeline\"><h2>\(t.t("时间线", "Timeline"))</h2><table><thead><tr><th>\(t.t("时间", "Time"))</th>"
        html += "<th>+</th><th>\(t.t("事件", "Event"))</th><th>\(t.t("操作人", "Who"))</th><th>\(t.t("详情", "Details"))</th></tr></thead><tbody>"
        let start = snapshot.history.first?.at ?? incident.createdAt
        for row in snapshot.history {
            let who = [row.by, row.via.map { "via \($0)" }].compactMap { $0 }.joined(separator: " ")
            html += "<tr><td class=\"num\">\(e(time(row.at)))</td><td class=\"num\">+\(BoardView.clock(max(0, Int(row.at.timeIntervalSince(start)))))</td>"
            html += "<td>\(e(eventName(row.event)))</td><td>\(e(who))</td><td><code>\(e(row.detail))</code></td></tr>"
        }
        html += "</tbody></table></section></div>"
        return html
    }

    func eventName(_ event: String) -> String {
        guard language.isChinese else { return event }
        return ["input": "收到输入", "matched": "匹配规则", "order": "下达指令", "reassign": "改派", "standdown": "撤回",
                "shortfall": "缺口", "timer": "计时到期", "escalation": "升级", "unacknowledged": "无应答", "ack": "应答",
                "lifted": "预警解除", "closed": "响应结束", "command": "值班操作", "team_unavailable": "队伍不可用",
                "team_available": "队伍可用", "handover": "交接班"][event] ?? event
    }

    func incidentActions() -> String {
        let id = snapshot.incident.incidentID
        let teams = county.teams.map { (value: $0.id, label: "\($0.name) (\($0.id))") }
        var html = "<div class=\"actions\">"
        html += forms.form("dispatch", fields: [("incident_id", id)],
                           inputs: Forms.select("team_id", id: "dispatch-team", options: teams)
                               + Forms.input("instructions", id: "dispatch-instructions", placeholder: t.t("任务说明（可选）", "instructions (optional)")),
                           button: t.t("调派队伍", "Dispatch team"))
        if role >= .commander {
            html += forms.form("cancel", fields: [("incident_id", id)], button: t.t("撤销预警", "Cancel warning"), danger: true,
                               confirm: t.t("确认撤销此预警？", "Cancel this warning?"))
            html += forms.form("close", fields: [("incident_id", id)], button: t.t("结束响应", "Close response"), danger: true,
                               confirm: t.t("确认结束此事件的响应？", "Close the response to this incident?"))
        }
        return html + "</div>"
    }

    func orders() -> String {
        guard !snapshot.orders.isEmpty else { return "<p class=\"empty\">–</p>" }
        var html = "<table class=\"orders\"><thead><tr><th>\(t.t("队伍", "Team"))</th><th>\(t.t("状态", "State"))</th><th>\(t.t("下达", "Issued"))</th><th>\(t.t("倒计时", "Due in"))</th><th></th></tr></thead><tbody>"
        for order in snapshot.orders {
            let overdue = order.state.isOpen && (order.nextDeadline.map { $0 < now } ?? false)
            html += "<tr class=\"order \(overdue ? "overdue" : order.state.rawValue)\" data-order=\"\(e(order.orderID))\" data-state=\"\(order.state.rawValue)\">"
            html += "<td class=\"team\">\(e(teamName(order.teamID)))<br><small>\(e(order.orderID))</small></td>"
            html += "<td class=\"state\">\(e(t.orderState(order.state)))\(order.step > 0 ? " · \(t.t("第\(order.step)级", "step \(order.step)"))" : "")</td>"
            html += "<td class=\"num\">\(e(time(order.issuedAt)))</td>"
            if order.state.isOpen, let deadline = order.nextDeadline {
                html += "<td><span class=\"countdown\" data-deadline=\"\(Int64(deadline.timeIntervalSince1970 * 1000))\">\(BoardView.clock(Int(deadline.timeIntervalSince(now))))</span>"
                html += " <small>\(order.chain == .ack ? t.t("待接收", "to accept") : t.t("待到场", "to arrive"))</small></td>"
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
        let statuses: [(value: String, label: String)] = [("accept", t.t("接收", "accept")), ("arrived", t.t("到场", "arrived")),
                                                          ("complete", t.t("完成", "complete")), ("decline", t.t("拒绝", "decline"))]
        var html = forms.form("ack", fields: [("order_id", id)],
                              inputs: Forms.select("status", id: "ack-status-\(safe)", options: statuses)
                                  + Forms.input("by", id: "ack-by-\(safe)", placeholder: t.t("来电人姓名", "who phoned in"), required: true),
                              button: t.t("代为应答", "Ack for team"))
        html += forms.form("standdown", fields: [("order_id", id)],
                           inputs: Forms.input("reason", id: "standdown-reason-\(safe)", placeholder: t.t("撤回原因", "reason")),
                           button: t.t("撤回", "Stand down"))
        let teams = [(value: "", label: t.t("下一个候选队伍", "next candidate"))] + county.teams.filter { $0.id != order.teamID }.map { (value: $0.id, label: $0.name) }
        html += forms.form("reassign", fields: [("order_id", id)],
                           inputs: Forms.select("team_id", id: "reassign-team-\(safe)", options: teams),
                           button: t.t("改派", "Reassign"))
        return html
    }
}
