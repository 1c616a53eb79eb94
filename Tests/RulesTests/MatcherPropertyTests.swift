import Foundation
import Testing
@testable import Rules

/// Properties of `plan` over random seeded counties, incidents and open orders.
@Suite struct MatcherPropertyTests {
    static let seeds = Array(UInt64(1)...250)

    @Test(arguments: seeds)
    func planInvariantsHold(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let fixture = RandomCounty.make(&random)
        let county = fixture.county
        let message = RandomCounty.message(in: fixture, &random)
        let occupancy = RandomCounty.occupancy(in: fixture, &random)
        let matcher = Matcher(county: county)
        let plan = matcher.plan(for: message, occupancy: occupancy)

        // Same input, same plan, also from a freshly built matcher.
        #expect(plan == matcher.plan(for: message, occupancy: occupancy))
        #expect(plan == Matcher(county: county).plan(for: message, occupancy: occupancy))

        // No team twice, and never one already serving or excluded.
        let picked = plan.assignments.map(\.teamID)
        #expect(Set(picked).count == picked.count)
        #expect(Set(picked).isDisjoint(with: occupancy.teamsOnIncident.union(occupancy.excluded)))

        var preempted: [String] = []
        for assignment in plan.assignments {
            let team = try #require(county.team(id: assignment.teamID))
            let rule = try #require(county.rule(id: assignment.ruleID))
            let demand = rule.mobilize[assignment.demand.demandIndex]
            let load = occupancy.realLoad[team.id] ?? 0
            let exercises = occupancy.exerciseOrders[team.id] ?? []

            // Capacity is never exceeded; exercise orders yield only to real incidents.
            if let order = assignment.preemptsExerciseOrder {
                #expect(!message.exercise)
                #expect(load + 1 <= team.capacity)
                #expect(load + exercises.count + 1 > team.capacity)
                #expect(order == exercises.last)
                preempted.append(order)
            } else {
                #expect(load + exercises.count + 1 <= team.capacity)
            }

            // The team fits the selector and lies inside the demand's `within` ancestor.
            switch demand.selector {
            case .capability(let name): #expect(team.capabilities.contains(name))
            case .kind(let name): #expect(team.kind == name)
            }
            let limit = demand.within.map { county.areas.ancestor(of: assignment.area, atLevel: $0) ?? assignment.area } ?? 0
            #expect(county.areas.contains(limit, team.area))
            #expect(county.areas.contains(assignment.ringArea, team.area))
            #expect(county.areas.contains(limit, assignment.ringArea))
        }
        #expect(plan.preemptedExerciseOrders == preempted)

        // Each demand gets at most its gap, and a shortfall means nothing else was available.
        var onIncident = occupancy.teamsOnIncident
        onIncident.formUnion(picked)
        let blocked = Occupancy(realLoad: occupancy.realLoad, exerciseOrders: occupancy.exerciseOrders,
                                openByDemand: occupancy.openByDemand, teamsOnIncident: onIncident, excluded: occupancy.excluded)
        for shortfall in plan.shortfalls {
            #expect(shortfall.dispatched < shortfall.requested)
            let picks = plan.assignments.filter { $0.demand == shortfall.demand }.count
            #expect(shortfall.dispatched == picks + (occupancy.openByDemand[shortfall.demand]?.count ?? 0))
            #expect(matcher.nextTeam(for: shortfall.demand, message: message, occupancy: blocked) == nil)
        }
    }

    /// Guards the properties above against vacuity: the random cases do pick teams, preempt
    /// exercise orders, widen rings and fall short.
    @Test func randomCasesCoverEveryPath() {
        var assignments = 0, preemptions = 0, outerRings = 0, shortfalls = 0, distances = 0
        for seed in Self.seeds {
            var random = SplitMix64(seed: seed)
            let fixture = RandomCounty.make(&random)
            let message = RandomCounty.message(in: fixture, &random)
            let plan = Matcher(county: fixture.county).plan(for: message, occupancy: RandomCounty.occupancy(in: fixture, &random))
            assignments += plan.assignments.count
            preemptions += plan.preemptedExerciseOrders.count
            outerRings += plan.assignments.filter { $0.ring > 0 }.count
            distances += plan.assignments.filter { $0.distanceKm != nil }.count
            shortfalls += plan.shortfalls.count
        }
        #expect(assignments > 200)
        #expect(preemptions > 5)
        #expect(outerRings > 50)
        #expect(distances > 50)
        #expect(shortfalls > 50)
    }
}

