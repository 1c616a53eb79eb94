import Testing
@testable import Rules

/// Duplicate ids and references that name nothing, each with a "did you mean".
@Suite struct ConfigReferenceErrorTests {
    typealias F = ConfigFixture

    private func onlyError(_ overrides: [String: String?]) throws -> Diagnostic {
        let result = F.load(overrides)
        #expect(result.county == nil)
        #expect(result.errors.count == 1, "\(result.errors.map(\.description))")
        return try #require(result.errors.first)
    }

    @Test func duplicateTeamID() throws {
        let teams = F.teams.replacingOccurrences(of: "id: mingcheng-fire", with: "id: shishui-militia")
        let error = try onlyError([F.teamsPath: teams])
        #expect(error.location == SourceLocation(file: F.teamsPath, line: 10, column: 7))
        #expect(error.message == "duplicate team id 'shishui-militia' (first declared at /etc/dispatchd/conf/teams.yaml:1:7)")
        #expect(error.remedy == "give every team its own id")
    }

    @Test func duplicateDutyPostID() throws {
        let duty = F.duty.replacingOccurrences(of: "id: yanghe-duty", with: "id: gaoming-sanfang")
        let error = try onlyError([F.dutyPath: duty])
        #expect(error.location == SourceLocation(file: F.dutyPath, line: 5, column: 7))
        #expect(error.message.hasPrefix("duplicate duty post id 'gaoming-sanfang'"))
    }

    @Test func duplicateRuleID() throws {
        let rules = F.rules.replacingOccurrences(of: "id: landslide-any", with: "id: typhoon-orange")
        let error = try onlyError([F.rulesPath: rules])
        #expect(error.location == SourceLocation(file: F.rulesPath, line: 13, column: 7))
        #expect(error.message.hasPrefix("duplicate rule id 'typhoon-orange'"))
    }

    @Test func duplicateSiblingAreaID() throws {
        let areas = F.areas.replacingOccurrences(of: "id: duichuan", with: "id: shishui")
        let error = try onlyError([F.areasPath: areas])
        #expect(error.location == SourceLocation(file: F.areasPath, line: 13, column: 13))
        #expect(error.message == "duplicate area id 'shishui' under 'gaoming/yanghe' (first declared at /etc/dispatchd/conf/areas.yaml:9:9)")
    }

    @Test func areaIDWithSlash() throws {
        let areas = F.areas.replacingOccurrences(of: "id: duichuan", with: "id: dui/chuan")
        let error = try onlyError([F.areasPath: areas])
        #expect(error.location == SourceLocation(file: F.areasPath, line: 13, column: 13))
        #expect(error.message.contains("must not contain '/'"))
    }

    @Test func areaDeeperThanTheDefaultLevelsNeedsALevel() throws {
        let areas = F.areas.replacingOccurrences(of: "{id: g1, name: 第一网格}", with: "{id: g1, name: 第一网格, children: [{id: h1, name: 一号楼}]}")
        let error = try onlyError([F.areasPath: areas])
        #expect(error.location == SourceLocation(file: F.areasPath, line: 12, column: 46))
        #expect(error.message == "area 'gaoming/yanghe/shishui/g1/h1' is 5 levels deep and has no 'level'")
        #expect(error.remedy?.hasPrefix("add `level: NAME`") == true)
        let declared = F.areas.replacingOccurrences(of: "{id: g1, name: 第一网格}",
                                                    with: "{id: g1, name: 第一网格, children: [{id: h1, name: 一号楼, level: building}]}")
        let tree = try #require(F.load([F.areasPath: declared]).county?.areas)
        #expect(tree[4].level == "building")
        #expect(tree.levelNames == ["district", "town", "village", "grid", "building"])
    }

    @Test func unknownTeamAreaSuggestsThePath() throws {
        let teams = F.teams.replacingOccurrences(of: "area: yanghe/shishui", with: "area: yanghe/shishu")
        let error = try onlyError([F.teamsPath: teams])
        #expect(error.location == SourceLocation(file: F.teamsPath, line: 5, column: 9))
        #expect(error.message == "area of team 'shishui-militia' 'yanghe/shishu' names no area")
        #expect(error.remedy == "did you mean 'yanghe/shishui'?")
    }

