import Catalogue
import Dispatcher
import Foundation
import Hummingbird
import Rules

/// `POST /act`: every action of the console. Checked in this order, and refused with nothing
/// dropped: no session 401; oversized body 413; missing or wrong CSRF token 403; a role not
/// allowed 403 (viewers always; cancel and close need a commander); a missing or bad field
/// 400. Then exactly one file is dropped (an ack, a §14 command or a native incident), and
/// the answer page shows the daemon's verdict once it is there (waiting up to `verdictWait`).
extension ConsoleServer {
    enum Planned {
        case ack(Acknowledgement)
        case command(OperatorCommand.Action)
        case incident(id: String, bytes: [UInt8])
    }

    struct BadField: Error { let message: String }

    func act(_ request: Request) async throws -> Response {
        let t = language(request)
        guard let caller = caller(request) else {
            return refusal(.unauthorized, t(.consoleNotLoggedInOrThe), t, nil)
        }
        guard let form = try await collectForm(request) else {
            return refusal(.contentTooLarge, t(.consoleRequestTooLarge), t, caller)
        }
        guard let token = form["csrf"], token == caller.session.csrf else {
            logger.warning("console action refused: CSRF token", metadata: ["login": "\(caller.user.login)"])
            return refusal(.forbidden, t(.consoleMissingOrWrongFormToken), t, caller)
        }
        guard caller.user.role >= .operator else {
            logger.warning("console action refused: viewer", metadata: ["login": "\(caller.user.login)"])
            return refusal(.forbidden, t(.consoleAViewerCannotAct), t, caller)
        }
        let planned: Planned
        do { planned = try plan(form, caller, t) } catch let bad as BadField {
            return refusal(.badRequest, bad.message, t, caller)
        }
        if case .command(let action) = planned, caller.user.role < action.kind.requiredRole {
            logger.warning("console action refused: role", metadata: ["login": "\(caller.user.login)", "command": "\(action.kind.rawValue)"])
            return refusal(.forbidden, t(.consoleCancelAndCloseNeedA), t, caller)
        }
        let dropped: ActionDropper.Dropped
        do {
            switch planned {
            case .ack(let ack): dropped = try dropper.ack(ack)
            case .command(let action):
                dropped = try await dropper.command(OperatorCommand(action, by: caller.user.name, at: Date(), note: form.text("note"), via: "console"))
            case .incident(let id, let bytes): dropped = try dropper.incident(bytes, id: id)
            }
        } catch {
            logger.error("console cannot drop a file", metadata: ["error": "\(error)"])
            return refusal(.internalServerError, t(.consoleCannotDropTheFile, "\(error)"), t, caller)
        }
        logger.info("console action dropped", metadata: ["login": "\(caller.user.login)", "action": "\(form["action"] ?? "")",
                                                          "file": "\(dropped.directory)/\(dropped.name)"])
        let verdict = await waitForVerdict(dropped.name)
        return resultPage(dropped, verdict, back: form["back"], caller, t)
    }

    func required(_ form: FormBody, _ key: String, _ t: Language) throws -> String {
        guard let value = form.text(key) else { throw BadField(message: t(.consoleMissingField, "\(key)")) }
        return value
    }

    func plan(_ form: FormBody, _ caller: Caller, _ t: Language) throws -> Planned {
        switch form["action"] ?? "" {
        case "ack":
            guard let status = Acknowledgement.Status(rawValue: form["status"] ?? "") else {
                throw BadField(message: t(.consoleStatusMustBeAcceptDecline))
            }
            guard let by = form.text("by") else {
                throw BadField(message: t(.consoleNameThePersonWhoAnswered))
            }
            return .ack(Acknowledgement(orderID: try required(form, "order_id", t), status: status, by: by, at: Date(),
                                        note: form.text("note"), via: "console", enteredBy: caller.user.name))
        case "dispatch":
            let team = try required(form, "team_id", t)
            guard county.team(id: team) != nil else { throw BadField(message: t(.consoleNoSuchTeam, team)) }
            return .command(.dispatch(ManualDispatch(incidentID: try required(form, "incident_id", t), teamID: team,
                                                     instructions: form.text("instructions"))))
        case "standdown":
            return .command(.standdown(orderID: try required(form, "order_id", t), reason: form.text("reason")))
        case "reassign":
            let team = form.text("team_id")
            if let team, county.team(id: team) == nil { throw BadField(message: t(.consoleNoSuchTeam, team)) }
            return .command(.reassign(orderID: try required(form, "order_id", t), teamID: team))
        case "cancel":
            return .command(.cancel(incidentID: try required(form, "incident_id", t)))
        case "close":
            return .command(.close(incidentID: try required(form, "incident_id", t)))
        case "team":
            let team = try required(form, "team_id", t)
            guard county.team(id: team) != nil else { throw BadField(message: t(.consoleNoSuchTeam, team)) }
            guard let status = TeamAvailability.Status(rawValue: form["status"] ?? "") else {
                throw BadField(message: t(.consoleStatusMustBeAvailableOr))
            }
            var until: Date?
            if status == .unavailable, let text = form.text("until") {
                guard let parsed = parseUntil(text) else {
                    throw BadField(message: t(.consoleCannotReadTheEndTime, "\(text)"))
                }
                until = parsed
            }
            return .command(.team(TeamAvailability(teamID: team, status: status, reason: form.text("reason"), until: until)))
        case "duty":
            let post = try required(form, "post_id", t)
            guard county.dutyPost(id: post) != nil else { throw BadField(message: t(.consoleNoSuchDutyPost, post)) }
            let names = form.all("name"), phones = form.all("phone")
            let people = zip(names, phones).compactMap { name, phone -> Recipient? in
                let n = name.trimmingCharacters(in: .whitespaces)
                return n.isEmpty ? nil : Recipient(name: n, phone: phone.trimmingCharacters(in: .whitespaces))
            }
            guard !people.isEmpty else { throw BadField(message: t(.consoleNameWhoTakesOverWith)) }
            return .command(.duty(DutyChange(postID: post, onDuty: people)))
        case "report":
            return try reportIncident(form, caller, t)
        default:
            throw BadField(message: t(.consoleUnknownAction) + " '\(form["action"] ?? "")'")
        }
    }

