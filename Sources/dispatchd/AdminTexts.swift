import Dispatcher
import Foundation
import Platform
import Rules

/// Every human text of the administration commands (SPEC §18), in Chinese and English, in one
/// place so that it moves into the message catalogue as a whole. Chinese when LC_ALL,
/// LC_MESSAGES or LANG (the first one set) starts with `zh` (SPEC §10).
enum AdminTexts {
    static let chinese: Bool = {
        let environment = ProcessInfo.processInfo.environment
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty { return value.hasPrefix("zh") }
        }
        return false
    }()

    static func pick(_ zh: String, _ en: String) -> String { chinese ? zh : en }

    // MARK: errors (`PATH: what is wrong; what to do`)

    static func describe(_ error: AdminError) -> String {
        let path = error.path
        switch error.problem {
        case .destinationExists:
            return pick("\(path)：已存在；备份只写入新目录：请换一个不存在的目录名",
                        "\(path): already exists; a backup goes into a new directory: name one that does not exist")
        case .parentMissing:
            return pick("\(path)：目录不存在；请先创建它，或换一个位置",
                        "\(path): no such directory; create it first or choose another place")
        case .sourceMissing:
            return pick("\(path)：不是可读的备份目录；请给出 dispatchd backup 生成的目录",
                        "\(path): not a readable backup directory; name a directory made by dispatchd backup")
        case .manifestMissing:
            return pick("\(path)：缺少备份清单；这不是完整的备份，请换用另一份备份",
                        "\(path): the backup manifest is missing; this is not a whole backup: use another one")
        case .manifestInvalid(let why):
            return pick("\(path)：备份清单无效（\(why)）；请换用另一份备份，状态未改动",
                        "\(path): the backup manifest is invalid (\(why)); use another backup (nothing was changed)")
        case .fileMissing:
            return pick("\(path)：清单中列出的文件不存在；备份不完整，请换用另一份备份，状态未改动",
                        "\(path): listed in the manifest but missing; the backup is incomplete: use another one (nothing was changed)")
        case .fileChanged(let expected, let found):
            return pick("\(path)：与清单不符（应为 \(expected)，实为 \(found)）；备份已损坏或被改动，请换用另一份备份，状态未改动",
                        "\(path): does not match the manifest (expected \(expected), found \(found)); the backup is damaged or was changed: use another one (nothing was changed)")
        case .daemonRunning:
            return pick("\(path)：守护进程正在运行（持有状态锁）；请先 systemctl stop dispatchd，再执行恢复，状态未改动",
                        "\(path): the daemon is running (it holds the state lock); run systemctl stop dispatchd first, then restore (nothing was changed)")
        case .state(let store):
            return store.description
        case .system(let system):
            let remedy = system.remedy.map { "; \($0)" } ?? ""
            return "\(system.path ?? path): \(system.syscall): \(system.reason)\(remedy)"
        case .archiveUnverified(let why):
            return pick("\(path)：归档校验失败（\(why)）；原文件保留未删，请检查磁盘后重试",
                        "\(path): the archive does not verify (\(why)); the originals were kept: check the disk and retry")
        case .archiveFailed(let why):
            return pick("\(path)：无法写归档（\(why)）；原文件保留未删，请检查 tar 与磁盘空间后重试",
                        "\(path): cannot write the archive (\(why)); the originals were kept: check tar and free space, then retry")
        }
    }

    // MARK: backup and restore

    static func backedUp(_ report: StateBackup.Report) -> String {
        let m = report.manifest
        return pick("""
            已备份到 \(report.destination)
              状态库结构 \(m.schema)，未结指令 \(m.openOrders) 条，SEQ 高水位 \(m.seqHighWater)
              配置文件 \(m.files.count - 2) 个；清单 manifest.json（SHA-256，亦可 sha256sum -c SHA256SUMS 校验）
            """, """
            backed up to \(report.destination)
              state schema \(m.schema), \(m.openOrders) open orders, SEQ high-water mark \(m.seqHighWater)
              \(m.files.count - 2) config files; manifest.json holds the SHA-256s (or check with sha256sum -c SHA256SUMS)
            """)
    }

    static func restored(_ report: StateRestore.Report, state: String) -> String {
        let replaced = report.replacedDirectory ?? pick("（原先没有状态库）", "(there was no state database)")
        return pick("""
            已从 \(report.manifest.createdAt) 的备份恢复状态到 \(state)
              未结指令 \(report.restoredFacts.openOrders) 条（计时在守护进程启动时恢复）
              被替换的状态库保存在 \(replaced)
              SEQ 高水位 \(report.seqHighWater)：下一条消息的 SEQ 更大；备份后已发出的 \(report.alreadyPublished) 条消息不再重发
              备份中的配置在 \(report.manifest.mainConfig)（未覆盖现有配置：可用 dispatchd check --diff 比较）
            下一步：systemctl start dispatchd
            """, """
            restored the state in \(state) from the backup of \(report.manifest.createdAt)
              \(report.restoredFacts.openOrders) open orders (their timers are re-armed when the daemon starts)
              the replaced state database is kept in \(replaced)
              SEQ high-water mark \(report.seqHighWater): the next message gets a higher SEQ; \(report.alreadyPublished) messages sent after the backup are not sent again
              the backup's config is in \(report.manifest.mainConfig) (the config in force was not overwritten: compare with dispatchd check --diff)
            next: systemctl start dispatchd
            """)
    }

    static let daemonAlreadyRunning = pick(
        "另一个 dispatchd 正在使用这个状态目录（状态锁被占用）；同一状态只能运行一个守护进程：请先停止另一个",
        "another dispatchd runs on this state directory (the state lock is held); one daemon per state: stop the other one first")
}

