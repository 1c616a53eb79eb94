import Console
import Catalogue
import Foundation
import Glibc
import Testing

/// Server-sent events from the real console over the real daemon, /metrics through promtool,
/// SIGTERM on the real binary.
@Suite(.serialized) struct ConsoleLiveTests {
    /// Reads an event stream on a real socket until `until` holds for the text so far.
    static func stream(port: Int, cookies: [String: String], path: String = "/events", timeout: TimeInterval,
                       until: (String) -> Bool) throws -> String {
        let fd = try HTTPProbe.connect(port: port)
        defer { close(fd) }
        var timeout_ = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout_, socklen_t(MemoryLayout<timeval>.size))
        let cookie = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        let request = Array("GET \(path) HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\nCookie: \(cookie)\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count == 0 { break }
            if count > 0 { data += buffer[0..<count] }
            if until(String(decoding: data, as: UTF8.self)) { break }
        }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func aCommittedChangeReachesAnOpenStreamWithinASecond() async throws {
        let box = try await ConsoleSandbox()
        defer { box.stop() }
        let http = HTTPProbe(port: box.port)
        try await http.login("wall")
        let cookies = http.cookies
        let port = box.port
        let title = "实时推送测试"
        let reader = Task {
            try await offPool { try ConsoleLiveTests.stream(port: port, cookies: cookies, timeout: 15) { $0.contains(title) } }
        }
        try await Task.sleep(for: .milliseconds(500))   // the stream's first board is sent
        let dropped = Date()
        try box.incident(id: "CT-LIVE-1", title: title)
        let text = try await reader.value
        let elapsed = Date().timeIntervalSince(dropped)
        #expect(text.contains("text/event-stream"))
        #expect(text.contains("event: board"))
        #expect(text.contains(title), "the new incident reached the stream")
        // The daemon's own intake latency is milliseconds; generous for a loaded test machine.
        #expect(elapsed < 5, "took \(elapsed) s")
    }

    @Test func metricsHaveEveryNamedFamilyAndPassPromtool() async throws {
        let box = try await ConsoleSandbox()
        defer { box.stop() }
        try box.incident(id: "CT-MET-1", title: "指标测试")
        let http = HTTPProbe(port: box.port)
        #expect(await eventually { (try? await http.send("GET", "/metrics").body.contains("dispatchd_orders{state=\"issued\"} 1")) == true })
        let reply = try await http.send("GET", "/metrics")
        #expect(reply.status == 200)
        #expect(reply.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        for name in ["dispatchd_incidents{state=\"active\"} 1", "dispatchd_orders{state=", "dispatchd_orders_overdue ",
                     "dispatchd_pending_demands ", "dispatchd_outbox_unpublished ", "dispatchd_outbox_oldest_unpublished_age_seconds ",
                     "dispatchd_inputs_total{result=\"applied\"} 1", "# TYPE dispatchd_escalations_total counter",
                     "dispatchd_ack_latency_seconds_bucket{le=\"+Inf\"}", "dispatchd_areas_in_emergency{response_level=\"III\"} 1",
                     "dispatchd_state_last_commit_timestamp_seconds "] {
            #expect(reply.body.contains(name), "missing \(name)")
        }
        guard let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first(where: FileManager.default.isExecutableFile) else {
            print("skipped: promtool is not installed (apt-get install prometheus; scripts/ci-console.sh does)")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: promtool)
        process.arguments = ["check", "metrics"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(reply.body.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "promtool: \(said)")
    }

    @Test func sigtermEndsTheStreamsAndExitsZero() async throws {
        let box = try await ConsoleSandbox()
        defer { box.stop() }
        guard let daemon = ConsoleSandbox.daemonBinary else { return }
        let binary = (daemon as NSString).deletingLastPathComponent + "/dispatchd-console"
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw SandboxError("dispatchd-console is not built") }
        // A second console, the real binary, on a port of its own.
        let port = 20000 + Int.random(in: 0..<20000)
        let config = box.root + "/config/second.yaml"
        try box.write(config, try String(contentsOfFile: box.config, encoding: .utf8)
            .replacingOccurrences(of: "127.0.0.1:0", with: "127.0.0.1:\(port)"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--config", config]
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let http = HTTPProbe(port: port)
        #expect(await eventually { (try? await http.send("GET", "/healthz").status) == 200 })
        try await http.login("wall")
        let cookies = http.cookies
        let reader = Task { try await offPool { try ConsoleLiveTests.stream(port: port, cookies: cookies, timeout: 20) { _ in false } } }
        try await Task.sleep(for: .milliseconds(500))
        kill(process.processIdentifier, SIGTERM)
        let stopped = await eventually(timeout: .seconds(10)) { !process.isRunning }
        #expect(stopped, "the console stopped on SIGTERM")
        #expect(process.terminationStatus == 0)
        let text = try await reader.value
        #expect(text.contains("event: board"), "the stream was open, then closed by the server")
    }

    @Test func metricsListenMovesMetricsAndHealthToTheirOwnAddress() async throws {
        let box = try await ConsoleSandbox()
        defer { box.stop() }
        guard let daemon = ConsoleSandbox.daemonBinary else { return }
        let binary = (daemon as NSString).deletingLastPathComponent + "/dispatchd-console"
        let port = 20000 + Int.random(in: 0..<20000), metricsPort = port + 1
        let config = box.root + "/config/metrics.yaml"
        try box.write(config, try String(contentsOfFile: box.config, encoding: .utf8)
            .replacingOccurrences(of: "127.0.0.1:0", with: "127.0.0.1:\(port)\n  metrics_listen: 127.0.0.1:\(metricsPort)"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--config", config]
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGTERM); process.waitUntilExit() } }
        let metrics = HTTPProbe(port: metricsPort)
        #expect(await eventually { (try? await metrics.send("GET", "/metrics").status) == 200 })
        #expect(try await metrics.send("GET", "/healthz").status == 200)
        #expect(try await metrics.send("GET", "/").status == 404, "only metrics and health there")
        #expect(try await HTTPProbe(port: port).send("GET", "/metrics").status == 404, "moved away from console.listen")
    }
}