    /// `2h`, `30m`, an RFC 3339 time, or `YYYY-MM-DDTHH:MM` in the county's time zone.
    func parseUntil(_ text: String) -> Date? {
        if let duration = ConfigDuration(text: text), duration.seconds > 0 { return Date().addingTimeInterval(TimeInterval(duration.seconds)) }
        if let date = RFC3339.parse(text) { return date }
        let formatter = DateFormatter()
        formatter.timeZone = county.settings.timeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    /// The report form as a native incident (SPEC §3.1) with a new unique id.
    func reportIncident(_ form: FormBody, _ caller: Caller, _ t: Language) throws -> Planned {
        let kind = try required(form, "kind", t)
        guard county.kinds.contains(kind) else { throw BadField(message: t(.consoleUnknownKind, kind)) }
        let level = try required(form, "level", t)
        guard WarningLevel(name: level) != nil else { throw BadField(message: t(.consoleUnknownLevel, level)) }
        let area = try required(form, "area", t)
        guard county.areas.indexByPath[area] != nil else { throw BadField(message: t(.consoleUnknownArea, area)) }
        let title = try required(form, "title", t)
        let now = Date()
        let day = DateFormatter()
        day.timeZone = county.settings.timeZone
        day.dateFormat = "yyyyMMdd"
        let id = "CONSOLE-\(day.string(from: now))-\(SessionStore.randomToken().prefix(8))"
        let document = JSONValue.object([
            ("id", .string(id)), ("msg_type", .string("alert")), ("kind", .string(kind)), ("level", .string(level)),
            ("area", .string(area)), ("title", .string(title)), ("description", .string(form.text("description") ?? "")),
            ("sent", .string(RFC3339.format(now, in: county.settings.timeZone))), ("source", .string("console")),
            ("reported_by", .string(caller.user.name)), ("via", .string("console")),
        ])
        return .incident(id: id, bytes: JSONWriter.render(document, pretty: true) + [0x0A])
    }

    /// Looks for the verdict every 100 ms until it is there or `verdictWait` has passed
    /// (bounded: one action, a few seconds; not a polling loop of the console).
    func waitForVerdict(_ name: String) async -> ActionDropper.Verdict {
        let end = Date().addingTimeInterval(verdictWait)
        while true {
            let verdict = dropper.verdict(of: name)
            if verdict != .waiting || Date() >= end { return verdict }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }

    func resultPage(_ dropped: ActionDropper.Dropped, _ verdict: ActionDropper.Verdict, back: String?,
                    _ caller: Caller, _ t: Language) -> Response {
        let target = (back?.hasPrefix("/") == true && back?.hasPrefix("//") == false) ? back! : "/"
        var body = "<div class=\"page\"><section class=\"panel\">"
        switch verdict {
        case .applied:
            body += "<p class=\"verdict applied\" data-verdict=\"applied\">✔ \(t(.consoleAppliedByTheDaemon))</p>"
        case .rejected(let reason):
            body += "<p class=\"verdict rejected\" data-verdict=\"rejected\">✘ \(t(.consoleRejectedByTheDaemon))</p><pre>\(HTML.escape(reason))</pre>"
        case .waiting:
            body += "<p class=\"verdict waiting\" data-verdict=\"waiting\">… \(t(.consoleDroppedTheDaemonHasNot))</p>"
        }
        body += "<p><small>\(HTML.escape(dropped.directory))/\(HTML.escape(dropped.name))</small></p>"
        body += "<p><a id=\"back\" href=\"\(HTML.escape(target))\">\(t(.consoleBack))</a></p></section></div>"
        return Self.html(shell(t, t(.consoleResult), caller).render(body))
    }
}
