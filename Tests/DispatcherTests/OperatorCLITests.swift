import Foundation
import Rules
import Testing

/// The operator commands of the CLI (SPEC §14) against the real daemon on temp directories:
/// `--wait` on an applied and on a rejected file, refusals that drop nothing, time-outs, and
/// command files written through the command encoder.
extension DaemonEndToEndTests {
    @Suite struct OperatorCLI {
        @Test func reportWaitsForTheDaemonAndPrintsTheNewIncidentID() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            let result = try await runDispatchd(["report", "--kind", "e2e", "--level", "blue", "--area", "gaoming/yanghe/shishui",
                                                 "--title", "松林村山体滑坡", "--by", "王强", "--wait", "--config", sandbox.configPath],
                                                in: sandbox, environment: ["LC_ALL": "C"])
            #expect(result.status == 0, "\(result.stderr)\n\(daemon.log)")
            let id = try #require(result.stdout.firstMatch(of: /OP-\d{8}-\d{6}-[0-9A-F]{4}/).map { String($0.output) })
            #expect(result.stdout.contains("applied by the daemon"), "\(result.stdout)")
            let status = try await runDispatchd(["status", "--json", "--config", sandbox.configPath], in: sandbox).json()
            let incidents = try #require(status["incidents"] as? [[String: Any]])
            #expect(incidents.contains { $0["incident_id"] as? String == id && $0["title"] as? String == "松林村山体滑坡" })
            // A second report gets another id.
            let again = try await runDispatchd(["report", "--kind", "e2e", "--level", "blue", "--area", "gaoming/yanghe/shishui",
                                                "--title", "again", "--config", sandbox.configPath], in: sandbox)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(!again.stdout.contains(id))
            await daemon.stop()
        }

        @Test func waitOnARejectedFilePrintsTheErrorTextAndExitsOne() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            let result = try await runDispatchd(["ack", "NO-SUCH-o1", "--by", "张三", "--wait", "10", "--config", sandbox.configPath],
                                                in: sandbox, environment: ["LC_ALL": "C"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("rejected by the daemon"), "\(result.stderr)")
            #expect(result.stderr.contains("no order 'NO-SUCH-o1'"), "the .error text is printed: \(result.stderr)")
            await daemon.stop()
        }

        @Test func waitRunsOutWithAMessageWhenNoDaemonAnswers() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let result = try await runDispatchd(["report", "--kind", "e2e", "--level", "blue", "--area", "gaoming/yanghe/shishui",
                                                 "--title", "t", "--wait", "1", "--config", sandbox.configPath],
                                                in: sandbox, environment: ["LC_ALL": "C"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("no verdict from the daemon within 1 s"), "\(result.stderr)")
            #expect(sandbox.names(in: sandbox.incoming).count == 1, "the file stays for the daemon")
        }

