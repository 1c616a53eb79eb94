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
            return refusal(.unauthorized, t.t("未登录或会话已过期，请重新登录", "not logged in, or the session expired: log in again"), t, nil)
        }
        guard let form = try await collectForm(request) else {
            return refusal(.contentTooLarge, t.t("请求过大", "request too large"), t, caller)
        }
        guard let token = form["csrf"], token == caller.session.csrf else {
            logger.warning("console action refused: CSRF token", metadata: ["login": "\(caller.user.login)"])
            return refusal(.forbidden, t.t("缺少或错误的表单令牌，请刷新页面后重试", "missing or wrong form token; reload the page and try again"), t, caller)
        }
        guard caller.user.role >= .operator else {
            logger.warning("console action refused: viewer", metadata: ["login": "\(caller.user.login)"])
            return refusal(.forbidden, t.t("查看账号不能操作", "a viewer cannot act"), t, caller)
        }
        let planned: Planned
        do { planned = try plan(form, caller, t) } catch let bad as BadField {
            return refusal(.badRequest, bad.message, t, caller)
        }
        if case .command(let action) = planned, caller.user.role < action.kind.requiredRole {
            logger.warning("console action refused: role", metadata: ["login": "\(caller.user.login)", "command": "\(action.kind.rawValue)"])
            return refusal(.forbidden, t.t("撤销和结束需要指挥权限", "cancel and close need a commander"), t, caller)
        }
        let dropped: ActionDropper.Dropped
        do {
            switch planned {
            case .ack(let ack): dropped = try dropper.ack(ack)
            case .command(let action):
                dropped = try dropper.command(OperatorCommand(action, by: caller.user.name, at: Date(), note: form.text("note"), via: "console"))
            case .incident(let id, let bytes): dropped = try dropper.incident(bytes, id: id)
            }
        } catch {
            logger.error("console cannot drop a file", metadata: ["error": "\(error)"])
            return refusal(.internalServerError, t.t("无法写入投递目录：", "cannot drop the file: ") + "\(error)", t, caller)
        }
        logger.info("console action dropped", metadata: ["login": "\(caller.user.login)", "action": "\(form["action"] ?? "")",
                                                          "file": "\(dropped.directory)/\(dropped.name)"])
        let verdict = await waitForVerdict(dropped.name)
        return resultPage(dropped, verdict, back: form["back"], caller, t)
    }

    func required(_ form: FormBody, _ key: String, _ t: Language) throws -> String {
        guard let value = form.text(key) else { throw BadField(message: t.t("缺少字段 \(key)", "missing field \(key)")) }
        return value
    }

    func plan(_ form: FormBody, _ caller: Caller, _ t: Language) throws -> Planned {
        switch form["action"] ?? "" {
        case "ack":
            guard let status = Acknowledgement.Status(rawValue: form["status"] ?? "") else {
                throw BadField(message: t.t("应答状态必须是 accept、decline、arrived 或 complete", "status must be accept, decline, arrived or complete"))
            }
            guard let by = form.text("by") else {
                throw BadField(message: t.t("请填写来电应答人的姓名", "name the person who answered (by)"))
            }
            return .ack(Acknowledgement(orderID: try required(form, "order_id", t), status: status, by: by, at: Date(),
                                        note: form.text("note"), via: "console", enteredBy: caller.user.name))
        case "dispatch":
            let team = try required(form, "team_id", t)
            guard county.team(id: team) != nil else { throw BadField(message: t.t("没有这个队伍：", "no such team: ") + team) }
            return .command(.dispatch(ManualDispatch(incidentID: try required(form, "incident_id", t), teamID: team,
                                                     instructions: form.text("instructions"))))
        case "standdown":
            return .command(.standdown(orderID: try required(form, "order_id", t), reason: form.text("reason")))
        case "reassign":
            let team = form.text("team_id")
            if let team, county.team(id: team) == nil { throw BadField(message: t.t("没有这个队伍：", "no such team: ") + team) }
            return .command(.reassign(orderID: try required(form, "order_id", t), teamID: team))
        case "cancel":
            return .command(.cancel(incidentID: try required(form, "incident_id", t)))
        case "close":
            return .command(.close(incidentID: try required(form, "incident_id", t)))
        case "team":
            let team = try required(form, "team_id", t)
            guard county.team(id: team) != nil else { throw BadField(message: t.t("没有这个队伍：", "no such team: ") + team) }
            guard let status = TeamAvailability.Status(rawValue: form["status"] ?? "") else {
                throw BadField(message: t.t("status 必须是 available 或 unavailable", "status must be available or unavailable"))
            }
            var until: Date?
            if status == .unavailable, let text = form.text("until") {
                guard let parsed = parseUntil(text) else {
                    throw BadField(message: t.t("无法识别的结束时间：\(text)（写 2h、30m 或 2024-09-06T20:00）", "cannot read the end time '\(text)' (write 2h, 30m or 2024-09-06T20:00)"))
                }
                until = parsed
            }
            return .command(.team(TeamAvailability(teamID: team, status: status, reason: form.text("reason"), until: until)))
        case "duty":
            let post = try required(form, "post_id", t)
            guard county.dutyPost(id: post) != nil else { throw BadField(message: t.t("没有这个值班岗位：", "no such duty post: ") + post) }
            let names = form.all("name"), phones = form.all("phone")
            let people = zip(names, phones).compactMap { name, phone -> Recipient? in
                let n = name.trimmingCharacters(in: .whitespaces)
                return n.isEmpty ? nil : Recipient(name: n, phone: phone.trimmingCharacters(in: .whitespaces))
            }
            guard !people.isEmpty else { throw BadField(message: t.t("请填写接班人姓名和电话", "name who takes over, with a phone")) }
            return .command(.duty(DutyChange(postID: post, onDuty: people)))
        case "report":
            return try reportIncident(form, caller, t)
        default:
            throw BadField(message: t.t("未知操作", "unknown action") + " '\(form["action"] ?? "")'")
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
        guard county.kinds.contains(kind) else { throw BadField(message: t.t("未知的事件类别：", "unknown kind: ") + kind) }
        let level = try required(form, "level", t)
        guard WarningLevel(name: level) != nil else { throw BadField(message: t.t("未知的预警级别：", "unknown level: ") + level) }
        let area = try required(form, "area", t)
        guard county.areas.indexByPath[area] != nil else { throw BadField(message: t.t("未知的区域：", "unknown area: ") + area) }
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
            body += "<p class=\"verdict applied\" data-verdict=\"applied\">✔ \(t.t("调度程序已执行", "applied by the daemon"))</p>"
        case .rejected(let reason):
            body += "<p class=\"verdict rejected\" data-verdict=\"rejected\">✘ \(t.t("调度程序拒绝了此操作：", "rejected by the daemon: "))</p><pre>\(HTML.escape(reason))</pre>"
        case .waiting:
            body += "<p class=\"verdict waiting\" data-verdict=\"waiting\">… \(t.t("已投递，调度程序尚未处理（守护进程是否在运行？）", "dropped; the daemon has not taken it yet (is it running?)"))</p>"
        }
        body += "<p><small>\(HTML.escape(dropped.directory))/\(HTML.escape(dropped.name))</small></p>"
        body += "<p><a id=\"back\" href=\"\(HTML.escape(target))\">\(t.t("返回", "Back"))</a></p></section></div>"
        return Self.html(shell(t, t.t("操作结果", "Result"), caller).render(body))
    }
}