    @Test func unknownDutyPostAreaSuggestsTheID() throws {
        let duty = F.duty.replacingOccurrences(of: "area: gaoming\n", with: "area: gaomin\n")
        let error = try onlyError([F.dutyPath: duty])
        #expect(error.location == SourceLocation(file: F.dutyPath, line: 3, column: 9))
        #expect(error.remedy == "did you mean 'gaoming'?")
    }

    @Test func demandForAnUnknownCapabilitySuggestsAKnownOne() throws {
        let rules = F.rules.replacingOccurrences(of: "capability: evacuation", with: "capability: evacuaton")
        let result = F.load([F.rulesPath: rules])
        let error = try #require(result.errors.first)
        #expect(result.errors.count == 1)
        #expect(error.location == SourceLocation(file: F.rulesPath, line: 5, column: 20))
        #expect(error.message == "no team has capability 'evacuaton' that rule 'typhoon-orange' demands")
        #expect(error.remedy == "did you mean 'evacuation'?")
    }

    @Test func demandForAnUnknownTeamKind() throws {
        let rules = F.rules.replacingOccurrences(of: "{kind: militia}", with: "{kind: militai}")
        let error = try onlyError([F.rulesPath: rules])
        #expect(error.location == SourceLocation(file: F.rulesPath, line: 17, column: 14))
        #expect(error.remedy == "did you mean 'militia'?")
    }

    @Test func unknownIncidentKindSeasonAndArea() {
        let rules = F.rules.replacingOccurrences(of: "kind: typhoon, level", with: "kind: typhon, level")
            .replacingOccurrences(of: "season: flood-season", with: "season: flood-seasn")
            .replacingOccurrences(of: "area: gaoming,", with: "area: gaomng,")
        let result = F.load([F.rulesPath: rules])
        #expect(result.errors.map { $0.location?.description ?? "-" } == ["/etc/dispatchd/conf/rules.yaml:2:16", "/etc/dispatchd/conf/rules.yaml:2:50",
                                        "/etc/dispatchd/conf/rules.yaml:2:66"])
        #expect(result.errors.map(\.remedy) == ["did you mean 'typhoon'?", "did you mean 'gaoming'?", "did you mean 'flood-season'?"])
        #expect(result.errors[0].message == "rule 'typhoon-orange' names unknown incident kind 'typhon'")
    }

    @Test func declaredKindsAreKnown() throws {
        let main = F.main.replacingOccurrences(of: "kinds: [landslide]", with: "cap:\n  kinds:\n    landslide: [\"山体滑坡\"]")
        let county = try #require(F.load([F.mainPath: main]).county)
        #expect(county.kinds.contains("landslide"))
        #expect(county.settings.cap.kinds["landslide"] == ["山体滑坡"])
        #expect(county.settings.cap.kinds["typhoon"] == County.CAPSettings.defaultKinds["typhoon"])
        let undeclared = F.main.replacingOccurrences(of: "kinds: [landslide]", with: "")
        let error = try #require(F.load([F.mainPath: undeclared]).errors.first)
        #expect(error.location == SourceLocation(file: F.rulesPath, line: 14, column: 17))
        #expect(error.remedy?.contains("declare it under `kinds:`") == true)
    }

    @Test func unknownEscalationTargetSuggestsAPost() throws {
        let rules = F.rules.replacingOccurrences(of: "to: gaoming-sanfang", with: "to: gaoming-sanfng")
        let error = try onlyError([F.rulesPath: rules])
        #expect(error.location == SourceLocation(file: F.rulesPath, line: 10, column: 24))
        #expect(error.message == "escalation target 'gaoming-sanfng' of rule 'typhoon-orange' is neither an area level nor a duty post id")
        #expect(error.remedy == "did you mean 'gaoming-sanfang'?")
    }
}
