import Foundation
import Testing
@testable import Rules

/// One row per selection rule of SPEC §5: a county, a message, the open orders, and the
/// teams (in plan order), shortfalls and preempted exercise orders expected.
struct SelectionCase: Sendable, CustomTestStringConvertible {
    var name: String
    var fixture: CountyFixture
    var message: IncidentMessage
    var occupancy: Occupancy = .empty
    var teams: [String]
    var shortfalls: [String] = []
    var preempted: [String] = []

    var testDescription: String { name }
}

private typealias F = CountyFixture

private func county(_ build: (inout CountyFixture) -> Void) -> CountyFixture {
    var fixture = CountyFixture.standard
    build(&fixture)
    return fixture
}

private let key11 = DemandKey(ruleID: "r", demandIndex: 0, areaPath: "d/t1/v11")

@Suite struct MatcherSelectionTests {
    static let cases: [SelectionCase] = [
        SelectionCase(name: "nearer ring first, even over priority", fixture: county {
            $0.team("far", at: "v12", priority: 9); $0.team("near", at: "g111")
            $0.rule("r", mobilize: [F.demand(count: 2)])
        }, message: F.message(areas: ["v11"]), teams: ["near", "far"]),
        SelectionCase(name: "within town stops at the town", fixture: county {
            $0.team("other-town", at: "v21"); $0.rule("r", mobilize: [F.demand(within: "town")])
        }, message: F.message(areas: ["v11"]), teams: [], shortfalls: ["r#0@d/t1/v11 0/1"]),
        SelectionCase(name: "within district reaches the other town", fixture: county {
            $0.team("other-town", at: "v21"); $0.rule("r", mobilize: [F.demand(within: "district")])
        }, message: F.message(areas: ["v11"]), teams: ["other-town"]),
        SelectionCase(name: "area above the within level searches ring 0 only", fixture: county {
            $0.team("inside", at: "v12"); $0.team("outside", at: "v21")
            $0.rule("r", mobilize: [F.demand(count: 2, within: "village")])
        }, message: F.message(areas: ["t1"]), teams: ["inside"], shortfalls: ["r#0@d/t1 1/2"]),
        SelectionCase(name: "higher priority first within a ring", fixture: county {
            $0.team("a", at: "v11", priority: 1); $0.team("b", at: "v11", priority: 5)
            $0.rule("r", mobilize: [F.demand(count: 2)])
        }, message: F.message(areas: ["v11"]), teams: ["b", "a"]),
        SelectionCase(name: "nearer first at equal priority", fixture: county {
            $0.team("a", at: "v11", location: GeoPoint(lat: 23.3, lon: 113.0))
            $0.team("b", at: "v11", location: GeoPoint(lat: 23.2, lon: 113.0))
            $0.team("c", at: "v11")   // the area's location, 23.11
            $0.rule("r", mobilize: [F.demand(count: 3)])
        }, message: F.message(areas: ["v11"], location: GeoPoint(lat: 23.0, lon: 113.0)), teams: ["c", "b", "a"]),
        SelectionCase(name: "a known distance ranks before an unknown one", fixture: {
            var fixture = CountyFixture(.init("d", [.init("t1", [.init("v11")])]))
            fixture.team("a-unknown", at: "v11"); fixture.team("b-known", at: "v11", location: GeoPoint(lat: 23.5, lon: 113.0))
            fixture.rule("r", mobilize: [F.demand(count: 2)])
            return fixture
        }(), message: F.message(areas: ["v11"], location: GeoPoint(lat: 23.0, lon: 113.0)), teams: ["b-known", "a-unknown"]),
        SelectionCase(name: "id breaks the last tie", fixture: county {
            $0.team("b", at: "v11"); $0.team("a", at: "v11"); $0.team("c", at: "v11")
            $0.rule("r", mobilize: [F.demand(count: 2)])
        }, message: F.message(areas: ["v11"]), teams: ["a", "b"]),
        SelectionCase(name: "a team whose capacity is used is skipped", fixture: county {
            $0.team("full", at: "v11", capacity: 2); $0.team("spare", at: "v11", capacity: 2)
            $0.rule("r", mobilize: [F.demand(count: 2)])
        }, message: F.message(areas: ["v11"]), occupancy: Occupancy(realLoad: ["full": 2, "spare": 1]),
                      teams: ["spare"], shortfalls: ["r#0@d/t1/v11 1/2"]),
        SelectionCase(name: "a real demand prefers free teams, then preempts the newest exercise order",
                      fixture: county {
            $0.team("drilling", at: "v11", priority: 5); $0.team("free", at: "v11")
            $0.rule("r", mobilize: [F.demand(count: 2)])
        }, message: F.message(areas: ["v11"]), occupancy: Occupancy(exerciseOrders: ["drilling": ["ex-1", "ex-2"]]),
                      teams: ["free", "drilling"], preempted: ["ex-2"]),
        SelectionCase(name: "an exercise never preempts an exercise", fixture: county {
            $0.team("drilling", at: "v11"); $0.team("free", at: "v12")
            $0.rule("r", mobilize: [F.demand(count: 2)])
        }, message: F.message(areas: ["v11"], exercise: true),
                      occupancy: Occupancy(exerciseOrders: ["drilling": ["ex-1"]]),
                      teams: ["free"], shortfalls: ["r#0@d/t1/v11 1/2"]),
        SelectionCase(name: "a real order blocks a real demand; no preemption of real orders", fixture: county {
            $0.team("busy", at: "v11", capacity: 1); $0.rule("r", mobilize: [F.demand()])
        }, message: F.message(areas: ["v11"]), occupancy: Occupancy(realLoad: ["busy": 1], exerciseOrders: ["busy": ["ex-1"]]),
                      teams: [], shortfalls: ["r#0@d/t1/v11 0/1"]),
        SelectionCase(name: "excluded and already-serving teams are skipped", fixture: county {
            $0.team("declined", at: "v11"); $0.team("serving", at: "v11"); $0.team("fresh", at: "v12")
            $0.rule("r", mobilize: [F.demand()])
        }, message: F.message(areas: ["v11"]),
                      occupancy: Occupancy(teamsOnIncident: ["serving"], excluded: ["declined"]), teams: ["fresh"]),
        SelectionCase(name: "no team twice across rules", fixture: county {
            $0.team("a", at: "v11"); $0.team("b", at: "v11")
            $0.rule("r", mobilize: [F.demand()]); $0.rule("s", mobilize: [F.demand()])
        }, message: F.message(areas: ["v11"]), teams: ["a", "b"]),
        SelectionCase(name: "each demand once per area, in the areas' input order", fixture: county {
            $0.team("east", at: "v21"); $0.team("west", at: "v11")
            $0.rule("r", mobilize: [F.demand(within: "town"), F.demand("rescue", within: "town")])
        }, message: F.message(areas: ["v21", "v11"]), teams: ["east", "west"],
                      shortfalls: ["r#1@d/t2/v21 0/1", "r#1@d/t1/v11 0/1"]),
        SelectionCase(name: "open orders count toward the demand", fixture: county {
            $0.team("a", at: "v11"); $0.team("b", at: "v11"); $0.rule("r", mobilize: [F.demand(count: 2)])
        }, message: F.message(areas: ["v11"]), occupancy: Occupancy(openByDemand: [key11: ["o-1"]]), teams: ["a"]),
        SelectionCase(name: "a filled demand asks for nothing", fixture: county {
            $0.team("a", at: "v11"); $0.rule("r", mobilize: [F.demand(count: 1)])
        }, message: F.message(areas: ["v11"]), occupancy: Occupancy(openByDemand: [key11: ["o-1"]]), teams: []),
        SelectionCase(name: "fewer teams than asked is a shortfall", fixture: county {
            $0.team("a", at: "v11"); $0.team("b", at: "t2"); $0.rule("r", mobilize: [F.demand(count: 3)])
        }, message: F.message(areas: ["v11"]), teams: ["a", "b"], shortfalls: ["r#0@d/t1/v11 2/3"]),
        SelectionCase(name: "a kind demand selects by team kind", fixture: county {
            $0.team("m", at: "v11", kind: "militia", capabilities: []); $0.team("f", at: "v11", kind: "fire-crew")
            $0.rule("r", mobilize: [F.demand(kind: "fire-crew")])
        }, message: F.message(areas: ["v11"]), teams: ["f"]),
        SelectionCase(name: "a message without a kind matches nothing", fixture: county {
            $0.team("a", at: "v11"); $0.rule("r", kinds: nil, mobilize: [F.demand()])
        }, message: F.message(kind: nil, areas: ["v11"]), teams: []),
    ]

