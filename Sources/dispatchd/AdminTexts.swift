import Catalogue
import Dispatcher
import Foundation
import Platform
import Rules

/// The human output of the administration commands (SPEC §18): the layout here, every text
/// in the message catalogue (`TextKey.admin*`, Chinese and English, SPEC §10 locale).
enum AdminTexts {
    static let t = Catalogue(environment: ProcessInfo.processInfo.environment)

    // MARK: errors (`PATH: what is wrong; what to do`)

    static func describe(_ error: AdminError) -> String {
        let path = error.path
        switch error.problem {
        case .destinationExists:
            return t(.adminDestinationExists, "\(path)")
        case .parentMissing:
            return t(.adminParentMissing, "\(path)")
        case .sourceMissing:
            return t(.adminSourceMissing, "\(path)")
        case .manifestMissing:
            return t(.adminManifestMissing, "\(path)")
        case .manifestInvalid(let why):
            return t(.adminManifestInvalid, "\(path)", "\(why)")
        case .fileMissing:
            return t(.adminFileMissing, "\(path)")
        case .fileChanged(let expected, let found):
            return t(.adminFileChanged, "\(path)", "\(expected)", "\(found)")
        case .daemonRunning:
            return t(.adminDaemonRunning, "\(path)")
        case .state(let store):
            return store.description
        case .system(let system):
            let remedy = system.remedy.map { "; \($0)" } ?? ""
            return "\(system.path ?? path): \(system.syscall): \(system.reason)\(remedy)"
        case .archiveUnverified(let why):
            return t(.adminArchiveUnverified, "\(path)", "\(why)")
        case .archiveFailed(let why):
            return t(.adminArchiveFailed, "\(path)", "\(why)")
        }
    }

    // MARK: backup and restore

    static func backedUp(_ report: StateBackup.Report) -> String {
        let m = report.manifest
        return t(.adminBackedUp, "\(report.destination)", "\(m.schema)", "\(m.openOrders)", "\(m.seqHighWater)", "\(m.files.count - 2)")
    }

    static func restored(_ report: StateRestore.Report, state: String) -> String {
        let replaced = report.replacedDirectory ?? t(.adminNoStateBefore)
        return t(.adminRestored, "\(state)", "\(report.manifest.createdAt)", "\(report.restoredFacts.openOrders)", "\(replaced)", "\(report.seqHighWater)", "\(report.alreadyPublished)", "\(report.manifest.mainConfig)")
    }

    static let daemonAlreadyRunning = t(.adminDaemonAlreadyRunning)
}

// MARK: rule tests
extension AdminTexts {
    static func configInvalid(_ path: String) -> String {
        t(.adminConfigInvalid, "\(path)")
    }

    static func testPathMissing(_ path: String) -> String {
        t(.adminTestPathMissing, "\(path)")
    }

    static let testsNotRun = t(.adminTestsNotRun)

    static func testPassed(_ testCase: RuleTestCase) -> String {
        t(.adminTestPassed, "\(testCase.name)")
    }

    static func testBroken(_ testCase: RuleTestCase, file: String, reason: String) -> String {
        t(.adminTestBroken, "\(testCase.location)", "\(testCase.name)", "\(reason)")
    }

    /// `FAIL name (FILE:LINE:COLUMN)` and, per field, a diff: `-` expected only, `+` planned only.
    static func testFailed(_ testCase: RuleTestCase, _ differences: [RuleTestRunner.Difference]) -> String {
        var lines = [t(.adminTestFailed, "\(testCase.name)", "\(testCase.location)"),
                     t(.adminTestDiffLegend)]
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
        let tail = broken ? t(.adminTestSomeBroken) : ""
        return t(.adminTestSummary, "\(passed)", "\(failed)", "\(tail)")
    }
}

// MARK: check --diff
extension AdminTexts {
    static let incidentsNeedDiff = t(.adminIncidentsNeedDiff)

    static func entityName(_ entity: ConfigDiff.Entity) -> String {
        switch entity {
        case .setting: t(.adminEntitySetting)
        case .area: t(.adminEntityArea)
        case .team: t(.adminEntityTeam)
        case .post: t(.adminEntityPost)
        case .rule: t(.adminEntityRule)
        }
    }

