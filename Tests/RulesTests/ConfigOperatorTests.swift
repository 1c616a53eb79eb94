import Testing
@testable import Rules

/// `manual:` and `authorization:` of the main config (SPEC §14).
@Suite struct ConfigOperatorTests {
    typealias F = ConfigFixture

    private func load(main extra: String) -> ConfigLoadResult {
        F.load([F.mainPath: F.main + extra])
    }

    @Test func withoutTheKeysManualOrdersGetTheStandardChainAndAnyoneMayDrop() throws {
        let county = try #require(F.load().county)
        #expect(county.settings.authorization == nil)
        #expect(county.manual.id == "manual" && county.manual.mobilize.isEmpty)
        #expect(county.manual.ackWithin == ConfigDuration(seconds: 600))
        #expect(county.manual.escalate.map(\.to) == [.level("town"), .level("district")])
        #expect(county.manual.escalate.map(\.after.seconds) == [600, 1200])
        #expect(county.manual.onUnacknowledged == .report)
        #expect(!county.rules.contains { $0.id == "manual" }, "manual orders never match an incident")
    }

    @Test func manualIsReadAndCheckedLikeARule() throws {
        let county = try #require(load(main: """
            manual:
              ack_within: 5m
              escalate:
                - {after: 5m, to: town}
                - {after: 15m, to: gaoming-sanfang}
              on_unacknowledged: reassign
              instructions: "请{team_name}立即出动"

            """).county)
        #expect(county.manual.ackWithin.seconds == 300)
        #expect(county.manual.escalate.map(\.to) == [.level("town"), .dutyPost("gaoming-sanfang")])
        #expect(county.manual.onUnacknowledged == .reassign)
        #expect(county.manual.instructions == "请{team_name}立即出动")
    }

    @Test(arguments: [
        ("manual: {escalate: [{after: 5m, to: twon}]}", 12, 37, "escalation target 'twon' of 'manual' is neither an area level nor a duty post id"),
        ("manual: {ack_within: 10m, escalate: [{after: 5m, to: town}]}", 12, 38, "escalation step 'after: 5m' of 'manual' is earlier than its ack_within 10m"),
        ("manual: {on_unacknowledged: retry}", 12, 29, "'on_unacknowledged' of 'manual' must be `reassign` or `report`, found 'retry'"),
        ("manual: {instructions: \"请{team}出动\"}", 12, 24, "'instructions' of 'manual' uses unknown placeholder '{team}'"),
        ("manual: {ack_in: 5m}", 12, 10, "unknown key 'ack_in' in 'manual'"),
        ("authorization: {operators: [ops], commander: [cmd]}", 12, 35, "unknown key 'commander' in 'authorization'"),
        ("authorization: {operators: [\"ops team\"]}", 12, 29, "'ops team' in 'authorization.operators' is not a Unix group name"),
    ])
    func badOperatorSettingsNameFileLineColumn(text: String, line: Int, column: Int, message: String) throws {
        let result = load(main: text + "\n")
        #expect(result.county == nil)
        let error = try #require(result.errors.first, "\(result.diagnostics)")
        #expect(error.message.hasPrefix(message), "\(error)")
        #expect(error.location?.file == F.mainPath)
        #expect(error.location?.line == line)
        #expect(error.location?.column == column, "\(error)")
        #expect(error.remedy?.isEmpty == false)
    }

    @Test func authorizationNamesGroupsPerRoleAndCommandersMayDoEverything() throws {
        let county = try #require(load(main: "authorization: {operators: [dispatchd-operators], commanders: dispatchd-command}\n").county)
        let authorization = try #require(county.settings.authorization)
        #expect(authorization.operators == ["dispatchd-operators"] && authorization.commanders == ["dispatchd-command"])
        #expect(authorization.groups(granting: .operators) == ["dispatchd-operators", "dispatchd-command"])
        #expect(authorization.groups(granting: .commanders) == ["dispatchd-command"])
        #expect(Authorization.role(for: .cancel) == .commanders && Authorization.role(for: .close) == .commanders)
        for kind in [OperatorCommand.Kind.dispatch, .standdown, .reassign, .team, .duty] {
            #expect(Authorization.role(for: kind) == .operators)
        }
        #expect(authorization.permits(uid: 1001, groups: ["dispatchd-command"], role: .commanders, daemonUID: 999))
        #expect(authorization.permits(uid: 1001, groups: ["dispatchd-command"], role: .operators, daemonUID: 999))
        #expect(!authorization.permits(uid: 1001, groups: ["dispatchd-operators"], role: .commanders, daemonUID: 999))
        #expect(!authorization.permits(uid: 1001, groups: ["users"], role: .operators, daemonUID: 999))
        #expect(authorization.permits(uid: 0, groups: [], role: .commanders, daemonUID: 999), "root")
        #expect(authorization.permits(uid: 999, groups: [], role: .commanders, daemonUID: 999), "the daemon's own user")
    }

    @Test func anEmptyAuthorizationWarns() throws {
        let result = load(main: "authorization: {}\n")
        #expect(result.county?.settings.authorization == Authorization())
        #expect(result.warnings.contains { $0.message.contains("names no group") })
    }
}
