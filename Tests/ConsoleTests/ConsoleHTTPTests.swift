import Console
import Foundation
import Testing

/// The real console on loopback over the real daemon: logins, roles, CSRF, the files each
/// action drops, escaping, /api/status and /healthz.
@Suite(.serialized) struct ConsoleHTTPTests {
    @Test func loginSetsAStrictHttpOnlySessionCookieAndTheBoardShowsTheCounty() async throws {
        let box = try await ConsoleSandbox()
        defer { box.stop() }
        let http = HTTPProbe(port: box.port)
        #expect(try await http.send("GET", "/").status == 303)
        let page = try await http.send("GET", "/login")
        #expect(page.header("Content-Security-Policy") == "default-src 'self'")
        #expect(!page.body.contains("<script>"), "no inline script")
        let token = HTTPProbe.csrf(in: page.body) ?? ""
        let wrong = try await http.send("POST", "/login", body: HTTPProbe.form([("csrf", token), ("login", "ops"), ("password", "nope")]))
        #expect(wrong.status == 401)
        #expect(wrong.body.contains("账号或密码错误"))
        // The answer is a fresh login form with a fresh token (the old one is spent).
        let fresh = HTTPProbe.csrf(in: wrong.body) ?? ""
        #expect(fresh != token)
        let good = try await http.send("POST", "/login", body: HTTPProbe.form([("csrf", fresh), ("login", "ops"), ("password", ConsoleSandbox.password)]))
        #expect(good.status == 303)
        let cookie = good.headers("Set-Cookie").first { $0.hasPrefix("dispatchd_console=") } ?? ""
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        let value = cookie.dropFirst("dispatchd_console=".count).prefix { $0 != ";" }
        #expect(value.count == 32 && value.allSatisfy(\.isHexDigit), "128 random bits")
        let board = try await http.send("GET", "/")
        #expect(board.status == 200)
        #expect(board.body.contains("高明区") && board.body.contains("值班总览"))
        #expect(board.header("Content-Security-Policy") == "default-src 'self'")
        http.acceptLanguage = "en-US,en;q=0.9"
        #expect(try await http.send("GET", "/").body.contains("Duty board"))
    }

    @Test func fiveFailedLoginsLockThatLoginForAMinute() async throws {
        let box = try await ConsoleSandbox()
        defer { box.stop() }
        let http = HTTPProbe(port: box.port)
        for _ in 0..<5 {
            let token = HTTPProbe.csrf(in: try await http.send("GET", "/login").body) ?? ""
            #expect(try await http.send("POST", "/login", body: HTTPProbe.form([("csrf", token), ("login", "ops"), ("password", "bad")])).status == 401)
        }
        let token = HTTPProbe.csrf(in: try await http.send("GET", "/login").body) ?? ""
        let locked = try await http.send("POST", "/login", body: HTTPProbe.form([("csrf", token), ("login", "ops"), ("password", ConsoleSandbox.password)]))
        #expect(locked.status == 429)
        #expect(locked.body.contains("锁定"))
        try await HTTPProbe(port: box.port).login("chief")   // another login is not locked
    }

    @Test func loginWithoutItsFormTokenIsRefused() async throws {
        let box = try await ConsoleSandbox()
        defer { box.stop() }
        let http = HTTPProbe(port: box.port)
        _ = try await http.send("GET", "/login")
        let reply = try await http.send("POST", "/login", body: HTTPProbe.form([("csrf", "forged"), ("login", "ops"), ("password", ConsoleSandbox.password)]))
        #expect(reply.status == 403)
    }

