import Testing
@testable import Rules

/// A small, valid county held in memory, and helpers to load it with one file replaced.
enum ConfigFixture {
    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String { "No such file" }
    }

    static let mainPath = "/etc/dispatchd/dispatchd.yaml"
    static let areasPath = "/etc/dispatchd/conf/areas.yaml"
    static let teamsPath = "/etc/dispatchd/conf/teams.yaml"
    static let dutyPath = "/etc/dispatchd/conf/duty.yaml"
    static let rulesPath = "/etc/dispatchd/conf/rules.yaml"

    static let main = """
        spool: spool
        areas: conf/areas.yaml
        teams: conf/teams.yaml
        duty: conf/duty.yaml
        rules: conf/rules.yaml
        rescan_interval: 1m
        seasons:
          flood-season: {from: "04-15", to: "10-15"}
        postures:
          II: "全体村居干部24小时值班"
        kinds: [landslide]

        """

    static let areas = """
        id: gaoming
        name: 高明区
        location: {lat: 22.9, lon: 112.88}
        children:
          - id: yanghe
            name: 杨和镇
            geocodes: ["440608101"]
            children:
              - id: shishui
                name: 石水村
                children:
                  - {id: g1, name: 第一网格}
              - id: duichuan
                name: 对川村
          - id: mingcheng
            name: 明城镇

        """

    static let teams = """
        - id: shishui-militia
          name: 石水村民兵应急分队
          kind: militia
          capabilities: [evacuation, rescue]
          area: yanghe/shishui
          capacity: 2
          leader: {name: 张三, phone: "13800000001"}
          contact: "0757-88880001"
          priority: 5
        - id: mingcheng-fire
          name: 明城镇扑火队
          kind: fire-crew
          capabilities: [firefighting]
          area: mingcheng
          leader: 李四

        """

    static let duty = """
        - id: gaoming-sanfang
          name: 高明区三防办
          area: gaoming
          contact: {name: 值班员, phone: "0757-88881234"}
        - id: yanghe-duty
          name: 杨和镇应急值班室
          area: gaoming/yanghe

        """

    static let rules = """
        - id: typhoon-orange
          when: {kind: typhoon, level: ">= orange", area: gaoming, season: flood-season}
          response: II
          mobilize:
            - {capability: evacuation, count: 2, within: town}
            - {kind: fire-crew}
          ack_within: 10m
          escalate:
            - {after: 10m, to: town}
            - {after: 20m, to: gaoming-sanfang}
          on_unacknowledged: reassign
          instructions: "{area_name}{incident_title}：请{team_name}立即集结，{ack_deadline}前回复确认"
        - id: landslide-any
          when: {kind: [landslide, storm]}
          response: IV
          mobilize:
            - {kind: militia}

        """

    static var files: [String: String] {
        [mainPath: main, areasPath: areas, teamsPath: teams, dutyPath: duty, rulesPath: rules]
    }

    /// Loads the fixture with some files replaced (a nil text removes the file).
    static func load(_ overrides: [String: String?] = [:]) -> ConfigLoadResult {
        var files = files
        for (path, text) in overrides { files[path] = text }
        return CountyLoader.load(configPath: mainPath) { path in
            guard let text = files[path] else { throw Missing(path: path) }
            return Array(text.utf8)
        }
    }

    /// The diagnostics of a load as `FILE:LINE:COLUMN` strings, for exact location checks.
    static func locations(_ result: ConfigLoadResult) -> [String] {
        result.diagnostics.map { $0.location?.description ?? "-" }
    }
}

@Suite struct ConfigFixtureTests {
    @Test func theFixtureIsValidWithoutFindings() {
        let result = ConfigFixture.load()
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.county != nil)
        #expect(!result.hasErrors)
    }
}