// MARK: rule tests
extension AdminTexts {
    static func configInvalid(_ path: String) -> String {
        pick("\(path)：配置无效（见上）；请先用 dispatchd check 修正", "\(path): the configuration is invalid (see above); fix it with dispatchd check first")
    }

    static func testPathMissing(_ path: String) -> String {
        pick("\(path)：没有这个测试文件或目录；请检查路径", "\(path): no such test file or directory; check the path")
    }

    static let testsNotRun = pick("测试文件有错（见上），未运行任何用例；请按提示修正后重试",
                                  "the test files have errors (see above), no case was run; fix them as each line says and retry")

    static func testPassed(_ testCase: RuleTestCase) -> String {
        pick("通过  \(testCase.name)", "PASS  \(testCase.name)")
    }

    static func testBroken(_ testCase: RuleTestCase, file: String, reason: String) -> String {
        pick("\(testCase.location): 用例“\(testCase.name)”无法运行：\(reason)；请修正输入文件",
             "\(testCase.location): case '\(testCase.name)' cannot run: \(reason); fix its input")
    }

    /// `FAIL name (FILE:LINE:COLUMN)` and, per field, a diff: `-` expected only, `+` planned only.
    static func testFailed(_ testCase: RuleTestCase, _ differences: [RuleTestRunner.Difference]) -> String {
        var lines = [pick("失败  \(testCase.name)  (\(testCase.location))", "FAIL  \(testCase.name)  (\(testCase.location))"),
                     pick("      - 预期有而计划没有   + 计划有而预期没有", "      - expected, not planned   + planned, not expected")]
        for difference in differences {
            lines.append("    \(difference.field):")
            var planned = difference.planned
            for line in difference.expected {
                if let index = planned.firstIndex(of: line) {
                    planned.remove(at: index)
                    lines.append("        \(line)")
                } else {
                    lines.append("      - \(line)")
                }
            }
            for line in planned { lines.append("      + \(line)") }
        }
        return lines.joined(separator: "\n")
    }

    static func testSummary(passed: Int, failed: Int, broken: Bool) -> String {
        let tail = broken ? pick("；有用例无法运行", "; some cases could not run") : ""
        return pick("\(passed) 个通过，\(failed) 个失败\(tail)", "\(passed) passed, \(failed) failed\(tail)")
    }
}

// MARK: check --diff
extension AdminTexts {
    static let incidentsNeedDiff = pick("--incidents 只能与 --diff 一起使用", "--incidents goes with --diff OTHER_CONFIG")

    static func entityName(_ entity: ConfigDiff.Entity) -> String {
        switch entity {
        case .setting: pick("设置", "setting")
        case .area: pick("区域", "area")
        case .team: pick("队伍", "team")
        case .post: pick("值班岗", "duty post")
        case .rule: pick("规则", "rule")
        }
    }

    /// One line per added (`+`) or removed (`-`) entity; a changed one (`~`) with its fields.
    static func configChanges(_ changes: [ConfigDiff.Change], running: String, other: String) -> String {
        guard !changes.isEmpty else {
            return pick("配置相同：\(running) 与 \(other) 的区域、队伍、值班岗、规则和设置一致",
                        "no change: \(running) and \(other) have the same areas, teams, duty posts, rules and settings")
        }
        var lines = [pick("从 \(running) 到 \(other) 的变化（\(changes.count) 项）：", "changes from \(running) to \(other) (\(changes.count)):")]
        for change in changes {
            let place = change.location.map { "  (\($0))" } ?? ""
            let name = "\(entityName(change.entity)) \(change.id)"
            switch change.kind {
            case .added: lines.append("  + \(name)\(pick("（新增）", " (added)"))\(place)")
            case .removed: lines.append("  - \(name)\(pick("（删除）", " (removed)"))\(place)")
            case .changed(let fields):
                lines.append("  ~ \(name)\(place)")
                for field in fields { lines.append("      \(field.field): \(field.old) → \(field.new)") }
            }
        }
        return lines.joined(separator: "\n")
    }

