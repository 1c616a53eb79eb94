import Catalogue
/// Action forms: every one is a POST to `/act` with the session's CSRF token and an `action`.
/// Only drawn for roles that may use them; the server checks again (`ConsoleServer.act`).
struct Forms {
    let csrf: String
    let language: Language
    let back: String

    func form(_ action: String, fields: [(String, String)], inputs: String = "", button: String,
              danger: Bool = false, confirm: String? = nil) -> String {
        var html = "<form class=\"act\" method=\"post\" action=\"/act\""
        if let confirm { html += " data-confirm=\"\(HTML.escape(confirm))\"" }
        html += "><input type=\"hidden\" name=\"csrf\" value=\"\(HTML.escape(csrf))\">"
        html += "<input type=\"hidden\" name=\"action\" value=\"\(HTML.escape(action))\">"
        html += "<input type=\"hidden\" name=\"back\" value=\"\(HTML.escape(back))\">"
        for (name, value) in fields { html += "<input type=\"hidden\" name=\"\(HTML.escape(name))\" value=\"\(HTML.escape(value))\">" }
        html += inputs
        html += "<button type=\"submit\"\(danger ? " class=\"danger\"" : "") data-action=\"\(HTML.escape(action))\">\(HTML.escape(button))</button></form>"
        return html
    }

    static func input(_ name: String, id: String, placeholder: String, required: Bool = false, type: String = "text") -> String {
        "<input id=\"\(HTML.escape(id))\" name=\"\(HTML.escape(name))\" type=\"\(type)\" placeholder=\"\(HTML.escape(placeholder))\"\(required ? " required" : "")>"
    }

    static func select(_ name: String, id: String, options: [(value: String, label: String)]) -> String {
        "<select id=\"\(HTML.escape(id))\" name=\"\(HTML.escape(name))\">" + options.map {
            "<option value=\"\(HTML.escape($0.value))\">\(HTML.escape($0.label))</option>"
        }.joined() + "</select>"
    }
}
