import Foundation
import Testing
@testable import Rules

/// Which rules apply to an incident (kind, level, area overlap, season) and the response
/// level that results.
struct RuleCase: Sendable, CustomTestStringConvertible {
    var name: String
    var kind: String? = "typhoon"
    var level: WarningLevel = .red
    var areas: [String] = ["v11"]
    /// `MM-DDTHH:MM` local time in Asia/Shanghai, 2026.
    var sentLocal: String = "07-01T12:00"
    var expectedRules: [String]

    var testDescription: String { name }
}

@Suite struct MatcherRuleTests {
    /// Rules: r-kinds (typhoon|storm), r-any (no kind), r-orange (>= orange), r-yellow (<= yellow),
    /// r-red (exactly red), r-t1 (area t1), r-v11 (area v11), r-winter (11-01..03-31),
    /// r-flood (04-15..10-15).
    static let fixture: CountyFixture = {
        var fixture = CountyFixture.standard
        fixture.seasons = ["winter": Season(name: "winter", from: .init(month: 11, day: 1), to: .init(month: 3, day: 31)),
                           "flood": Season(name: "flood", from: .init(month: 4, day: 15), to: .init(month: 10, day: 15))]
        let demand = [CountyFixture.demand()]
        fixture.rule("r-kinds", kinds: ["typhoon", "storm"], response: .four, mobilize: demand)
        fixture.rule("r-any", kinds: nil, response: .three, mobilize: demand)
        fixture.rule("r-orange", level: ">= orange", response: .two, mobilize: demand)
        fixture.rule("r-yellow", level: "<= yellow", response: .four, mobilize: demand)
        fixture.rule("r-red", level: "red", response: .one, mobilize: demand)
        fixture.rule("r-t1", area: "t1", mobilize: demand)
        fixture.rule("r-v11", area: "v11", mobilize: demand)
        fixture.rule("r-winter", season: "winter", mobilize: demand)
        fixture.rule("r-flood", season: "flood", mobilize: demand)
        return fixture
    }()

    static let cases: [RuleCase] = [
        RuleCase(name: "red typhoon in v11 in July",
                 expectedRules: ["r-kinds", "r-any", "r-orange", "r-red", "r-t1", "r-v11", "r-flood"]),
        RuleCase(name: "yellow: <= yellow matches, >= orange and red do not", level: .yellow,
                 expectedRules: ["r-kinds", "r-any", "r-yellow", "r-t1", "r-v11", "r-flood"]),
        RuleCase(name: "orange: only >= orange", level: .orange,
                 expectedRules: ["r-kinds", "r-any", "r-orange", "r-t1", "r-v11", "r-flood"]),
        RuleCase(name: "another kind matches only kind-less rules", kind: "wildfire", level: .blue,
                 expectedRules: ["r-any"]),
        RuleCase(name: "no kind matches nothing", kind: nil, expectedRules: []),
        RuleCase(name: "incident above the rule area overlaps it", areas: ["d"],
                 expectedRules: ["r-kinds", "r-any", "r-orange", "r-red", "r-t1", "r-v11", "r-flood"]),
        RuleCase(name: "incident in the other town misses area rules", areas: ["t2"],
                 expectedRules: ["r-kinds", "r-any", "r-orange", "r-red", "r-flood"]),
        RuleCase(name: "winter wraps the new year: January is in", sentLocal: "01-15T12:00",
                 expectedRules: ["r-kinds", "r-any", "r-orange", "r-red", "r-t1", "r-v11", "r-winter"]),
        RuleCase(name: "season bounds are inclusive", sentLocal: "10-15T23:59",
                 expectedRules: ["r-kinds", "r-any", "r-orange", "r-red", "r-t1", "r-v11", "r-flood"]),
        RuleCase(name: "between seasons neither applies", sentLocal: "10-20T12:00",
                 expectedRules: ["r-kinds", "r-any", "r-orange", "r-red", "r-t1", "r-v11"]),
        RuleCase(name: "seasons use the county's timezone (01:00 local is 17:00 UTC the day before)",
                 sentLocal: "11-01T01:00",
                 expectedRules: ["r-kinds", "r-any", "r-orange", "r-red", "r-t1", "r-v11", "r-winter"]),
        RuleCase(name: "unresolved areas alone match nothing", areas: ["nowhere"], expectedRules: []),
    ]

    static func sent(_ local: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: "2026-\(local):00+08:00")!
    }

    @Test(arguments: cases)
    func matchingRules(_ row: RuleCase) {
        let message = CountyFixture.message(kind: row.kind, level: row.level, areas: row.areas,
                                            sent: Self.sent(row.sentLocal))
        let plan = Matcher(county: Self.fixture.county).plan(for: message, occupancy: .empty)
        #expect(plan.rules == row.expectedRules)
    }

    @Test func responseLevelIsTheHighestMatched() {
        let matcher = Matcher(county: Self.fixture.county)
        #expect(matcher.plan(for: CountyFixture.message(level: .red, areas: ["v11"]), occupancy: .empty).responseLevel == .one)
        #expect(matcher.plan(for: CountyFixture.message(level: .orange, areas: ["v11"]), occupancy: .empty).responseLevel == .two)
        #expect(matcher.plan(for: CountyFixture.message(kind: "wildfire", areas: ["v11"]), occupancy: .empty).responseLevel == .three)
        #expect(matcher.plan(for: CountyFixture.message(kind: nil, areas: ["v11"]), occupancy: .empty).responseLevel == nil)
    }

    @Test func areasResolveInInputOrderAndUnknownOnesAreReported() {
        let plan = Matcher(county: Self.fixture.county)
            .plan(for: CountyFixture.message(areas: ["v21", "atlantis", "d/t1", "t1/v11"]), occupancy: .empty)
        let fixture = Self.fixture
        #expect(plan.areas == [fixture.area("v21"), fixture.area("t1"), fixture.area("v11")])
        #expect(plan.unresolvedAreas == ["atlantis"])
        #expect(plan.incidentID == "inc-1")
    }
}
