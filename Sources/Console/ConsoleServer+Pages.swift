import Catalogue
import Dispatcher
import Foundation
import Hummingbird
import Rules

/// The incident, teams, duty and report pages.
extension ConsoleServer {
    func incidentFragment(_ id: String, _ caller: Caller, _ language: Language) -> String? {
        guard let (view, timeline) = (try? IncidentPage.read(id, county: county)) ?? nil else { return nil }
        return IncidentPage(view: view, timeline: timeline, county: county, now: Date(), language: language,
                            role: caller.user.role, csrf: caller.session.csrf).render()
    }

    func incidentPage(_ id: String, _ caller: Caller, _ language: Language) -> Response {
        guard let fragment = incidentFragment(id, caller, language) else {
            return refusal(.notFound, language(.consoleNoSuchIncidentNamed, id), language, caller)
        }
        let events = "/events?incident=" + (id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        let body = "<section id=\"live\" data-events=\"\(HTML.escape(events))\" data-version=\"\(feed.latest.version)\">\(fragment)</section>"
        return Self.html(shell(language, language(.consoleIncident), caller).render(body))
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
        var body = "<div class=\"page\"><section class=\"panel\"><h2>\(t(.consoleTeams)) <b>\(county.teams.count)</b></h2><table><thead><tr>"
        body += "<th>\(t(.consoleTeam))</th><th>\(t(.consoleKind))</th><th>\(t(.consoleArea))</th><th>\(t(.consoleInUseCapacity))</th><th>\(t(.consoleAvailability))</th><th></th></tr></thead><tbody>"
        for team in county.teams {
            let safe = ActionDropper.safe(team.id)
            body += "<tr data-team=\"\(HTML.escape(team.id))\"><td class=\"team\">\(HTML.escape(team.name))<br><small>\(HTML.escape(team.id))</small></td>"
            body += "<td>\(HTML.escape(team.kind))</td><td>\(HTML.escape(county.areas.fullName(of: team.area)))</td>"
            body += "<td class=\"num\">\(used[team.id] ?? 0)/\(team.capacity)</td>"
            if let status = unavailable[team.id] {
                body += "<td class=\"availability unavailable\" data-available=\"false\">\(t(.consoleUnavailable))"
                body += " \(HTML.escape(status.reason ?? ""))\(status.until.map { " · \(t(.consoleUntil)) \(HTML.escape(RFC3339.format($0, in: county.settings.timeZone)))" } ?? "")"
                body += " <small>(\(HTML.escape(status.by)))</small></td><td>"
            } else {
                body += "<td class=\"availability\" data-available=\"true\">\(t(.consoleAvailable))</td><td>"
            }
            if caller.user.role >= .operator {
                body += forms.form("team", fields: [("team_id", team.id), ("status", "unavailable")],
                                   inputs: Forms.input("reason", id: "team-reason-\(safe)", placeholder: t(.consoleReason))
                                       + Forms.input("until", id: "team-until-\(safe)", placeholder: t(.consoleUntil2hOrATime)),
                                   button: t(.consoleSetUnavailable))
                body += forms.form("team", fields: [("team_id", team.id), ("status", "available")], button: t(.consoleSetAvailable))
            }
            body += "</td></tr>"
        }
        body += "</tbody></table></section></div>"
        return Self.html(shell(language, t(.consoleTeams), caller).render(body))
    }

    /// The handover report (交接班记录, SPEC §15) of every duty post, or of one with
    /// `?post=ID`, from the library's `HandoverReport`, with the hand-over form and a print
    /// button (the print style gives one sheet per post).
    func dutyPage(_ post: String?, _ caller: Caller, _ language: Language) -> Response {
        let t = language
        let posts = county.dutyPosts.filter { post == nil || $0.id == post }
        if let post, posts.isEmpty {
            return refusal(.notFound, t(.consoleNoSuchDutyPost, post), t, caller)
        }
        let now = Date()
        let forms = caller.user.role >= .operator ? Forms(csrf: caller.session.csrf, language: language, back: "/duty") : nil
        var body = "<div class=\"page duty-page\"><p class=\"no-print\"><button type=\"button\" id=\"print\" data-print>\(HTML.escape(t(.consolePrint)))</button>"
        if county.dutyPosts.count > 1 {
            body += " " + county.dutyPosts.map { "<a href=\"/duty?post=\(HTML.escape($0.id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.id))\">\(HTML.escape($0.name))</a>" }.joined(separator: " · ")
        }
        body += "</p>"
        do {
            let store = try StateStore.openReadOnly(directory: county.settings.state)
            for post in posts {
                let report = try HandoverReport.read(post: post, county: county, now: now, from: store)
                body += HandoverPage(report: report, county: county, now: now, language: language, forms: forms).render()
            }
        } catch {
            return refusal(.serviceUnavailable, t(.consoleStateUnreadable, "\(error)"), t, caller)
        }
        body += "</div>"
        return Self.html(shell(language, t(.consoleDutyTitle), caller).render(body))
    }

    func reportPage(_ caller: Caller, _ language: Language, message: String?) -> Response {
        let t = language
        guard caller.user.role >= .operator else {
            return refusal(.forbidden, t(.consoleAViewerCannotReportIncidents), t, caller)
        }
        let kinds = county.kinds.sorted().map { (value: $0, label: t.kind($0)) }
        let levels = WarningLevel.allCases.reversed().map { (value: $0.name, label: t.warningLevel($0.name)) }
        let areas = (0..<county.areas.count).map { index in
            (value: county.areas[index].path,
             label: String(repeating: "　", count: county.areas[index].depth) + county.areas[index].name)
        }
        let forms = Forms(csrf: caller.session.csrf, language: language, back: "/report")
        var body = "<div class=\"page\"><section class=\"panel\"><h2>\(t(.consoleReportANewIncident))</h2>"
        if let message { body += "<p class=\"error\">\(HTML.escape(message))</p>" }
        body += forms.form("report", fields: [],
                           inputs: "<label>\(t(.consoleKind)) " + Forms.select("kind", id: "report-kind", options: kinds) + "</label>"
                               + "<label>\(t(.consoleLevel)) " + Forms.select("level", id: "report-level", options: levels) + "</label>"
                               + "<label>\(t(.consoleArea)) " + Forms.select("area", id: "report-area", options: areas) + "</label>"
                               + "<label>\(t(.consoleTitle)) " + Forms.input("title", id: "report-title", placeholder: t(.consoleTitleExample), required: true) + "</label>"
                               + "<label>\(t(.consoleText)) <textarea id=\"report-text\" name=\"description\" rows=\"3\"></textarea></label>",
                           button: t(.consoleReport))
        body += "</section></div>"
        return Self.html(shell(language, t(.consoleReportTitle), caller).render(body))
    }
}
