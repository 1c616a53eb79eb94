import Dispatcher
import Foundation
import Hummingbird
import Rules

/// The incident, teams, duty and report pages.
extension ConsoleServer {
    func incidentFragment(_ id: String, _ caller: Caller, _ language: Language) -> String? {
        guard let snapshot = try? IncidentSnapshot.read(id, stateDirectory: county.settings.state) else { return nil }
        return IncidentView(snapshot: snapshot, county: county, now: Date(), language: language,
                            role: caller.user.role, csrf: caller.session.csrf).render()
    }

    func incidentPage(_ id: String, _ caller: Caller, _ language: Language) -> Response {
        guard let fragment = incidentFragment(id, caller, language) else {
            return refusal(.notFound, language.t("没有这个事件：", "no such incident: ") + id, language, caller)
        }
        let events = "/events?incident=" + (id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        let body = "<section id=\"live\" data-events=\"\(HTML.escape(events))\" data-version=\"\(feed.latest.version)\">\(fragment)</section>"
        return Self.html(shell(language, language.t("事件", "Incident"), caller).render(body))
    }

    /// Orders holding each team's capacity (SPEC §5: issued, escalated, accepted, arrived).
    func capacityInUse(_ snapshot: StatusSnapshot?) -> [String: Int] {
        var used: [String: Int] = [:]
        for order in snapshot?.openOrders ?? [] { used[order.teamID, default: 0] += 1 }
        return used
    }

    /// Capacity in use and live availability (issue 10's `team` state) of every team.
    func teamsPage(_ caller: Caller, _ language: Language) -> Response {
        let t = language
        let used = capacityInUse(feed.latest.snapshot?.status)
        let unavailable = feed.latest.snapshot?.unavailable ?? [:]
        let forms = Forms(csrf: caller.session.csrf, language: language, back: "/teams")
        var body = "<div class=\"page\"><section class=\"panel\"><h2>\(t.t("队伍", "Teams")) <b>\(county.teams.count)</b></h2><table><thead><tr>"
        body += "<th>\(t.t("队伍", "Team"))</th><th>\(t.t("类别", "Kind"))</th><th>\(t.t("区域", "Area"))</th><th>\(t.t("在用/容量", "In use / capacity"))</th><th>\(t.t("状态", "Availability"))</th><th></th></tr></thead><tbody>"
        for team in county.teams {
            let safe = ActionDropper.safe(team.id)
            body += "<tr data-team=\"\(HTML.escape(team.id))\"><td class=\"team\">\(HTML.escape(team.name))<br><small>\(HTML.escape(team.id))</small></td>"
            body += "<td>\(HTML.escape(team.kind))</td><td>\(HTML.escape(county.areas.fullName(of: team.area)))</td>"
            body += "<td class=\"num\">\(used[team.id] ?? 0)/\(team.capacity)</td>"
            if let status = unavailable[team.id] {
                body += "<td class=\"availability unavailable\" data-available=\"false\">\(t.t("不可用", "unavailable"))"
                body += " \(HTML.escape(status.reason ?? ""))\(status.until.map { " · \(t.t("至", "until")) \(HTML.escape(RFC3339.format($0, in: county.settings.timeZone)))" } ?? "")"
                body += " <small>(\(HTML.escape(status.by)))</small></td><td>"
            } else {
                body += "<td class=\"availability\" data-available=\"true\">\(t.t("可用", "available"))</td><td>"
            }
            if caller.user.role >= .operator {
                body += forms.form("team", fields: [("team_id", team.id), ("status", "unavailable")],
                                   inputs: Forms.input("reason", id: "team-reason-\(safe)", placeholder: t.t("原因", "reason"))
                                       + Forms.input("until", id: "team-until-\(safe)", placeholder: t.t("至（如 2h 或 2024-09-06T20:00）", "until (2h or a time)")),
                                   button: t.t("设为不可用", "Set unavailable"))
                body += forms.form("team", fields: [("team_id", team.id), ("status", "available")], button: t.t("设为可用", "Set available"))
            }
            body += "</td></tr>"
        }
        body += "</tbody></table></section></div>"
        return Self.html(shell(language, t.t("队伍", "Teams"), caller).render(body))
    }

    /// Who is on duty at each post now (issue 10's duty state), the open incidents in its area
    /// (printable), and the hand-over form. GAP: the full §15 report (issue 10's handover
    /// model) is not drawn yet.
    func dutyPage(_ caller: Caller, _ language: Language) -> Response {
        let t = language
        let forms = Forms(csrf: caller.session.csrf, language: language, back: "/duty")
        let board = feed.latest.snapshot
        let snapshot = board?.status
        var body = "<div class=\"page\">"
        for post in county.dutyPosts {
            let safe = ActionDropper.safe(post.id)
            body += "<section class=\"panel\"><h2>\(HTML.escape(post.name)) <small>\(HTML.escape(county.areas.fullName(of: post.area)))</small></h2>"
            let now = board?.onDuty[post.id]
            let persons = now?.persons ?? post.recipients
            body += "<p class=\"on-duty\">\(t.t("在岗", "On duty")): <b>\(HTML.escape(persons.map { "\($0.name) \($0.phone ?? "")" }.joined(separator: "、")))</b>"
            if now?.isContact ?? true { body += " <span class=\"note\">\(t.t("（尚未交接，显示值班表联系人）", "(nobody set on duty: the post's contact)"))</span>" }
            if let since = now?.since { body += " · \(t.t("自", "since")) \(HTML.escape(RFC3339.format(since, in: county.settings.timeZone)))\(now?.setBy.map { " (\(HTML.escape($0)))" } ?? "")" }
            body += "</p>"
            let inArea = (snapshot?.incidents ?? []).filter { incident in
                incident.areas.contains { path in county.areas.indexByPath[path].map { county.areas.contains(post.area, $0) || county.areas.contains($0, post.area) } ?? false }
            }
            body += "<h3>\(t.t("辖区内事件", "Incidents in the area")) \(inArea.count)</h3><ul>"
            for incident in inArea {
                let open = snapshot?.openOrders.filter { $0.incidentID == incident.incidentID }.count ?? 0
                body += "<li>\(HTML.escape(t.warningLevel(incident.level))) \(HTML.escape(incident.title)) · \(HTML.escape(t.response(incident.responseLevel))) · \(t.t("未结束指令", "open orders")) \(open)</li>"
            }
            body += "</ul>"
            if caller.user.role >= .operator {
                body += forms.form("duty", fields: [("post_id", post.id)],
                                   inputs: Forms.input("name", id: "duty-name-\(safe)", placeholder: t.t("接班人姓名", "name"), required: true)
                                       + Forms.input("phone", id: "duty-phone-\(safe)", placeholder: t.t("电话", "phone"), required: true),
                                   button: t.t("交接班", "Hand over"))
            }
            body += "</section>"
        }
        body += "</div>"
        return Self.html(shell(language, t.t("值班与交接班", "Duty and handover"), caller).render(body))
    }

    func reportPage(_ caller: Caller, _ language: Language, message: String?) -> Response {
        let t = language
        guard caller.user.role >= .operator else {
            return refusal(.forbidden, t.t("查看账号不能上报事件", "a viewer cannot report incidents"), t, caller)
        }
        let kinds = county.kinds.sorted().map { (value: $0, label: t.kind($0)) }
        let levels = WarningLevel.allCases.reversed().map { (value: $0.name, label: t.warningLevel($0.name)) }
        let areas = (0..<county.areas.count).map { index in
            (value: county.areas[index].path,
             label: String(repeating: "　", count: county.areas[index].depth) + county.areas[index].name)
        }
        let forms = Forms(csrf: caller.session.csrf, language: language, back: "/report")
        var body = "<div class=\"page\"><section class=\"panel\"><h2>\(t.t("上报新事件", "Report a new incident"))</h2>"
        if let message { body += "<p class=\"error\">\(HTML.escape(message))</p>" }
        body += forms.form("report", fields: [],
                           inputs: "<label>\(t.t("类别", "Kind")) " + Forms.select("kind", id: "report-kind", options: kinds) + "</label>"
                               + "<label>\(t.t("预警级别", "Level")) " + Forms.select("level", id: "report-level", options: levels) + "</label>"
                               + "<label>\(t.t("区域", "Area")) " + Forms.select("area", id: "report-area", options: areas) + "</label>"
                               + "<label>\(t.t("标题", "Title")) " + Forms.input("title", id: "report-title", placeholder: t.t("如：杨和镇山体滑坡", "title"), required: true) + "</label>"
                               + "<label>\(t.t("说明", "Text")) <textarea id=\"report-text\" name=\"description\" rows=\"3\"></textarea></label>",
                           button: t.t("上报", "Report"))
        body += "</section></div>"
        return Self.html(shell(language, t.t("上报事件", "Report"), caller).render(body))
    }
}