    @Test func refusedActionsDropNothing() async throws {
        let box = try await ConsoleSandbox()
        defer { box.stop() }
        let ack = [("action", "ack"), ("order_id", "X-1"), ("status", "accept"), ("by", "张三")]
        // no session
        #expect(try await HTTPProbe(port: box.port).send("POST", "/act", body: HTTPProbe.form(ack)).status == 401)
        // a viewer: no buttons, and refused anyway
        let wall = HTTPProbe(port: box.port)
        let wallToken = try await wall.login("wall")
        try box.incident(id: "CT-VIEW-1", title: "查看测试")
        #expect(await eventually { !box.names(in: box.spool + "/outgoing").isEmpty })
        let incidentPage = try await wall.send("GET", "/incidents/CT-VIEW-1")
        #expect(incidentPage.status == 200)
        #expect(!incidentPage.body.contains("action\" value=\"ack"), "a viewer sees no action button")
        #expect(!incidentPage.body.contains("<button type=\"submit\" data-action"))
        #expect(try await wall.send("POST", "/act", body: HTTPProbe.form([("csrf", wallToken)] + ack)).status == 403)
        // an operator without or with a wrong token
        let ops = HTTPProbe(port: box.port)
        let token = try await ops.login("ops")
        #expect(try await ops.send("POST", "/act", body: HTTPProbe.form(ack)).status == 403)
        #expect(try await ops.send("POST", "/act", body: HTTPProbe.form([("csrf", token + "0")] + ack)).status == 403)
        // an operator may not cancel or close
        #expect(try await ops.send("POST", "/act", body: HTTPProbe.form([("csrf", token), ("action", "cancel"), ("incident_id", "CT-VIEW-1")])).status == 403)
        #expect(try await ops.send("POST", "/act", body: HTTPProbe.form([("csrf", token), ("action", "close"), ("incident_id", "CT-VIEW-1")])).status == 403)
        // an oversized body, an unknown action, an unknown team
        #expect(try await ops.send("POST", "/act", body: "csrf=\(token)&x=" + String(repeating: "a", count: 70_000)).status == 413)
        #expect(try await ops.send("POST", "/act", body: HTTPProbe.form([("csrf", token), ("action", "explode")])).status == 400)
        #expect(try await ops.send("POST", "/act", body: HTTPProbe.form([("csrf", token), ("action", "dispatch"), ("incident_id", "CT-VIEW-1"), ("team_id", "no-such-team")])).status == 400)
        #expect(box.names(in: box.acks).isEmpty)
        #expect(box.names(in: box.commands).isEmpty)
    }

