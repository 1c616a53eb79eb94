/// The frame of every page: title bar with navigation, wall clock, connection banner and the
/// user; `body` goes into `<main>`. One stylesheet and one script, both served by the console.
struct PageShell {
    let language: Language
    let title: String
    let user: ConsoleUser?
    let csrf: String?
    let countyName: String

    func render(_ body: String) -> String {
        let t = language
        var html = "<!DOCTYPE html><html lang=\"\(t.code)\"><head><meta charset=\"utf-8\">"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        html += "<title>\(HTML.escape(title)) · \(HTML.escape(countyName))</title>"
        html += "<link rel=\"stylesheet\" href=\"/static/console.css\"><script src=\"/static/console.js\" defer></script></head><body>"
        html += "<header class=\"top\"><h1>\(HTML.escape(title)) · \(HTML.escape(countyName))</h1>"
        if let user {
            html += "<nav><a href=\"/\">\(t.t("值班总览", "Board"))</a><a href=\"/teams\">\(t.t("队伍", "Teams"))</a>"
            html += "<a href=\"/duty\">\(t.t("值班", "Duty"))</a>"
            if user.role >= .operator { html += "<a href=\"/report\">\(t.t("上报事件", "Report"))</a>" }
            html += "</nav>"
            html += "<span id=\"connection\" class=\"connection live\" data-live=\"\(t.t("实时", "live"))\" data-stale=\"\(t.t("连接中断，数据停留在", "connection lost, data as of"))\">\(t.t("实时", "live"))</span>"
            html += "<span id=\"wall-clock\"></span>"
            html += "<span class=\"who\">\(HTML.escape(user.name)) (\(HTML.escape(roleName(user.role))))"
            html += " <form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" value=\"\(HTML.escape(csrf ?? ""))\"><button type=\"submit\">\(t.t("退出", "Log out"))</button></form></span>"
        } else {
            html += "<span id=\"wall-clock\"></span>"
        }
        html += "</header><main>\(body)</main></body></html>"
        return html
    }

    func roleName(_ role: ConsoleRole) -> String {
        switch role {
        case .viewer: language.t("查看", "viewer")
        case .operator: language.t("值班员", "operator")
        case .commander: language.t("指挥", "commander")
        }
    }
}