    @Test(arguments: cases)
    func selection(_ row: SelectionCase) {
        let plan = Matcher(county: row.fixture.county).plan(for: row.message, occupancy: row.occupancy)
        #expect(plan.assignments.map(\.teamID) == row.teams)
        #expect(plan.shortfalls.map { "\($0.demand) \($0.dispatched)/\($0.requested)" } == row.shortfalls)
        #expect(plan.preemptedExerciseOrders == row.preempted)
        #expect(plan.assignments.compactMap(\.preemptsExerciseOrder) == row.preempted)
    }

    @Test func assignmentsRecordRingAndDistance() throws {
        var fixture = CountyFixture.standard
        fixture.team("near", at: "g111"); fixture.team("far", at: "v21", location: GeoPoint(lat: 23.3, lon: 113.0))
        fixture.rule("r", mobilize: [F.demand(count: 2)])
        let plan = Matcher(county: fixture.county).plan(for: F.message(areas: ["v11"]), occupancy: .empty)
        try #require(plan.assignments.count == 2)
        #expect(plan.assignments[0].ring == 0 && plan.assignments[0].ringArea == fixture.area("v11"))
        #expect(plan.assignments[1].ring == 2 && plan.assignments[1].ringArea == fixture.area("d"))
        // Origin is v11's location (23.11 N): 0.19° of latitude ≈ 21.1 km.
        let distance = try #require(plan.assignments[1].distanceKm)
        #expect(abs(distance - 21.13) < 0.05)
        #expect(plan.assignments[0].demand == DemandKey(ruleID: "r", demandIndex: 0, areaPath: "d/t1/v11"))
    }
}
