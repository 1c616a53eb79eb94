import Testing
@testable import Rules

/// The valid fixture loads into exactly the expected model.
@Suite struct ConfigModelTests {
    let county: County

    init() throws {
        county = try #require(ConfigFixture.load().county)
    }

    @Test func settingsResolvePathsAndKeepDefaults() {
        let settings = county.settings
        #expect(settings.configFile == ConfigFixture.mainPath)
        #expect(settings.spool == "/etc/dispatchd/spool")
        #expect(settings.state == "/var/lib/dispatchd")
        #expect(settings.areasFile == ConfigFixture.areasPath)
        #expect(settings.rulesFile == ConfigFixture.rulesPath)
        #expect(settings.maxInputBytes == 1_048_576)
        #expect(settings.rescanInterval == ConfigDuration(seconds: 60))
        #expect(settings.timeZone.identifier == "Asia/Shanghai")
        #expect(settings.seasons["flood-season"] == Season(name: "flood-season", from: .init(month: 4, day: 15), to: .init(month: 10, day: 15)))
        #expect(settings.postures == [.two: "全体村居干部24小时值班"])
        #expect(settings.cap.languages == ["zh-CN", "zh", "en-US", "en"])
        #expect(settings.cap.kinds["typhoon"] == County.CAPSettings.defaultKinds["typhoon"])
        #expect(county.kinds == ["wildfire", "typhoon", "storm", "landslide"])
    }

    @Test func areasAreInPreorderWithLevelsByDepth() {
        let tree = county.areas
        #expect(tree.areas.map(\.path) == ["gaoming", "gaoming/yanghe", "gaoming/yanghe/shishui",
                                           "gaoming/yanghe/shishui/g1", "gaoming/yanghe/duichuan", "gaoming/mingcheng"])
        #expect(tree.areas.map(\.name) == ["高明区", "杨和镇", "石水村", "第一网格", "对川村", "明城镇"])
        #expect(tree.areas.map(\.level) == ["district", "town", "village", "grid", "village", "town"])
        #expect(tree.areas.map(\.parent) == [nil, 0, 1, 2, 1, 0])
        #expect(tree.areas.map(\.children) == [[1, 5], [2, 4], [3], [], [], []])
        #expect(tree.areas.map(\.depth) == [0, 1, 2, 3, 2, 1])
        #expect(tree.areas.map(\.subtreeEnd) == [6, 5, 4, 4, 5, 6])
        #expect(tree[1].geocodes == ["440608101"])
        #expect(tree[0].location == GeoPoint(lat: 22.9, lon: 112.88))
        #expect(tree[3].declaredAt == SourceLocation(file: ConfigFixture.areasPath, line: 12, column: 14))
        #expect(tree.fullName(of: 2) == "高明区杨和镇石水村")
    }

    @Test func teamsCarryRecipientsAndDefaults() throws {
        let militia = try #require(county.team(id: "shishui-militia"))
        #expect(militia.name == "石水村民兵应急分队")
        #expect(militia.kind == "militia")
        #expect(militia.capabilities == ["evacuation", "rescue"])
        #expect(militia.area == 2)
        #expect(militia.capacity == 2)
        #expect(militia.priority == 5)
        #expect(militia.leader == Recipient(name: "张三", phone: "13800000001"))
        #expect(militia.contact == Recipient(name: "石水村民兵应急分队", phone: "0757-88880001"))
        #expect(militia.declaredAt == SourceLocation(file: ConfigFixture.teamsPath, line: 1, column: 3))
        let fire = try #require(county.team(id: "mingcheng-fire"))
        #expect(fire.area == 5)
        #expect(fire.capacity == 1)
        #expect(fire.priority == 0)
        #expect(fire.leader == Recipient(name: "李四", phone: nil))
        #expect(fire.recipients == [Recipient(name: "李四", phone: nil)])
    }

    @Test func dutyPostsResolveTheirAreas() {
        #expect(county.dutyPosts.map(\.id) == ["gaoming-sanfang", "yanghe-duty"])
        #expect(county.dutyPosts.map(\.area) == [0, 1])
        #expect(county.dutyPosts[0].contact == Recipient(name: "值班员", phone: "0757-88881234"))
        #expect(county.dutyPosts[1].contact == nil)
    }

    @Test func rulesAreReadExactly() throws {
        let rule = try #require(county.rule(id: "typhoon-orange"))
        #expect(rule.when == RuleCondition(kinds: ["typhoon"], level: .atLeast(.orange), area: 0, season: "flood-season"))
        #expect(rule.response == .two)
        #expect(rule.mobilize.map(\.selector) == [.capability("evacuation"), .kind("fire-crew")])
        #expect(rule.mobilize.map(\.count) == [2, 1])
        #expect(rule.mobilize.map(\.within) == ["town", nil])
        #expect(rule.ackWithin == ConfigDuration(seconds: 600))
        #expect(rule.escalate.map(\.to) == [.level("town"), .dutyPost("gaoming-sanfang")])
        #expect(rule.escalate.map(\.after.seconds) == [600, 1200])
        #expect(rule.onUnacknowledged == .reassign)
        #expect(rule.instructions == "{area_name}{incident_title}：请{team_name}立即集结，{ack_deadline}前回复确认")
        let other = try #require(county.rule(id: "landslide-any"))
        #expect(other.when.kinds == ["landslide", "storm"])
        #expect(other.ackWithin == ConfigDuration(seconds: 900))
        #expect(other.onUnacknowledged == .report)
        #expect(other.escalate.isEmpty)
    }

    @Test func configHashCoversEveryFileInOrder() {
        let files = [ConfigFixture.main, ConfigFixture.areas, ConfigFixture.teams, ConfigFixture.duty, ConfigFixture.rules]
        var bytes: [UInt8] = []
        for text in files {
            let length = UInt64(text.utf8.count)
            bytes += (0..<8).map { UInt8(truncatingIfNeeded: length >> UInt64(56 - 8 * $0)) }
            bytes += Array(text.utf8)
        }
        #expect(county.configHash == SHA256.hex(of: bytes))
        let changed = ConfigFixture.load([ConfigFixture.dutyPath: ConfigFixture.duty + "\n"]).county
        #expect(changed?.configHash != county.configHash)
    }

    @Test func defaultFileNamesSitBesideTheMainFile() {
        let files = [
            "cfg/dispatchd.yaml": "timezone: Europe/Berlin\n",
            "cfg/areas.yaml": "{id: a, name: A}\n",
            "cfg/teams.yaml": "[]\n", "cfg/duty.yaml": "[]\n", "cfg/rules.yaml": "[]\n",
        ]
        let result = CountyLoader.load(configPath: "cfg/dispatchd.yaml") { path in
            guard let text = files[path] else { throw ConfigFixture.Missing(path: path) }
            return Array(text.utf8)
        }
        #expect(result.diagnostics.isEmpty)
        #expect(result.county?.settings.teamsFile == "cfg/teams.yaml")
        #expect(result.county?.settings.spool == "/var/spool/dispatchd")
        #expect(result.county?.settings.timeZone.identifier == "Europe/Berlin")
    }
}
