import Catalogue
import Dispatcher
import Foundation
import Hummingbird
import Rules

/// The routes, and the helpers every handler uses: who is logged in, the page language,
/// HTML responses and refusals.
extension ConsoleServer {
    static let cookieName = "dispatchd_console"
    static let maxBody = 64 * 1024

    struct Caller: Sendable {
        let session: SessionStore.Session
        let user: ConsoleUser
    }

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/static/console.css") { _, _ in Self.asset(AssetStyle.text, type: "text/css; charset=utf-8") }
        router.get("/static/console.js") { _, _ in Self.asset(AssetScript.text, type: "text/javascript; charset=utf-8") }
        router.get("/login") { request, _ in self.loginPage(request, message: nil, status: .ok) }
        router.post("/login") { request, _ in try await self.login(request) }
        router.post("/logout") { request, _ in try await self.logout(request) }
        if settings.metricsPort == nil { addMetricsRoutes(to: router) }
        router.get("/") { request, _ in self.page(request) { caller, language in self.boardPage(caller, language) } }
        router.get("/events") { request, _ in self.events(request) }
        router.get("/api/status") { request, _ in self.apiStatus(request) }
        router.get("/incidents/{id}") { request, context in
            let id = context.parameters.get("id") ?? ""
            return self.page(request) { caller, language in self.incidentPage(id, caller, language) }
        }
        router.get("/teams") { request, _ in self.page(request) { caller, language in self.teamsPage(caller, language) } }
        router.get("/duty") { request, _ in
            let post = request.uri.queryParameters.get("post")
            return self.page(request) { caller, language in self.dutyPage(post, caller, language) }
        }
        router.get("/report") { request, _ in self.page(request) { caller, language in self.reportPage(caller, language, message: nil) } }
        router.post("/act") { request, _ in try await self.act(request) }
    }

    /// `/metrics` and `/healthz`: on `console.listen`, or alone on `console.metrics_listen`.
    func addMetricsRoutes(to router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in self.health() }
        router.get("/metrics") { _, _ in self.metrics() }
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "max-age=300"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.location] = location
        return Response(status: .seeOther, headers: fields)
    }

    func language(_ request: Request) -> Language { Language(acceptLanguage: request.headers[.acceptLanguage]) }

    func caller(_ request: Request) -> Caller? {
        guard let id = request.cookies[Self.cookieName]?.value,
              let session = sessions.session(id: id, now: Date()),
              let user = user(for: session) else { return nil }
        return Caller(session: session, user: user)
    }

    func shell(_ language: Language, _ title: String, _ caller: Caller?) -> PageShell {
        PageShell(language: language, title: title, user: caller?.user, csrf: caller?.session.csrf,
                  countyName: county.areas[0].name)
    }

    /// A page for logged-in users: without a session, the login page (303).
    func page(_ request: Request, _ render: (Caller, Language) -> Response) -> Response {
        guard let caller = caller(request) else { return Self.redirect("/login") }
        return render(caller, language(request))
    }

    /// A refusal page with its status (401 no session, 403 not allowed, 400 bad request, …).
    func refusal(_ status: HTTPResponse.Status, _ message: String, _ language: Language, _ caller: Caller?) -> Response {
        let body = "<div class=\"page\"><p class=\"error\">\(status.code) · \(HTML.escape(message))</p><p><a href=\"/\">\(language(.consoleBackToTheBoard))</a></p></div>"
        return Self.html(shell(language, language(.consoleRefused), caller).render(body), status: status)
    }

    func collectForm(_ request: Request) async throws -> FormBody? {
        var request = request
        guard let buffer = try? await request.collectBody(upTo: Self.maxBody) else { return nil }
        return FormBody(String(buffer: buffer))
    }

    func apiStatus(_ request: Request) -> Response {
        guard caller(request) != nil else {
            return Response(status: .unauthorized, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: "{\"error\": \"log in first (POST /login)\"}\n")))
        }
        do {
            let snapshot = try StatusSnapshot.read(stateDirectory: county.settings.state)
            let text = JSONWriter.string(StatusDocument(snapshot: snapshot, county: county, now: Date()).json(), pretty: true)
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
        } catch {
            return Response(status: .serviceUnavailable, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: JSONWriter.string(.object([("error", .string("cannot read the state: \(error)"))])) + "\n")))
        }
    }

    func health() -> Response {
        let now = Date()
        let last = MetricsSnapshot.lastCommit(stateDirectory: county.settings.state)
        let age = last.map { max(0, now.timeIntervalSince($0)) }
        var readable = true
        var problem: String?
        do { _ = try StatusSnapshot.read(stateDirectory: county.settings.state) } catch {
            readable = false
            problem = "\(error)"
        }
        var members: [(String, JSONValue)] = [("state_readable", .bool(readable)),
                                              ("last_commit", last.map { .string(RFC3339.format($0, in: county.settings.timeZone)) } ?? .null),
                                              ("last_commit_age_seconds", age.map { .number(Int($0.rounded())) } ?? .null),
                                              ("boards", .number(feed.subscriberCount))]
        if let problem { members.append(("error", .string(problem))) }
        return Response(status: readable ? .ok : .serviceUnavailable, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(string: JSONWriter.string(.object(members), pretty: true) + "\n")))
    }

    func metrics() -> Response {
        let now = Date()
        do {
            let snapshot = try MetricsSnapshot.read(stateDirectory: county.settings.state, now: now)
            let text = MetricsText(snapshot: snapshot, lastCommit: MetricsSnapshot.lastCommit(stateDirectory: county.settings.state),
                                   now: now, boards: feed.subscriberCount).render()
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        } catch {
            return Response(status: .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: "cannot read the state: \(error)\n")))
        }
    }
}
