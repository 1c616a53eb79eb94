import Testing
@testable import Rules

/// YAML syntax, duplicate keys, unknown keys, wrong types, missing fields and unreadable files.
@Suite struct ConfigSyntaxErrorTests {
    typealias F = ConfigFixture

    @Test func yamlSyntaxErrorHasItsLineAndColumn() throws {
        let result = F.load([F.rulesPath: "- id: a\n  response: [II\n  mobilize: []\n"])
        let error = try #require(result.errors.first)
        #expect(result.errors.count == 1)
        #expect(result.county == nil)
        #expect(error.location == SourceLocation(file: F.rulesPath, line: 3, column: 11))
        #expect(error.message.hasPrefix("YAML syntax error"))
        #expect(error.remedy?.contains("fix the YAML syntax") == true)
    }

    @Test func duplicateKeyIsAnError() throws {
        let areas = "id: gaoming\nname: 高明区\nname: 明城\n"
        let result = F.load([F.areasPath: areas])
        let error = try #require(result.errors.first)
        #expect(result.errors.count == 1)
        #expect(error.location == SourceLocation(file: F.areasPath, line: 3, column: 1))
        #expect(error.message == "duplicate key 'name' in one mapping")
        #expect(error.remedy?.contains("keep one") == true)
    }

    @Test func duplicateKeyInAListEntryPointsAtTheRepetition() throws {
        let teams = F.teams.replacingOccurrences(of: "  priority: 5\n", with: "  priority: 5\n  kind: grid\n")
        let error = try #require(F.load([F.teamsPath: teams]).errors.first)
        #expect(error.location == SourceLocation(file: F.teamsPath, line: 10, column: 3))
        #expect(error.message == "duplicate key 'kind' in one mapping")
    }

    @Test func unknownKeySuggestsTheAllowedOne() throws {
        let rules = F.rules.replacingOccurrences(of: "on_unacknowledged:", with: "on_unacknowleged:")
        let result = F.load([F.rulesPath: rules])
        let error = try #require(result.errors.first)
        #expect(result.errors.count == 1)
        #expect(error.location == SourceLocation(file: F.rulesPath, line: 11, column: 3))
        #expect(error.message == "unknown key 'on_unacknowleged' in rule 'typhoon-orange'")
        #expect(error.remedy?.hasPrefix("did you mean 'on_unacknowledged'?") == true)
    }

    @Test func unknownKeyInTheMainFile() throws {
        let main = F.main.replacingOccurrences(of: "rescan_interval:", with: "rescan_intervall:")
        let result = F.load([F.mainPath: main])
        let error = try #require(result.errors.first)
        #expect(result.errors.count == 1)
        #expect(error.location == SourceLocation(file: F.mainPath, line: 6, column: 1))
        #expect(error.remedy?.hasPrefix("did you mean 'rescan_interval'?") == true)
    }

    @Test func wrongTypeIsReportedAtTheValue() throws {
        let teams = F.teams.replacingOccurrences(of: "capacity: 2", with: "capacity: many")
        let result = F.load([F.teamsPath: teams])
        let error = try #require(result.errors.first)
        #expect(result.errors.count == 1)
        #expect(error.location == SourceLocation(file: F.teamsPath, line: 6, column: 13))
        #expect(error.message == "'capacity' of team 'shishui-militia' must be a whole number, found 'many'")
        #expect(error.remedy?.contains("capacity: 1") == true)
    }

    @Test func capacityBelowOneIsRefused() throws {
        let teams = F.teams.replacingOccurrences(of: "capacity: 2", with: "capacity: 0")
        let error = try #require(F.load([F.teamsPath: teams]).errors.first)
        #expect(error.location == SourceLocation(file: F.teamsPath, line: 6, column: 13))
        #expect(error.message.contains("at least 1"))
    }

    @Test func missingRequiredFieldPointsAtTheEntry() throws {
        let teams = F.teams.replacingOccurrences(of: "  kind: fire-crew\n", with: "")
        let result = F.load([F.teamsPath: teams])
        let error = try #require(result.errors.first)
        #expect(error.location == SourceLocation(file: F.teamsPath, line: 10, column: 3))
        #expect(error.message == "team 'mingcheng-fire' has no 'kind'")
        #expect(error.remedy == "add `kind: militia`")
    }

    @Test func unreadableFileIsReportedWhereItIsNamed() throws {
        let main = F.main.replacingOccurrences(of: "teams: conf/teams.yaml", with: "teams: conf/missing.yaml")
        let result = F.load([F.mainPath: main])
        let error = try #require(result.errors.first)
        #expect(result.errors.count == 1)
        #expect(error.description
            == "/etc/dispatchd/dispatchd.yaml:3:8: error: cannot read teams file '/etc/dispatchd/conf/missing.yaml' (No such file); check the path")
    }

    @Test func mainFileValuesAreChecked() {
        let main = F.main
            .replacingOccurrences(of: "rescan_interval: 1m", with: "rescan_interval: 1 minute\nmax_input_bytes: 0\ntimezone: Asia/Shangai")
            .replacingOccurrences(of: "\"10-15\"", with: "\"10-32\"")
        let result = F.load([F.mainPath: main])
        #expect(F.locations(result) == ["/etc/dispatchd/dispatchd.yaml:7:18", "/etc/dispatchd/dispatchd.yaml:6:18",
                                        "/etc/dispatchd/dispatchd.yaml:8:11", "/etc/dispatchd/dispatchd.yaml:10:37"])
        #expect(result.errors.map(\.message) == [
            "'max_input_bytes' of the main config must be at least 1, found 0",
            "'rescan_interval' of the main config is not a duration: '1 minute'",
            "unknown timezone 'Asia/Shangai'",
            "'to' of season 'flood-season' is not a calendar day: '10-32'",
        ])
        #expect(result.errors[1].remedy?.contains("`90s`, `10m` or `1h30m`") == true)
    }

    @Test func notValidUTF8() throws {
        let result = CountyLoader.load(configPath: "d.yaml") { _ in Array("a: 1\nb: 台风".utf8) + [0xFF, 0x0A] }
        let error = try #require(result.errors.first)
        #expect(error.location == SourceLocation(file: "d.yaml", line: 2, column: 6))
        #expect(error.message == "the file is not valid UTF-8 text")
    }
}