    /// One line per added (`+`) or removed (`-`) entity; a changed one (`~`) with its fields.
    static func configChanges(_ changes: [ConfigDiff.Change], running: String, other: String) -> String {
        guard !changes.isEmpty else {
            return t(.adminConfigSame, "\(running)", "\(other)")
        }
        var lines = [t(.adminConfigChanges, "\(running)", "\(other)", "\(changes.count)")]
        for change in changes {
            let place = change.location.map { "  (\($0))" } ?? ""
            let name = "\(entityName(change.entity)) \(change.id)"
            switch change.kind {
            case .added: lines.append("  + \(name)\(t(.adminAddedMark))\(place)")
            case .removed: lines.append("  - \(name)\(t(.adminRemovedMark))\(place)")
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
            return t(.adminPlanSummary, "\(rules.joined(separator: ", "))", "\(level)", "\(teams.count)", "\(shortfalls.count)")
        case .notDispatched(let reason): return t(.adminNotDispatched, "\(reason)")
        case .refused(let reason): return t(.adminRefused, "\(reason)")
        }
    }

    /// Per incident file: both outcomes, then `- team (rule @area)` only under the running
    /// config and `+ team` only under OTHER.
    static func planChanges(_ differences: [PlanComparison.Difference], files: Int, directory: String) -> String {
        guard !differences.isEmpty else {
            return t(.adminPlanSame, "\(files)", "\(directory)")
        }
        var lines = [t(.adminPlanChanges, "\(differences.count)", "\(files)", "\(directory)")]
        for difference in differences {
            lines.append("  \(difference.file)")
            lines.append(t(.adminPlanRunningLabel) + outcomeText(difference.running))
            lines.append(t(.adminPlanOtherLabel) + outcomeText(difference.other))
            guard case .plan(let oldRules, let oldLevel, let oldTeams, let oldShort) = difference.running,
                  case .plan(let newRules, let newLevel, let newTeams, let newShort) = difference.other else { continue }
            for rule in oldRules where !newRules.contains(rule) { lines.append("      - \(t(.adminWordRule)) \(rule)") }
            for rule in newRules where !oldRules.contains(rule) { lines.append("      + \(t(.adminWordRule)) \(rule)") }
            if oldLevel != newLevel { lines.append("      ~ \(t(.adminWordResponseLevel)) \(oldLevel) → \(newLevel)") }
            for team in oldTeams where !newTeams.contains(team) { lines.append("      - \(team.teamID) (\(team.ruleID) @\(team.area))") }
            for team in newTeams where !oldTeams.contains(team) { lines.append("      + \(team.teamID) (\(team.ruleID) @\(team.area))") }
            for shortfall in oldShort where !newShort.contains(shortfall) { lines.append("      - \(t(.adminWordShortfall)) \(shortfall)") }
            for shortfall in newShort where !oldShort.contains(shortfall) { lines.append("      + \(t(.adminWordShortfall)) \(shortfall)") }
        }
        return lines.joined(separator: "\n")
    }
}

// MARK: prune
extension AdminTexts {
    static func badAge(_ text: String) -> String {
        t(.adminBadAge, "\(text)")
    }

    static let archiveOrDelete = t(.adminArchiveOrDelete)

    static func pruned(_ report: SpoolPrune.Report) -> String {
        var lines: [String] = []
        for day in report.days {
            if let archive = day.archive {
                lines.append(t(.adminPrunedArchived, "\(day.day)", "\(day.processed)", "\(day.rejected)", "\(archive)"))
            } else {
                lines.append(t(.adminPrunedDeleted, "\(day.day)", "\(day.processed)", "\(day.rejected)"))
            }
        }
        for day in report.keptOpen {
            lines.append(t(.adminPrunedKeptOpen, "\(day)"))
        }
        if lines.isEmpty { lines.append(t(.adminPrunedNothing)) }
        return lines.joined(separator: "\n")
    }
}