        @Test func refusalsDropNothingAndExitOne() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            try sandbox.drop("alert.json", DaemonSandbox.incident(id: "CLI-1", kind: "e2e"))
            #expect(await eventually { sandbox.processedFiles().count == 1 }, "\(daemon.log)")
            let config = ["--config", sandbox.configPath]
            let refused: [([String], String)] = [
                (["report", "--kind", "e2e", "--level", "blue", "--area", "gaoming/nowhere", "--title", "t"], "unknown area 'gaoming/nowhere'"),
                (["report", "--kind", "volcano", "--level", "blue", "--area", "gaoming/yanghe", "--title", "t"], "unknown incident kind"),
                (["report", "--kind", "e2e", "--level", "purple", "--area", "gaoming/yanghe", "--title", "t"], "unknown warning level"),
                (["cancel", "CLI-404"], "unknown incident 'CLI-404'"),
                (["close", "CLI-404"], "unknown incident"),
                (["dispatch", "CLI-1", "--team", "no-such-team"], "unknown team 'no-such-team'"),
                (["dispatch", "CLI-404", "--team", "yanghe-militia"], "unknown incident"),
                (["standdown", "CLI-1-o99"], "unknown order 'CLI-1-o99'"),
                (["reassign", "CLI-1-o1", "--team", "no-such-team"], "unknown team"),
                (["team", "no-such-team", "--unavailable"], "unknown team"),
                (["team", "yanghe-militia", "--unavailable", "--until", "2020-01-01T00:00:00+08:00"], "already past"),
                (["duty", "no-such-post", "--on", "李强", "--phone", "13800000000"], "unknown duty post"),
            ]
            for (arguments, message) in refused {
                let result = try await runDispatchd(arguments + config, in: sandbox, environment: ["LC_ALL": "C"])
                #expect(result.status == 1, "\(arguments): \(result.status) \(result.stderr)")
                #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
                #expect(result.stderr.contains("nothing was dropped") || result.stderr.contains("give a later time"), "\(result.stderr)")
            }
            let usage: [[String]] = [
                ["duty", "yanghe-duty", "--on", "李强"], ["team", "yanghe-militia"], ["team", "yanghe-militia", "--available", "--until", "2h"],
                ["report", "--kind", "e2e", "--level", "blue", "--title", "t"], ["dispatch", "CLI-1", "--team", "x", "--escalate", "soon"],
            ]
            for arguments in usage {
                let result = try await runDispatchd(arguments + config, in: sandbox, environment: ["LC_ALL": "C"])
                #expect(result.status == 2, "\(arguments): \(result.status) \(result.stderr)")
            }
            #expect(sandbox.names(in: sandbox.incoming).isEmpty)
            #expect(sandbox.names(in: sandbox.spool + "/commands").isEmpty)
            #expect(sandbox.processedFiles().count == 1 && sandbox.rejectedInputs().isEmpty)
            await daemon.stop()
        }

        @Test func commandFilesAreTheEncodersAndByDefaultsToTheLoginName() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            try FileManager.default.createDirectory(atPath: sandbox.spool + "/commands/.tmp", withIntermediateDirectories: true)
            let result = try await runDispatchd(["team", "yanghe-militia", "--unavailable", "--reason", "道路中断", "--until", "2h",
                                                 "--config", sandbox.configPath], in: sandbox)
            #expect(result.status == 0, "\(result.stderr)")
            let names = sandbox.names(in: sandbox.spool + "/commands")
            let name = try #require(names.first)
            let command = try OperatorCommandDecoder.decode(sandbox.bytes(sandbox.spool + "/commands/" + name))
            guard case .team(let availability) = command.action else { Issue.record("not a team command: \(command)"); return }
            #expect(availability.teamID == "yanghe-militia" && availability.status == .unavailable && availability.reason == "道路中断")
            let until = try #require(availability.until)
            #expect(abs(until.timeIntervalSinceNow - 7200) < 120)
            #expect(!command.by.isEmpty && command.via == "cli")

            let duty = try await runDispatchd(["duty", "yanghe-duty", "--on", "李强", "--phone", "13800000001", "--on", "王芳", "--phone",
                                               "13800000002", "--by", "陈明", "--config", sandbox.configPath], in: sandbox)
            #expect(duty.status == 0, "\(duty.stderr)")
            let dutyName = try #require(sandbox.names(in: sandbox.spool + "/commands").first { $0.contains("duty") })
            let change = try OperatorCommandDecoder.decode(sandbox.bytes(sandbox.spool + "/commands/" + dutyName))
            #expect(change.action == .duty(DutyChange(postID: "yanghe-duty", onDuty: [Recipient(name: "李强", phone: "13800000001"),
                                                                                     Recipient(name: "王芳", phone: "13800000002")])))
            #expect(change.by == "陈明")
        }

        @Test func statusWatchRedrawsOnAChangeAndCtrlCRestoresTheTerminalInARealPty() async throws {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), let binary = DaemonBinary.path else {
                Issue.record("python3 is needed for the pty test (scripts/ci-cli.sh installs it)")
                return
            }
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            let incident = sandbox.root + "/watch-incident.json"
            try sandbox.write(incident, DaemonSandbox.incident(id: "WATCH-1", kind: "e2e"))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = [DaemonSandbox.repository + "/scripts/watch-pty.py", binary, sandbox.configPath, sandbox.incoming, incident, "WATCH-1"]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(output)")
            #expect(output.hasPrefix("ok"), "\(output)")
            await daemon.stop()
        }
    }
}
