import Testing
@testable import Rules

/// Suggestions, and a province-sized config (20,000 areas and teams, 2,000 rules) that loads
/// clean. Timing is measured by the benchmarks, not here; this checks that the checks scale
/// without false findings.
@Suite struct ConfigScaleTests {
    @Test func suggestionsOnlyForPlausibleTypos() {
        #expect(Suggestion.closest(to: "evacuaton", among: ["evacuation", "rescue"]) == "evacuation")
        #expect(Suggestion.closest(to: "Evacuation", among: ["evacuation"]) == "evacuation")
        #expect(Suggestion.closest(to: "team", among: RulesReader.placeholders) == "team_name")
        #expect(Suggestion.closest(to: "4", among: ["IV", "III", "II", "I"]) == nil)
        #expect(Suggestion.closest(to: "medical", among: ["evacuation", "rescue"]) == nil)
        #expect(Suggestion.distance("kitten", "sitting") == 3)
        #expect(Suggestion.distance("石水村", "石水") == 1)
    }

    /// 1 district, 20 towns, 50 villages each, 19 grids each: 20,021 areas.
    static func provinceFiles() -> [String: String] {
        var areas = "id: d\nname: 区\nchildren:\n"
        var teams = "", duty = "- {id: d-duty, name: 区值班室, area: d}\n", rules = ""
        for town in 0..<20 {
            areas += "  - id: t\(town)\n    name: 镇\(town)\n    children:\n"
            duty += "- {id: t\(town)-duty, name: 镇值班室\(town), area: d/t\(town)}\n"
            for village in 0..<50 {
                areas += "      - id: v\(village)\n        name: 村\(village)\n        children:\n"
                for grid in 0..<19 {
                    areas += "          - {id: g\(grid), name: 网格\(grid)}\n"
                    teams += "- {id: team-\(town)-\(village)-\(grid), name: 队, kind: grid, capabilities: [patrol, c\(grid)], area: d/t\(town)/v\(village)/g\(grid)}\n"
                }
                teams += "- {id: team-\(town)-\(village), name: 村队, kind: militia, capabilities: [evacuation], area: d/t\(town)/v\(village), capacity: 2}\n"
            }
        }
        for rule in 0..<2_000 {
            let town = rule % 20, village = rule % 50
            rules += """
                - id: r\(rule)
                  when: {kind: typhoon, level: ">= orange", area: d/t\(town)/v\(village)}
                  response: II
                  mobilize:
                    - {capability: evacuation, count: 2, within: town}
                    - {capability: c\(rule % 19), count: 1, within: village}
                    - {kind: grid, count: 3}
                  escalate:
                    - {after: 10m, to: village}
                    - {after: 20m, to: town}
                    - {after: 30m, to: d-duty}

                """
        }
        return ["p/dispatchd.yaml": "", "p/areas.yaml": areas, "p/teams.yaml": teams, "p/duty.yaml": duty, "p/rules.yaml": rules]
    }

    @Test func provinceSizedConfigLoadsClean() throws {
        let files = Self.provinceFiles()
        let result = CountyLoader.load(configPath: "p/dispatchd.yaml") { path in
            guard let text = files[path] else { throw ConfigFixture.Missing(path: path) }
            return Array(text.utf8)
        }
        #expect(Array(result.diagnostics.prefix(3)).map(\.description) == [])
        let county = try #require(result.county)
        #expect(county.areas.count == 20_021)
        #expect(county.teams.count == 20_000)
        #expect(county.rules.count == 2_000)
        #expect(county.areas.levelNames == ["district", "town", "village", "grid"])
    }
}