/// A small, fast, seeded generator so random cases are reproducible.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random small counties, incidents and occupancies for the property tests.
enum RandomCounty {
    static let capabilities = ["evacuation", "rescue", "pumping"]
    static let kinds = ["militia", "fire-crew", "grid"]
    static let levels = ["district", "town", "village", "grid"]

    static func make(_ random: inout SplitMix64) -> CountyFixture {
        var serial = 0
        func node(depth: Int) -> CountyFixture.Node {
            serial += 1
            let children = depth >= 3 ? 0 : Int.random(in: 0...3, using: &random)
            let location = Bool.random(using: &random)
                ? GeoPoint(lat: 22 + Double.random(in: 0...1, using: &random), lon: 113 + Double.random(in: 0...1, using: &random))
                : nil
            let id = "a\(serial)"
            return CountyFixture.Node(id, at: location, (0..<children).map { _ in node(depth: depth + 1) })
        }
        var fixture = CountyFixture(node(depth: 0))
        let areaPaths = fixture.tree.areas.map(\.path)
        for number in 0..<Int.random(in: 0...25, using: &random) {
            let location = Int.random(in: 0..<3, using: &random) == 0
                ? GeoPoint(lat: 22 + Double.random(in: 0...1, using: &random), lon: 113) : nil
            fixture.team("team-\(number)", at: areaPaths.randomElement(using: &random)!,
                         kind: kinds.randomElement(using: &random)!,
                         capabilities: capabilities.filter { _ in Bool.random(using: &random) },
                         capacity: Int.random(in: 0...2, using: &random), priority: Int.random(in: 0...2, using: &random),
                         location: location)
        }
        for number in 0..<Int.random(in: 1...5, using: &random) {
            let demands = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                let within: String? = Bool.random(using: &random) ? levels.randomElement(using: &random) : nil
                return Bool.random(using: &random)
                    ? CountyFixture.demand(capabilities.randomElement(using: &random)!, count: Int.random(in: 1...4, using: &random), within: within)
                    : CountyFixture.demand(kind: kinds.randomElement(using: &random)!, count: Int.random(in: 1...3, using: &random), within: within)
            }
            let area: String? = Int.random(in: 0..<3, using: &random) == 0 ? areaPaths.randomElement(using: &random) : nil
            fixture.rule("rule-\(number)", kinds: Bool.random(using: &random) ? ["typhoon"] : nil, area: area, mobilize: demands)
        }
        return fixture
    }

    static func message(in fixture: CountyFixture, _ random: inout SplitMix64) -> IncidentMessage {
        let paths = fixture.tree.areas.map(\.path)
        let areas = (0..<Int.random(in: 1...3, using: &random)).map { _ in paths.randomElement(using: &random)! }
        return CountyFixture.message(areas: areas, exercise: Int.random(in: 0..<4, using: &random) == 0,
                                     location: Bool.random(using: &random) ? GeoPoint(lat: 22.5, lon: 113.5) : nil)
    }

    static func occupancy(in fixture: CountyFixture, _ random: inout SplitMix64) -> Occupancy {
        var occupancy = Occupancy()
        for team in fixture.teams {
            switch Int.random(in: 0..<8, using: &random) {
            case 0: occupancy.realLoad[team.id] = Int.random(in: 1...2, using: &random)
            case 1: occupancy.exerciseOrders[team.id] = (0..<Int.random(in: 1...2, using: &random)).map { "ex-\(team.id)-\($0)" }
            case 2: occupancy.excluded.insert(team.id)
            case 3: occupancy.teamsOnIncident.insert(team.id)
            default: break
            }
        }
        for rule in fixture.rules where Bool.random(using: &random) {
            let path = fixture.tree.areas.randomElement(using: &random)!.path
            occupancy.openByDemand[DemandKey(ruleID: rule.id, demandIndex: 0, areaPath: path)] = ["open-1"]
        }
        return occupancy
    }
}
