import Catalogue
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
            html += "<nav><a href=\"/\">\(t(.consoleBoard))</a><a href=\"/teams\">\(t(.consoleTeams))</a>"
            html += "<a href=\"/duty\">\(t(.consoleDuty))</a>"
            if user.role >= .operator { html += "<a href=\"/report\">\(t(.consoleReportTitle))</a>" }
            html += "</nav>"
            html += "<span id=\"connection\" class=\"connection live\" data-live=\"\(t(.consoleLive))\" data-stale=\"\(t(.consoleConnectionLostDataAsOf))\">\(t(.consoleLive))</span>"
            html += "<span id=\"wall-clock\"></span>"
            html += "<span class=\"who\">\(HTML.escape(user.name)) (\(HTML.escape(roleName(user.role))))"
            html += " <form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" value=\"\(HTML.escape(csrf ?? ""))\"><button type=\"submit\">\(t(.consoleLogOut))</button></form></span>"
        } else {
            html += "<span id=\"wall-clock\"></span>"
        }
        html += "</header><main>\(body)</main></body></html>"
        return html
    }

    func roleName(_ role: ConsoleRole) -> String {
        switch role {
        case .viewer: language(.consoleViewer)
        case .operator: language(.consoleOperator)
        case .commander: language(.consoleCommander)
        }
    }
}
