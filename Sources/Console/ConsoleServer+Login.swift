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
        body += "<h2>\(t.t("登录值班台", "Log in to the duty console"))</h2>"
        if let message { body += "<p class=\"error\">\(HTML.escape(message))</p>" }
        body += "<input type=\"hidden\" name=\"csrf\" value=\"\(token)\">"
        body += "<label>\(t.t("账号", "Login")) <input id=\"login\" name=\"login\" autocomplete=\"username\" required autofocus></label>"
        body += "<label>\(t.t("密码", "Password")) <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>"
        body += "<button type=\"submit\">\(t.t("登录", "Log in"))</button></form>"
        var headers = HTTPFields()
        headers[.setCookie] = cookie(Self.loginCookie, token, maxAge: 3600)
        return Self.html(shell(t, t.t("值班台", "Duty console"), nil).render(body), status: status, headers: headers)
    }

    func login(_ request: Request) async throws -> Response {
        let t = language(request)
        guard let form = try await collectForm(request) else {
            return refusal(.contentTooLarge, t.t("请求过大", "request too large"), t, nil)
        }
        guard let token = form["csrf"], !token.isEmpty, request.cookies[Self.loginCookie]?.value == token else {
            return refusal(.forbidden, t.t("登录表单已过期，请重新打开登录页", "the login form has expired; open the login page again"), t, nil)
        }
        let login = form["login"] ?? ""
        let now = Date()
        if let until = sessions.lockedUntil(login: login, now: now) {
            let seconds = Int(until.timeIntervalSince(now).rounded(.up))
            logger.warning("console login locked", metadata: ["login": "\(login)"])
            return loginPage(request, message: t.t("连续登录失败，账号已锁定，请 \(seconds) 秒后再试", "too many failed logins; this login is locked for \(seconds) s"),
                             status: .tooManyRequests)
        }
        let directory = currentUsers()
        guard let user = directory.user(login: login), !user.passwordHash.isEmpty,
              Bcrypt.verify(form["password"] ?? "", hash: user.passwordHash) else {
            sessions.recordFailure(login: login, now: now)
            logger.notice("console login failed", metadata: ["login": "\(login)"])
            return loginPage(request, message: t.t("账号或密码错误", "wrong login or password"), status: .unauthorized)
        }
        let session = sessions.create(login: user.login, now: now)
        logger.info("console login", metadata: ["login": "\(user.login)", "role": "\(user.role.rawValue)"])
        var headers = HTTPFields()
        headers[.setCookie] = cookie(Self.cookieName, session.id, maxAge: Int(sessions.lifetime))
        return Self.redirect("/", headers: headers)
    }

    func logout(_ request: Request) async throws -> Response {
        let t = language(request)
        guard let caller = caller(request) else { return refusal(.unauthorized, t.t("未登录", "not logged in"), t, nil) }
        guard let form = try await collectForm(request), form["csrf"] == caller.session.csrf else {
            return refusal(.forbidden, t.t("缺少或错误的表单令牌", "missing or wrong form token"), t, caller)
        }
        sessions.remove(id: caller.session.id)
        var headers = HTTPFields()
        headers[.setCookie] = cookie(Self.cookieName, "", maxAge: 0)
        return Self.redirect("/login", headers: headers)
    }
}
