import Testing
@testable import Rules

/// Escalation coverage (an error), unsatisfiable demands and unreachable teams (warnings), and
/// many errors from several files in one run.
@Suite struct ConfigCoverageTests {
    typealias F = ConfigFixture

    static let mingchengRule = """
        - id: mingcheng-fire
          when: {kind: wildfire, area: mingcheng}
          response: III
          mobilize:
            - {kind: fire-crew}
          escalate:
            - {after: 15m, to: town}

        """

    @Test func escalationStepThatReachesNoPostForSomeAreas() throws {
        let duty = "- {id: yanghe-duty, name: 杨和镇应急值班室, area: gaoming/yanghe}\n"
        let result = F.load([F.rulesPath: Self.mingchengRule, F.dutyPath: duty])
        let error = try #require(result.errors.first)
        #expect(result.errors.count == 1)
        #expect(error.location == SourceLocation(file: F.rulesPath, line: 7, column: 7))
        #expect(error.message == "escalation step 1 of rule 'mingcheng-fire' (to: town) reaches no duty post for 'gaoming/mingcheng', 'gaoming'")
        #expect(error.remedy == "add a duty post at 'gaoming/mingcheng' or above")
    }

    @Test func aPostAboveServesEveryArea() {
        let result = F.load([F.rulesPath: Self.mingchengRule])
        #expect(result.errors.isEmpty)
        #expect(result.county?.rules.first?.escalate.first?.to == .level("town"))
    }

    @Test func rulesScopedInsideACoveredTownPass() {
        let duty = "- {id: mingcheng-duty, name: 明城镇值班室, area: mingcheng}\n- {id: root, name: 区, area: gaoming}\n"
        #expect(F.load([F.rulesPath: Self.mingchengRule, F.dutyPath: duty]).errors.isEmpty)
    }

    @Test func warnsWhenTeamsInReachCannotMeetTheCount() throws {
        let rules = F.rules.replacingOccurrences(of: "{kind: militia}", with: "{capability: evacuation, count: 3, within: town}")
            .replacingOccurrences(of: "when: {kind: [landslide, storm]}", with: "when: {kind: [landslide, storm], area: yanghe/shishui}")
        let result = F.load([F.rulesPath: rules])
        #expect(result.county != nil)
        let warning = try #require(result.warnings.first)
        #expect(result.warnings.count == 1)
        #expect(warning.location == SourceLocation(file: F.rulesPath, line: 17, column: 7))
        #expect(warning.message == "rule 'landslide-any' demands 3 of capability evacuation but teams in 'gaoming/yanghe' can take only 2")
    }

    @Test func warnsAboutATeamNoRuleCanReach() throws {
        let teams = F.teams + "- {id: medics, name: 卫生院医疗队, kind: medical, capabilities: [first-aid], area: mingcheng}\n"
        let result = F.load([F.teamsPath: teams])
        #expect(result.county != nil)
        let warning = try #require(result.warnings.first)
        #expect(result.warnings.count == 1)
        #expect(warning.location == SourceLocation(file: F.teamsPath, line: 16, column: 4))
        #expect(warning.message.hasPrefix("no rule can ever mobilize team 'medics'"))
    }

    @Test func reportsEveryErrorOfEveryFileInOneRun() {
        let main = F.main.replacingOccurrences(of: "rescan_interval:", with: "rescan_intervall:")
        let teams = F.teams.replacingOccurrences(of: "area: mingcheng", with: "area: mingchen")
        let rules = F.rules.replacingOccurrences(of: "ack_within: 10m", with: "ack_within: soon")
            .replacingOccurrences(of: "capability: evacuation", with: "capability: evacuaton")
        let result = F.load([F.mainPath: main, F.teamsPath: teams, F.rulesPath: rules])
        #expect(result.county == nil)
        #expect(result.errors.map { $0.location?.description ?? "-" } == [
            "/etc/dispatchd/dispatchd.yaml:6:1", "/etc/dispatchd/conf/teams.yaml:14:9",
            "/etc/dispatchd/conf/rules.yaml:5:20", "/etc/dispatchd/conf/rules.yaml:7:15",
        ])
        #expect(result.errors.map(\.remedy) == [
            "did you mean 'rescan_interval'? allowed keys: " + MainConfig.allowedKeys.joined(separator: ", "),
            "did you mean 'mingcheng'?", "did you mean 'evacuation'?",
            "write hours, minutes and seconds in that order, e.g. `90s`, `10m` or `1h30m`",
        ])
    }
}
