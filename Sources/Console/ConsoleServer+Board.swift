import Catalogue
import Dispatcher
import Foundation
import HTTPTypes
import Hummingbird
import ServiceLifecycle

/// The board (值班总览) and its event stream. `GET /events` sends a `board` event with the
/// whole live fragment at once (so a reconnecting page resynchronises) and after every
/// committed change; a `ping` every 15 s keeps proxies and the page's stale check quiet.
extension ConsoleServer {
    func boardFragment(_ language: Language, canAct: Bool) -> String {
        let latest = feed.latest
        guard let snapshot = latest.snapshot else {
            return "<p class=\"error\">\(language(.consoleCannotReadTheStateDatabase)): \(HTML.escape(latest.error ?? ""))</p>"
        }
        var html = BoardView(model: BoardModel(snapshot: snapshot.status, county: county, now: Date()), language: language,
                             canAct: canAct, onDuty: snapshot.onDuty, unavailable: snapshot.unavailable).render()
        if let error = latest.error {
            html = "<p class=\"error\">\(language(.consoleTheStateCannotBeRead)): \(HTML.escape(error))</p>" + html
        }
        return html
    }

    func boardPage(_ caller: Caller, _ language: Language) -> Response {
        let body = "<section id=\"live\" data-events=\"/events\" data-version=\"\(feed.latest.version)\">\(boardFragment(language, canAct: caller.user.role >= .operator))</section>"
        return Self.html(shell(language, language(.consoleDutyBoard), caller).render(body))
    }

    /// One server-sent event; every line of the data gets its `data:` prefix.
    static func event(_ name: String, _ data: String, id: Int) -> ByteBuffer {
        var text = "event: \(name)\nid: \(id)\n"
        for line in data.split(separator: "\n", omittingEmptySubsequences: false) { text += "data: \(line)\n" }
        return ByteBuffer(string: text + "\n")
    }

    func events(_ request: Request) -> Response {
        guard let caller = caller(request) else {
            return Response(status: .unauthorized, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: "log in first\n")))
        }
        let language = language(request)
        let canAct = caller.user.role >= .operator
        let incident = request.uri.queryParameters.get("incident")
        let render: @Sendable () -> String = {
            guard let incident else { return self.boardFragment(language, canAct: canAct) }
            return self.incidentFragment(incident, caller, language)
                ?? "<p class=\"error\">\(language(.consoleNoSuchIncident))</p>"
        }
        let versions = feed.subscribe()
        let body = ResponseBody { writer in
            try await withThrowingTaskGroup(of: Void.self) { group in
                let (ticks, tick) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(1))
                group.addTask {
                    for await version in versions { tick.yield(version) }
                    tick.finish()
                }
                group.addTask {
                    while !Task.isCancelled {
                        guard (try? await Task.sleep(for: .seconds(15))) != nil else { return }
                        tick.yield(-1)
                    }
                }
                for await version in ticks.cancelOnGracefulShutdown() {
                    if version < 0 {
                        try await writer.write(ByteBuffer(string: "event: ping\ndata: \(Int(Date().timeIntervalSince1970))\n\n"))
                    } else {
                        try await writer.write(Self.event("board", render(), id: version))
                    }
                }
                group.cancelAll()
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store",
                                               HTTPField.Name("X-Accel-Buffering")!: "no"], body: body)
    }
}
