import Testing
@testable import Rules

/// Escalation chains resolved per order: a level means the post serving the team's area at
/// that level (nearest post above when that area has none), the incident's area's when the
/// team sits above the level; an explicit id is that post; unresolvable steps are skipped.
@Suite struct MatcherEscalationTests {
    static func fixture() -> CountyFixture {
        var fixture = CountyFixture.standard
        fixture.post("district-office", at: "d")
        fixture.post("t1-duty", at: "t1")
        fixture.post("v11-duty", at: "v11")
        fixture.post("t1-second", at: "t1")   // same area: the first listed serves it
        return fixture
    }

    static func step(_ minutes: Int, _ target: EscalationStep.Target) -> EscalationStep {
        EscalationStep(after: ConfigDuration(seconds: minutes * 60), to: target)
    }

    static let rule = Rule(id: "r", when: RuleCondition(), response: .three, mobilize: [],
                           ackWithin: ConfigDuration(seconds: 600),
                           escalate: [step(10, .level("village")), step(15, .level("town")),
                                      step(20, .dutyPost("district-office"))])

    @Test func teamInAVillageEscalatesThroughItsOwnLineage() {
        let fixture = Self.fixture()
        let chain = Matcher(county: fixture.county)
            .escalationChain(rule: Self.rule, teamArea: fixture.area("g111"), incidentArea: fixture.area("v21"))
        #expect(chain == [
            ResolvedEscalationStep(step: 1, after: ConfigDuration(seconds: 600), dutyPostID: "v11-duty"),
            ResolvedEscalationStep(step: 2, after: ConfigDuration(seconds: 900), dutyPostID: "t1-duty"),
            ResolvedEscalationStep(step: 3, after: ConfigDuration(seconds: 1200), dutyPostID: "district-office"),
        ])
    }

    @Test func aLevelWithoutItsOwnPostResolvesToTheNearestAbove() {
        let fixture = Self.fixture()
        let chain = Matcher(county: fixture.county)
            .escalationChain(rule: Self.rule, teamArea: fixture.area("v12"), incidentArea: fixture.area("v12"))
        #expect(chain.map(\.dutyPostID) == ["t1-duty", "t1-duty", "district-office"])
    }

    @Test func teamAboveTheLevelUsesTheIncidentArea() {
        let fixture = Self.fixture()
        let chain = Matcher(county: fixture.county)
            .escalationChain(rule: Self.rule, teamArea: fixture.area("d"), incidentArea: fixture.area("v11"))
        #expect(chain.map(\.dutyPostID) == ["v11-duty", "t1-duty", "district-office"])
    }

    @Test func stepsThatResolveToNothingAreSkippedKeepingTheirNumbers() {
        var fixture = CountyFixture.standard
        fixture.post("v11-duty", at: "v11")
        let rule = Rule(id: "r", when: RuleCondition(), response: .three, mobilize: [], ackWithin: ConfigDuration(seconds: 600),
                        escalate: [Self.step(10, .level("town")), Self.step(15, .dutyPost("gone")),
                                   Self.step(20, .level("village"))])
        let chain = Matcher(county: fixture.county)
            .escalationChain(rule: rule, teamArea: fixture.area("g111"), incidentArea: fixture.area("g111"))
        #expect(chain == [ResolvedEscalationStep(step: 3, after: ConfigDuration(seconds: 1200), dutyPostID: "v11-duty")])
    }
}