@Suite struct ConsoleUnitTests {
    @Test func passwdChangesOnlyThatEntrysHash() throws {
        let text = """
        # 值班台用户
        - login: wall   # 大屏
          name: 大屏
          role: viewer
          password_hash: "$2b$04$old.old.old"
        - login: ops
          name: "值班员 \\"小李\\""
          role: operator
        - {login: chief, name: 指挥长, role: commander, password_hash: ''}

        """
        let one = try UsersFileEditor.setPasswordHash(in: text, path: "u.yaml", login: "wall", hash: "$2b$12$new")
        #expect(one == text.replacingOccurrences(of: "\"$2b$04$old.old.old\"", with: "\"$2b$12$new\""))
        let two = try UsersFileEditor.setPasswordHash(in: text, path: "u.yaml", login: "ops", hash: "$2b$12$ops")
        #expect(two == text.replacingOccurrences(of: "  role: operator\n", with: "  role: operator\n").replacingOccurrences(
            of: "- login: ops\n", with: "- login: ops\n  password_hash: \"$2b$12$ops\"\n"))
        let three = try UsersFileEditor.setPasswordHash(in: text, path: "u.yaml", login: "chief", hash: "$2b$12$c")
        #expect(three == text.replacingOccurrences(of: "password_hash: ''}", with: "password_hash: \"$2b$12$c\"}"))
        let parsed = try UserDirectory.parse(three, path: "u.yaml")
        #expect(parsed.user(login: "chief")?.passwordHash == "$2b$12$c")
        #expect(parsed.user(login: "ops")?.name == "值班员 \"小李\"")
        #expect(throws: UserDirectory.Invalid.self) { try UsersFileEditor.setPasswordHash(in: text, path: "u.yaml", login: "nobody", hash: "x") }
    }

    @Test func usersFileErrorsSayWhere() {
        #expect(throws: UserDirectory.Invalid.self) { try UserDirectory.parse("- {login: a, role: boss}\n", path: "u.yaml") }
        do { _ = try UserDirectory.parse("- {login: a, role: boss}\n", path: "u.yaml") } catch {
            #expect("\(error)".contains("u.yaml:1:") && "\(error)".contains("viewer, operator or commander"))
        }
    }

    @Test func consoleSettingsDefaultsAndErrors() throws {
        let plain = try ConsoleSettings.read(mainConfig: "/etc/dispatchd/dispatchd.yaml", text: "spool: /x\n")
        #expect(plain.host == "127.0.0.1" && plain.port == 8640 && plain.usersFile == "/etc/dispatchd/console-users.yaml")
        let set = try ConsoleSettings.read(mainConfig: "/c/d.yaml", text: "console:\n  listen: \"[::1]:9000\"\n  users: /u.yaml\n")
        #expect(set.host == "::1" && set.port == 9000 && set.usersFile == "/u.yaml")
        #expect(throws: ConsoleSettings.Invalid.self) { try ConsoleSettings.read(mainConfig: "d.yaml", text: "console:\n  listen: nowhere\n") }
        #expect(throws: ConsoleSettings.Invalid.self) { try ConsoleSettings.read(mainConfig: "d.yaml", text: "console:\n  lisen: a:1\n") }
    }

    @Test func htmlEscapesEverySpecialCharacter() {
        #expect(HTML.escape("<a href=\"x\" title='y'>&</a>") == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;")
        #expect(HTML.escape("台风“摩羯”") == "台风“摩羯”")
    }

    @Test func languageFollowsAcceptLanguage() {
        #expect(Language(acceptLanguage: nil).isChinese)
        #expect(Language(acceptLanguage: "zh-CN,zh;q=0.9,en;q=0.8").isChinese)
        #expect(!Language(acceptLanguage: "en-US,en;q=0.9").isChinese)
        #expect(Language(acceptLanguage: "fr-FR, zh-TW;q=0.5").isChinese)
    }

    @Test func sessionsAreRandomAndLoginsLockAfterFiveFailures() {
        let store = SessionStore()
        let now = Date()
        let a = store.create(login: "ops", now: now), b = store.create(login: "ops", now: now)
        #expect(a.id != b.id && a.csrf != b.csrf && a.id.count == 32)
        for _ in 0..<4 { store.recordFailure(login: "x", now: now) }
        #expect(store.lockedUntil(login: "x", now: now) == nil)
        store.recordFailure(login: "x", now: now)
        #expect(store.lockedUntil(login: "x", now: now) != nil)
        #expect(store.lockedUntil(login: "x", now: now.addingTimeInterval(61)) == nil)
    }
}