    /// The JSON of the file whose name starts with `prefix`, wherever it is now: still in
    /// `directory`, or already filed by the daemon into `processed/DATE/` or `rejected/`.
    func dropped(_ box: ConsoleSandbox, _ directory: String, _ prefix: String) async -> [String: Any] {
        var found: [String: Any] = [:]
        _ = await eventually(timeout: .seconds(5)) {
            let fm = FileManager.default
            var places = [directory, box.spool + "/rejected"]
            places += ((try? fm.contentsOfDirectory(atPath: box.spool + "/processed")) ?? []).map { box.spool + "/processed/" + $0 }
            for place in places {
                for name in box.names(in: place) where name.hasPrefix(prefix) && !name.hasSuffix(".error") {
                    if let data = fm.contents(atPath: place + "/" + name),
                       let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
                        found = object
                        return true
                    }
                }
            }
            return false
        }
        return found
    }

    @Test func everyActionDropsTheRightFile() async throws {
        let box = try await ConsoleSandbox(verdictWait: 0.2)
        defer { box.stop() }
        let ops = HTTPProbe(port: box.port)
        let token = try await ops.login("ops")
        func post(_ fields: [(String, String)]) async throws -> HTTPReply {
            try await ops.send("POST", "/act", body: HTTPProbe.form([("csrf", token)] + fields))
        }
        #expect(try await post([("action", "dispatch"), ("incident_id", "I-1"), ("team_id", "hedong-village-team"), ("instructions", "带上抽水泵")]).status == 200)
        var file = await dropped(box, box.commands, "cmd-dispatch-")
        #expect(file["command"] as? String == "dispatch" && file["incident_id"] as? String == "I-1")
        #expect(file["team_id"] as? String == "hedong-village-team" && file["instructions"] as? String == "带上抽水泵")
        #expect(file["by"] as? String == "值班员小李" && file["via"] as? String == "console")
        #expect(RFC3339Check.valid(file["at"] as? String))

        #expect(try await post([("action", "standdown"), ("order_id", "I-1-o1"), ("reason", "道路中断")]).status == 200)
        file = await dropped(box, box.commands, "cmd-standdown-")
        #expect(file["order_id"] as? String == "I-1-o1" && file["reason"] as? String == "道路中断")

        #expect(try await post([("action", "reassign"), ("order_id", "I-1-o1"), ("team_id", "")]).status == 200)
        file = await dropped(box, box.commands, "cmd-reassign-")
        #expect(file["order_id"] as? String == "I-1-o1" && file["team_id"] == nil)

        #expect(try await post([("action", "team"), ("team_id", "hedong-village-team"), ("status", "unavailable"), ("reason", "检修"), ("until", "2h")]).status == 200)
        file = await dropped(box, box.commands, "cmd-team-")
        #expect(file["status"] as? String == "unavailable" && file["reason"] as? String == "检修" && RFC3339Check.valid(file["until"] as? String))

        #expect(try await post([("action", "duty"), ("post_id", "yanghe-duty"), ("name", "陈明"), ("phone", "13800000000")]).status == 200)
        file = await dropped(box, box.commands, "cmd-duty-")
        let onDuty = file["on_duty"] as? [[String: Any]]
        #expect(onDuty?.first?["name"] as? String == "陈明" && onDuty?.first?["phone"] as? String == "13800000000")

        #expect(try await post([("action", "ack"), ("order_id", "I-1-o1"), ("status", "accept"), ("by", "张队长")]).status == 200)
        // the daemon takes acks at once; the file is in processed/ or rejected/ by now
        let ackText = try #require(Self.findAck(box))
        #expect(ackText.contains("\"by\": \"张队长\"") && ackText.contains("\"via\": \"console\"") && ackText.contains("\"entered_by\": \"值班员小李\""))

        let chief = HTTPProbe(port: box.port)
        let chiefToken = try await chief.login("chief")
        for action in ["cancel", "close"] {
            #expect(try await chief.send("POST", "/act", body: HTTPProbe.form([("csrf", chiefToken), ("action", action), ("incident_id", "I-1")])).status == 200)
            file = await dropped(box, box.commands, "cmd-\(action)-")
            #expect(file["command"] as? String == action && file["by"] as? String == "指挥长老王")
        }

        let report = try await post([("action", "report"), ("kind", "landslide"), ("level", "orange"), ("area", "gaoming/yanghe/shishui"),
                               ("title", "石水村山体滑坡"), ("description", "村道被埋")])
        #expect(report.status == 200)
        #expect(await eventually { box.daemonLog.contains("石水村山体滑坡") || !box.names(in: box.spool + "/processed").isEmpty })
    }

    @Test func theDaemonsVerdictIsShownAfterAnAction() async throws {
        let box = try await ConsoleSandbox(verdictWait: 8)
        defer { box.stop() }
        let ops = HTTPProbe(port: box.port)
        let token = try await ops.login("ops")
        let refused = try await ops.send("POST", "/act", body: HTTPProbe.form([("csrf", token), ("action", "dispatch"),
                                                                        ("incident_id", "NO-SUCH-INCIDENT"), ("team_id", "hedong-village-team")]))
        #expect(refused.body.contains("data-verdict=\"rejected\""), "\(refused.body.suffix(600))")
        #expect(refused.body.contains("NO-SUCH-INCIDENT"), "the daemon's reason is shown")
        try box.incident(id: "CT-VERDICT-1", title: "应答测试")
        var orderID = ""
        _ = await eventually {
            guard let text = try? await ops.send("GET", "/api/status").body,
                  let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                  let order = (object["orders"] as? [[String: Any]])?.first else { return false }
            orderID = order["order_id"] as? String ?? ""
            return true
        }
        let applied = try await ops.send("POST", "/act", body: HTTPProbe.form([("csrf", token), ("action", "ack"), ("order_id", orderID),
                                                                        ("status", "accept"), ("by", "张队长")]))
        #expect(applied.body.contains("data-verdict=\"applied\""), "\(applied.body.suffix(600))")
        let status = try await ops.send("GET", "/api/status").body
        #expect(status.contains("\"state\": \"accepted\""))
        let page = try await ops.send("GET", "/incidents/CT-VERDICT-1").body
        #expect(page.contains("<td>回执</td><td>张队长"), "the timeline names who answered (the catalogue's event name)")
    }

    @Test func handoverAndTeamAvailabilityShowOnThePages() async throws {
        let box = try await ConsoleSandbox(verdictWait: 8)
        defer { box.stop() }
        let ops = HTTPProbe(port: box.port)
        let token = try await ops.login("ops")
        let duty = try await ops.send("POST", "/act", body: HTTPProbe.form([("csrf", token), ("action", "duty"), ("post_id", "yanghe-duty"),
                                                                     ("name", "陈明"), ("phone", "13800000001")]))
        #expect(duty.body.contains("data-verdict=\"applied\""), "\(duty.body.suffix(500))")
        #expect(await eventually { (try? await ops.send("GET", "/").body.contains("陈明")) == true }, "the board shows who is on duty")
        #expect(try await ops.send("GET", "/duty").body.contains("陈明 13800000001"))
        let team = try await ops.send("POST", "/act", body: HTTPProbe.form([("csrf", token), ("action", "team"), ("team_id", "hedong-village-team"),
                                                                     ("status", "unavailable"), ("reason", "车辆检修"), ("until", "2h")]))
        #expect(team.body.contains("data-verdict=\"applied\""), "\(team.body.suffix(500))")
        #expect(await eventually {
            guard let page = try? await ops.send("GET", "/teams").body,
                  let row = page.range(of: "data-team=\"hedong-village-team\"") else { return false }
            return page[row.upperBound...].prefix(600).contains("data-available=\"false\"") && page.contains("车辆检修")
        }, "the teams page shows the team unavailable with its reason")
    }

    static func findAck(_ box: ConsoleSandbox) -> String? {
        let fm = FileManager.default
        var places = [box.acks, box.spool + "/rejected"]
        places += ((try? fm.contentsOfDirectory(atPath: box.spool + "/processed")) ?? []).map { box.spool + "/processed/" + $0 }
        for place in places {
            for name in box.names(in: place) where name.hasPrefix("ack-") && !name.hasSuffix(".error") {
                return box.read(place + "/" + name)
            }
        }
        return nil
    }

    @Test func outsideTextIsEscapedEverywhere() async throws {
        let box = try await ConsoleSandbox()
        defer { box.stop() }
        try box.incident(id: "CT-XSS-1", title: "<script>alert(1)</script>")
        try box.incident(id: "CT-QUOTE-1", title: "台风“摩羯”\"橙色\"'预警' & <b>")
        let http = HTTPProbe(port: box.port)
        try await http.login("ops")
        #expect(await eventually { (try? await http.send("GET", "/").body.contains("摩羯")) == true })
        let board = try await http.send("GET", "/").body
        #expect(!board.contains("<script>alert(1)"))
        #expect(board.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(board.contains("台风“摩羯”&quot;橙色&quot;&#39;预警&#39; &amp; &lt;b&gt;"))
        let page = try await http.send("GET", "/incidents/CT-XSS-1").body
        #expect(!page.contains("<script>alert(1)") && page.contains("&lt;script&gt;"))
        #expect(try await http.send("GET", "/incidents/%3Cscript%3E").status == 404)
    }

    @Test func apiStatusIsTheStatusDocumentForLoggedInUsers() async throws {
        let box = try await ConsoleSandbox()
        defer { box.stop() }
        let http = HTTPProbe(port: box.port)
        #expect(try await http.send("GET", "/api/status").status == 401)
        try box.incident(id: "CT-API-1", title: "接口测试")
        try await http.login("wall")
        #expect(await eventually { (try? await http.send("GET", "/api/status").body.contains("CT-API-1")) == true })
        let reply = try await http.send("GET", "/api/status")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any])
        #expect((object["incidents"] as? [Any])?.count == 1)
        #expect(object["areas"] is [Any] && object["orders"] is [Any])
        let health = try await HTTPProbe(port: box.port).send("GET", "/healthz")
        #expect(health.status == 200 && health.body.contains("\"state_readable\": true") && health.body.contains("last_commit_age_seconds"))
    }
}

enum RFC3339Check {
    static func valid(_ text: String?) -> Bool {
        guard let text else { return false }
        return text.count >= 20 && (text.hasSuffix("+08:00") || text.hasSuffix("Z"))
    }
}