    static func outcomeText(_ outcome: PlanComparison.Outcome) -> String {
        switch outcome {
        case .plan(let rules, let level, let teams, let shortfalls):
            return pick("规则 [\(rules.joined(separator: ", "))]，响应 \(level)，\(teams.count) 支队伍，缺口 \(shortfalls.count)",
                        "rules [\(rules.joined(separator: ", "))], response \(level), \(teams.count) teams, \(shortfalls.count) shortfalls")
        case .notDispatched(let reason): return pick("不调度：\(reason)", "not dispatched: \(reason)")
        case .refused(let reason): return pick("拒收：\(reason)", "rejected: \(reason)")
        }
    }

    /// Per incident file: both outcomes, then `- team (rule @area)` only under the running
    /// config and `+ team` only under OTHER.
    static func planChanges(_ differences: [PlanComparison.Difference], files: Int, directory: String) -> String {
        guard !differences.isEmpty else {
            return pick("\(directory) 中 \(files) 个事件文件在两份配置下的计划相同", "the \(files) incident files in \(directory) plan the same under both configs")
        }
        var lines = [pick("\(directory) 中 \(files) 个事件文件有 \(differences.count) 个计划不同：",
                          "\(differences.count) of the \(files) incident files in \(directory) plan differently:")]
        for difference in differences {
            lines.append("  \(difference.file)")
            lines.append(pick("    现行：", "    running: ") + outcomeText(difference.running))
            lines.append(pick("    新配置：", "    other:   ") + outcomeText(difference.other))
            guard case .plan(let oldRules, let oldLevel, let oldTeams, let oldShort) = difference.running,
                  case .plan(let newRules, let newLevel, let newTeams, let newShort) = difference.other else { continue }
            for rule in oldRules where !newRules.contains(rule) { lines.append("      - \(pick("规则", "rule")) \(rule)") }
            for rule in newRules where !oldRules.contains(rule) { lines.append("      + \(pick("规则", "rule")) \(rule)") }
            if oldLevel != newLevel { lines.append("      ~ \(pick("响应等级", "response level")) \(oldLevel) → \(newLevel)") }
            for team in oldTeams where !newTeams.contains(team) { lines.append("      - \(team.teamID) (\(team.ruleID) @\(team.area))") }
            for team in newTeams where !oldTeams.contains(team) { lines.append("      + \(team.teamID) (\(team.ruleID) @\(team.area))") }
            for shortfall in oldShort where !newShort.contains(shortfall) { lines.append("      - \(pick("缺口", "shortfall")) \(shortfall)") }
            for shortfall in newShort where !oldShort.contains(shortfall) { lines.append("      + \(pick("缺口", "shortfall")) \(shortfall)") }
        }
        return lines.joined(separator: "\n")
    }
}

// MARK: prune
extension AdminTexts {
    static func badAge(_ text: String) -> String {
        pick("--older-than '\(text)' 无法解析：请写正整数加单位，如 90d（天）、12w（周）、36h（小时）",
             "--older-than '\(text)' does not parse: write a positive whole number and a unit, e.g. 90d (days), 12w (weeks), 36h (hours)")
    }

    static let archiveOrDelete = pick("--archive 与 --delete 只能选一个", "choose one of --archive DIR and --delete")

    static func pruned(_ report: SpoolPrune.Report) -> String {
        var lines: [String] = []
        for day in report.days {
            if let archive = day.archive {
                lines.append(pick("\(day.day)：已处理 \(day.processed) 个、已拒收 \(day.rejected) 个文件归档到 \(archive)（已校验）",
                                  "\(day.day): \(day.processed) processed and \(day.rejected) rejected files archived to \(archive) (verified)"))
            } else {
                lines.append(pick("\(day.day)：已删除 \(day.processed) 个已处理、\(day.rejected) 个已拒收文件",
                                  "\(day.day): \(day.processed) processed and \(day.rejected) rejected files deleted"))
            }
        }
        for day in report.keptOpen {
            lines.append(pick("\(day)：保留（当天收到的事件仍在处置中）", "\(day): kept (work that arrived that day is still open)"))
        }
        if lines.isEmpty { lines.append(pick("没有需要清理的文件", "nothing to prune")) }
        return lines.joined(separator: "\n")
    }
}
