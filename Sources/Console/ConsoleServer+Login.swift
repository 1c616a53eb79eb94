import Catalogue
import Foundation
import Hummingbird
import HummingbirdBcrypt

/// Logging in and out (SPEC §17). The login form carries a CSRF token of its own, paired with
/// a short-lived cookie (double submit), so a foreign page cannot log a browser in either.
/// Five failed attempts lock the login for a minute: 429, whatever the password.
extension ConsoleServer {
    static let loginCookie = "dispatchd_console_login"

    func cookie(_ name: String, _ value: String, maxAge: Int?) -> String {
        var text = "\(name)=\(value); Path=/; HttpOnly; SameSite=Strict"
        if let maxAge { text += "; Max-Age=\(maxAge)" }
        return text
    }

    func loginPage(_ request: Request, message: String?, status: HTTPResponse.Status) -> Response {
        let t = language(request)
        let token = SessionStore.randomToken()
        var body = "<form class=\"login\" method=\"post\" action=\"/login\">"
        body += "<h2>\(t(.consoleLogInToTheDuty))</h2>"
        if let message { body += "<p class=\"error\">\(HTML.escape(message))</p>" }
        body += "<input type=\"hidden\" name=\"csrf\" value=\"\(token)\">"
        body += "<label>\(t(.consoleLogin)) <input id=\"login\" name=\"login\" autocomplete=\"username\" required autofocus></label>"
        body += "<label>\(t(.consolePassword)) <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>"
        body += "<button type=\"submit\">\(t(.consoleLogIn))</button></form>"
        var headers = HTTPFields()
        headers[.setCookie] = cookie(Self.loginCookie, token, maxAge: 3600)
        return Self.html(shell(t, t(.consoleDutyConsole), nil).render(body), status: status, headers: headers)
    }

    func login(_ request: Request) async throws -> Response {
        let t = language(request)
        guard let form = try await collectForm(request) else {
            return refusal(.contentTooLarge, t(.consoleRequestTooLarge), t, nil)
        }
        guard let token = form["csrf"], !token.isEmpty, request.cookies[Self.loginCookie]?.value == token else {
            return refusal(.forbidden, t(.consoleTheLoginFormHasExpired), t, nil)
        }
        let login = form["login"] ?? ""
        let now = Date()
        if let until = sessions.lockedUntil(login: login, now: now) {
            let seconds = Int(until.timeIntervalSince(now).rounded(.up))
            logger.warning("console login locked", metadata: ["login": "\(login)"])
            return loginPage(request, message: t(.consoleTooManyFailedLoginsThis, "\(seconds)"),
                             status: .tooManyRequests)
        }
        let directory = currentUsers()
        guard let user = directory.user(login: login), !user.passwordHash.isEmpty,
              Bcrypt.verify(form["password"] ?? "", hash: user.passwordHash) else {
            sessions.recordFailure(login: login, now: now)
            logger.notice("console login failed", metadata: ["login": "\(login)"])
            return loginPage(request, message: t(.consoleWrongLoginOrPassword), status: .unauthorized)
        }
        let session = sessions.create(login: user.login, now: now)
        logger.info("console login", metadata: ["login": "\(user.login)", "role": "\(user.role.rawValue)"])
        var headers = HTTPFields()
        headers[.setCookie] = cookie(Self.cookieName, session.id, maxAge: Int(sessions.lifetime))
        return Self.redirect("/", headers: headers)
    }

    func logout(_ request: Request) async throws -> Response {
        let t = language(request)
        guard let caller = caller(request) else { return refusal(.unauthorized, t(.consoleNotLoggedIn), t, nil) }
        guard let form = try await collectForm(request), form["csrf"] == caller.session.csrf else {
            return refusal(.forbidden, t(.consoleFormTokenRefused), t, caller)
        }
        sessions.remove(id: caller.session.id)
        var headers = HTTPFields()
        headers[.setCookie] = cookie(Self.cookieName, "", maxAge: 0)
        return Self.redirect("/login", headers: headers)
    }
}
