import Catalogue
import Dispatcher
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Platform
import Rules
import ServiceLifecycle
import Synchronization

/// The duty-room console (SPEC §17): one HTTP server on `console.listen`.
///
/// Invariants:
/// - It never writes the state: the database is opened read-only for each read, and every
///   action is a file dropped into `acks/`, `commands/` or `incoming/` (`ActionDropper`). The
///   daemon decides; the page shows its verdict from `processed/` or `rejected/`.
/// - Every page answers with `Content-Security-Policy: default-src 'self'` and the other
///   hardening headers (`SecurityHeaders`); every text from outside is escaped (`HTML`).
/// - A request that may change something is a POST with a session and its CSRF token and a
///   role allowed to do it; otherwise it answers 401 or 403 and drops nothing.
/// - SIGTERM (or SIGINT): the change feed is closed first, which ends every event stream, then
///   the HTTP server stops; the process exits 0.
/// Crash recovery: sessions are in memory only (a restart logs everyone out); nothing else is
/// kept, so a restarted console serves the same boards from the same state.
public final class ConsoleServer: Sendable {
    public let county: County
    public let settings: ConsoleSettings
    let logger: Logger
    let sessions = SessionStore()
    let dropper: ActionDropper
    let feed: ChangeFeed<BoardSnapshot>
    let users: Mutex<UserDirectory>
    /// How long an action's page waits for the daemon's verdict before it says "waiting".
    let verdictWait: TimeInterval

    public init(county: County, settings: ConsoleSettings, users: UserDirectory, logger: Logger,
                verdictWait: TimeInterval = 5) {
        self.county = county
        self.settings = settings
        self.logger = logger
        self.users = Mutex(users)
        self.verdictWait = verdictWait
        let layout = SpoolLayout(spool: county.settings.spool, state: county.settings.state)
        self.dropper = ActionDropper(layout: layout, timeZone: county.settings.timeZone, stateDirectory: county.settings.state)
        let state = county.settings.state
        let fingerprintCounty = county
        self.feed = ChangeFeed(stateDirectory: state, logger: logger,
                               read: { try BoardSnapshot.read(stateDirectory: state, county: fingerprintCounty) },
                               fingerprint: { $0.fingerprint(county: fingerprintCounty) })
    }

    /// The current users; the file is read again when it changed (so `passwd` needs no restart).
    func currentUsers() -> UserDirectory {
        users.withLock { directory in
            if let fresh = try? UserDirectory.load(path: directory.path), fresh.users != directory.users {
                directory = fresh
            }
            return directory
        }
    }

    func user(for session: SessionStore.Session) -> ConsoleUser? {
        users.withLock { $0.user(login: session.login) }
    }

    /// Runs until SIGTERM or SIGINT. `onRunning` gets the bound port (useful with port 0).
    public func run(onRunning: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        try feed.start()
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: SecurityHeaders())
        addRoutes(to: router)
        let app = Application(router: router,
                              configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: nil),
                              onServerRunning: { channel in onRunning(channel.localAddress?.port ?? 0) },
                              logger: logger)
        var services: [any Service] = [app]
        if let metricsHost = settings.metricsHost, let metricsPort = settings.metricsPort {
            let metricsRouter = Router(context: BasicRequestContext.self)
            metricsRouter.add(middleware: SecurityHeaders())
            addMetricsRoutes(to: metricsRouter)
            services.append(Application(router: metricsRouter,
                                        configuration: .init(address: .hostname(metricsHost, port: metricsPort), serverName: nil),
                                        logger: logger))
        }
        services.append(FeedCloser(feed: feed))   // shut down first (services stop in reverse order)
        let group = ServiceGroup(configuration: .init(services: services,
                                                      gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

/// Ends every event stream when the service group shuts down (it is shut down before the
/// HTTP server, which then has no long response to wait for).
struct FeedCloser: Service {
    let feed: ChangeFeed<BoardSnapshot>
    func run() async throws {
        try? await gracefulShutdown()
        feed.close()
    }
}

/// The hardening headers on every response.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            response = Response(status: error.status, headers: [.contentType: "text/plain; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: "\(error.status.code) \(error.body ?? error.status.reasonPhrase)\n")))
        }
        response.headers[.contentSecurityPolicy] = "default-src 'self'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
