import Foundation
import Testing

/// SPEC §10: every command's human output is complete in Chinese (`zh_CN.UTF-8`) and in
/// English (`C`): no placeholder left unfilled, no catalogue key shown instead of a text, the
/// headings in the locale's language; `--json` is the same in both.
extension DaemonEndToEndTests {
    @Suite struct OperatorLocales {
        static let keyPattern = #"\b(common|state|column|check|submit|ack|status|plan|operator|lookup|report|team|duty|watch|show|history|figure|event|handover)\.[a-z_]+\b"#

        @Test func everyCommandSpeaksChineseUnderZhAndEnglishUnderC() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            let example = DaemonSandbox.repository + "/config/examples/typhoon-orange-yanghe.json"
            try sandbox.drop("alert.json", DaemonSandbox.incident(id: "LOC-1", kind: "e2e"))
            #expect(await eventually { sandbox.processedFiles().count == 1 }, "\(daemon.log)")
            let commands: [(arguments: [String], zh: String, en: String)] = [
                (["check"], "配置有效", "ok"),
                (["plan", example], "响应级别", "Response level"),
                (["status"], "未结指令", "Open orders"),
                (["submit", example], "已提交", "submitted"),
                (["show", "LOC-1"], "需求", "Demands"),
                (["history", "LOC-1"], "指标", "Figures"),
                (["handover", "yanghe-duty"], "交接班记录", "Handover report"),
                (["report", "--kind", "e2e", "--level", "blue", "--area", "gaoming/yanghe/shishui", "--title", "t", "--wait"], "已报告事件", "reported incident"),
                (["ack", "LOC-1-o1", "--status", "accept", "--wait"], "守护进程已执行", "applied by the daemon"),
                (["team", "yanghe-militia", "--unavailable", "--until", "1h", "--wait"], "队伍状态", "unavailable until"),
                (["team", "yanghe-militia", "--available", "--wait"], "可用", "available"),
                (["duty", "yanghe-duty", "--on", "李强", "--phone", "13800000001", "--wait"], "值班交接", "duty yanghe-duty"),
                (["dispatch", "LOC-1", "--team", "hecheng-militia", "--wait"], "手动调派", "dispatch LOC-1"),
                (["standdown", "LOC-1-o99"], "未知指令", "unknown order"),
                (["reassign", "LOC-1-o1", "--team", "nobody"], "未知队伍", "unknown team"),
                (["cancel", "NOPE"], "未知事件", "unknown incident"),
                (["close", "NOPE"], "未知事件", "unknown incident"),
            ]
            for (index, command) in commands.enumerated() {
                for locale in ["zh_CN.UTF-8", "C"] {
                    var arguments = command.arguments
                    // Commands that change the state run once per locale; the second run acts on its own copy.
                    if arguments.first == "team" && locale == "C" { arguments[1] = "hecheng-cadres" }
                    if arguments.first == "dispatch" && locale == "C" { arguments[3] = "mingcheng-militia" }
                    if arguments.first == "ack" && locale == "C" { arguments[3] = "arrived" }
                    let result = try await runDispatchd(arguments + ["--config", sandbox.configPath], in: sandbox,
                                                        environment: ["LC_ALL": "", "LC_MESSAGES": "", "LANG": locale])
                    let output = result.stdout + result.stderr
                    let expected = locale == "C" ? command.en : command.zh
                    #expect(output.contains(expected), "\(index) \(arguments) in \(locale): \(output)")
                    #expect(output.firstMatch(of: /\{\d+\}/) == nil, "a placeholder left in \(arguments) (\(locale)): \(output)")
                    #expect(output.range(of: Self.keyPattern, options: .regularExpression) == nil, "a key shown in \(arguments) (\(locale)): \(output)")
                    #expect(!output.isEmpty)
                }
            }
            await daemon.stop()   // nothing changes the state between the two reads below (timers of seconds run here)
            let zh = try await runDispatchd(["status", "--json", "--config", sandbox.configPath], in: sandbox, environment: ["LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_CN.UTF-8"])
            let c = try await runDispatchd(["status", "--json", "--config", sandbox.configPath], in: sandbox, environment: ["LC_ALL": "", "LC_MESSAGES": "", "LANG": "C"])
            #expect(zh.stdout.replacingOccurrences(of: #""seconds_to_deadline"\s*:\s*-?\d+"#, with: "", options: .regularExpression)
                    == c.stdout.replacingOccurrences(of: #""seconds_to_deadline"\s*:\s*-?\d+"#, with: "", options: .regularExpression))
            let planZH = try await runDispatchd(["plan", example, "--json", "--config", sandbox.configPath], in: sandbox,
                                                environment: ["LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_CN.UTF-8"])
            let planC = try await runDispatchd(["plan", example, "--json", "--config", sandbox.configPath], in: sandbox, environment: ["LC_ALL": "", "LC_MESSAGES": "", "LANG": "C"])
            #expect(planZH.status == 0 && planZH.stdout == planC.stdout, "plan --json never changes with the locale")
        }
    }
}
