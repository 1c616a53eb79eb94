import Testing
@testable import Rules

/// `nextTeam`: one more team for one existing demand, same order and exclusions as `plan`.
@Suite struct MatcherNextTeamTests {
    static let key = DemandKey(ruleID: "r", demandIndex: 0, areaPath: "d/t1/v11")

    static func matcher() -> Matcher {
        var fixture = CountyFixture.standard
        fixture.team("a", at: "v11", priority: 2); fixture.team("b", at: "v11", priority: 1); fixture.team("c", at: "t2")
        fixture.team("drilling", at: "v12")
        fixture.rule("r", mobilize: [CountyFixture.demand(within: "district")])
        return Matcher(county: fixture.county)
    }

    @Test func walksTheSameOrderAsPlan() throws {
        let matcher = Self.matcher()
        let message = CountyFixture.message(areas: ["v11"])
        let exercises: [String: [String]] = ["drilling": ["ex-9"]]
        let plan = matcher.plan(for: message, occupancy: Occupancy(exerciseOrders: exercises))
        #expect(plan.assignments.map(\.teamID) == ["a"])

        let afterDecline = try #require(matcher.nextTeam(
            for: Self.key, message: message, occupancy: Occupancy(exerciseOrders: exercises, excluded: ["a"])))
        #expect(afterDecline.teamID == "b")
        #expect(afterDecline.demand == Self.key)
        #expect(afterDecline.ring == 0)

        let preempting = try #require(matcher.nextTeam(
            for: Self.key, message: message,
            occupancy: Occupancy(exerciseOrders: exercises, teamsOnIncident: ["b"], excluded: ["a"])))
        #expect(preempting.teamID == "drilling")
        #expect(preempting.preemptsExerciseOrder == "ex-9")
        #expect(preempting.ring == 1)

        let last = try #require(matcher.nextTeam(
            for: Self.key, message: message, occupancy: Occupancy(teamsOnIncident: ["a", "b", "drilling"])))
        #expect(last.teamID == "c")
        #expect(last.ring == 2)

        #expect(matcher.nextTeam(for: Self.key, message: message,
                                 occupancy: Occupancy(teamsOnIncident: ["a", "b", "c", "drilling"])) == nil)
    }

    @Test(arguments: [
        DemandKey(ruleID: "gone", demandIndex: 0, areaPath: "d/t1/v11"),
        DemandKey(ruleID: "r", demandIndex: 1, areaPath: "d/t1/v11"),
        DemandKey(ruleID: "r", demandIndex: 0, areaPath: "d/t9"),
    ])
    func aDemandNoLongerInTheConfigGetsNothing(_ key: DemandKey) {
        #expect(Self.matcher().nextTeam(for: key, message: CountyFixture.message(areas: ["v11"]), occupancy: .empty) == nil)
    }
}
