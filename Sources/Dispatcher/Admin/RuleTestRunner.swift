import Platform
import Rules

/// Runs one rule test case (SPEC §18, `dispatchd test`) through the same decoding and `Matcher`
/// as `dispatchd plan` and the daemon, and compares the plan with what the case expects.
///
/// Invariant: no second planner. The busy teams are the only state a case adds: each is taken
/// as fully occupied by open real orders (`Occupancy.realLoad` at its capacity).
public enum RuleTestRunner {
    /// One expectation that differs: the lines expected and planned (a diff shows both).
    public struct Difference: Sendable, Equatable {
        public var field: String
        public var expected: [String]
        public var planned: [String]
    }

    public enum Outcome: Sendable {
        case passed
        case failed([Difference])
        /// The case cannot run (its input is unreadable or not an incident): the words and the file.
        case broken(file: String, reason: String)
    }

    public static func run(_ testCase: RuleTestCase, county: County) -> Outcome {
        let name: String, fileName: String, bytes: [UInt8]
        switch testCase.input {
        case .file(let path):
            name = path
            fileName = path
            do { bytes = try LocalFiles.read(path, maxBytes: county.settings.maxInputBytes) } catch {
                return .broken(file: path, reason: "\(path): \(error.reason)")
            }
        case .inline(let json):
            name = testCase.location.description
            fileName = "inline.json"
            bytes = json
        }
        let plan: Plan
        do throws(InputError) {
            var occupancy = Occupancy()
            for id in testCase.busy { occupancy.realLoad[id] = county.team(id: id)?.capacity ?? 1 }
            switch try InputDecoding.decode(fileName: fileName, bytes: bytes, county: county) {
            // Evaluated as it arrives at its own `sent` time: a rule test checks the plan, not
            // whether a stored input has expired since; outside-county and unknown-kind verdicts
            // are the daemon's (SPEC §3.2.1).
            case .dispatch(let message, _): plan = InputVerdict.plan(for: message, county: county, now: message.sent,
                                                                     occupancy: occupancy).1
            case .ignored(let message, _, _): plan = Plan(incidentID: message.incidentID)
            }
        } catch {
            return .broken(file: name, reason: error.described(file: name))
        }
        let differences = compare(testCase, plan)
        return differences.isEmpty ? .passed : .failed(differences)
    }

    static func compare(_ testCase: RuleTestCase, _ plan: Plan) -> [Difference] {
        var differences: [Difference] = []
        if let rules = testCase.rules, Set(rules) != Set(plan.rules) {
            differences.append(Difference(field: "rules", expected: rules, planned: plan.rules))
        }
        let level = plan.responseLevel?.name ?? "none"
        if let expected = testCase.responseLevel, expected != level {
            differences.append(Difference(field: "response_level", expected: [expected], planned: [level]))
        }
        let teams = plan.assignments.map(\.teamID)
        if let expected = testCase.teams, expected.sorted() != teams.sorted() {
            differences.append(Difference(field: "teams", expected: expected, planned: teams))
        }
        if let expected = testCase.shortfalls {
            var unmatched = plan.shortfalls
            var missing: [RuleTestCase.ExpectedShortfall] = []
            for want in expected {
                if let index = unmatched.firstIndex(where: { $0.demand.ruleID == want.rule && (want.requested ?? $0.requested) == $0.requested
                                                              && (want.dispatched ?? $0.dispatched) == $0.dispatched }) {
                    unmatched.remove(at: index)
                } else {
                    missing.append(want)
                }
            }
            if !missing.isEmpty || !unmatched.isEmpty {
                func text(_ shortfall: Shortfall) -> String {
                    "\(shortfall.demand.ruleID) requested=\(shortfall.requested) dispatched=\(shortfall.dispatched)"
                }
                let expectedLines = expected.map { want in
                    [want.rule] + [want.requested.map { "requested=\($0)" }, want.dispatched.map { "dispatched=\($0)" }].compactMap { $0 }
                }.map { $0.joined(separator: " ") }
                differences.append(Difference(field: "shortfalls", expected: expectedLines, planned: plan.shortfalls.map(text)))
            }
        }
        return differences
    }
}
