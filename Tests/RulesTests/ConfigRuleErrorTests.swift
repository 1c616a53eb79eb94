import Testing
@testable import Rules

/// Rule fields: durations, levels, demands, escalation order, placeholders.
@Suite struct ConfigRuleErrorTests {
    typealias F = ConfigFixture

    private func errors(replacing old: String, with new: String) -> [Diagnostic] {
        let rules = F.rules.replacingOccurrences(of: old, with: new)
        #expect(rules != F.rules, "the fixture has no '\(old)'")
        return F.load([F.rulesPath: rules]).errors
    }

    @Test func badDurationSaysTheAcceptedForms() throws {
        let found = errors(replacing: "ack_within: 10m", with: "ack_within: 10 minutes")
        let error = try #require(found.first)
        #expect(found.count == 1)
        #expect(error.location == SourceLocation(file: F.rulesPath, line: 7, column: 15))
        #expect(error.message == "'ack_within' of rule 'typhoon-orange' is not a duration: '10 minutes'")
        #expect(error.remedy == "write hours, minutes and seconds in that order, e.g. `90s`, `10m` or `1h30m`")
    }

    @Test func badWarningLevelSuggestsTheColour() throws {
        let found = errors(replacing: "\">= orange\"", with: "\">= orang\"")
        let error = try #require(found.first)
        #expect(found.count == 1)
        #expect(error.location == SourceLocation(file: F.rulesPath, line: 2, column: 32))
        #expect(error.remedy == "did you mean 'orange'?")
    }

    @Test func badResponseLevel() throws {
        let error = try #require(errors(replacing: "response: IV", with: "response: 4").first)
        #expect(error.location == SourceLocation(file: F.rulesPath, line: 15, column: 13))
        #expect(error.message == "'response' of rule 'landslide-any' is not a response level: '4'")
        #expect(error.remedy == "write IV, III, II or I")
    }

    @Test func withinMustBeALevelTheTreeUses() throws {
        let found = errors(replacing: "within: town", with: "within: towm")
        let error = try #require(found.first)
        #expect(found.count == 1)
        #expect(error.location == SourceLocation(file: F.rulesPath, line: 5, column: 50))
        #expect(error.remedy == "did you mean 'town'?")
    }

    @Test func stepsMustNotPrecedeAckWithin() throws {
        let found = errors(replacing: "{after: 10m, to: town}", with: "{after: 5m, to: town}")
        let error = try #require(found.first)
        #expect(found.count == 1)
        #expect(error.location == SourceLocation(file: F.rulesPath, line: 9, column: 7))
        #expect(error.message == "escalation step 'after: 5m' of rule 'typhoon-orange' is earlier than its ack_within 10m")
        #expect(error.remedy == "make every step's `after` at least `ack_within` (10m)")
    }

    @Test func stepsMustStrictlyIncrease() throws {
        let found = errors(replacing: "{after: 20m, to: gaoming-sanfang}", with: "{after: 10m, to: gaoming-sanfang}")
        let error = try #require(found.first)
        #expect(found.count == 1)
        #expect(error.location == SourceLocation(file: F.rulesPath, line: 10, column: 7))
        #expect(error.remedy == "list steps with strictly increasing `after` values")
    }

    @Test func ackWithinDefaultsToTheFirstStep() throws {
        let rules = F.rules.replacingOccurrences(of: "  ack_within: 10m\n", with: "")
            .replacingOccurrences(of: "{after: 10m, to: town}", with: "{after: 12m, to: town}")
        let county = try #require(F.load([F.rulesPath: rules]).county)
        #expect(county.rule(id: "typhoon-orange")?.ackWithin == ConfigDuration(seconds: 720))
    }

    @Test func onUnacknowledgedIsReassignOrReport() throws {
        let error = try #require(errors(replacing: "on_unacknowledged: reassign", with: "on_unacknowledged: reasign").first)
        #expect(error.location == SourceLocation(file: F.rulesPath, line: 11, column: 22))
        #expect(error.remedy == "did you mean 'reassign'?")
    }

    @Test func unknownPlaceholderInInstructions() throws {
        let found = errors(replacing: "请{team_name}立即集结", with: "请{team}立即集结")
        let error = try #require(found.first)
        #expect(found.count == 1)
        #expect(error.location == SourceLocation(file: F.rulesPath, line: 12, column: 17))
        #expect(error.message == "'instructions' of rule 'typhoon-orange' uses unknown placeholder '{team}'")
        #expect(error.remedy == "did you mean '{team_name}'?")
    }

    @Test func demandNamesExactlyOneOfCapabilityAndKind() {
        let both = errors(replacing: "{kind: fire-crew}", with: "{kind: fire-crew, capability: rescue}")
        #expect(both.map(\.location) == [SourceLocation(file: F.rulesPath, line: 6, column: 8)])
        #expect(both.first?.message == "a demand of rule 'typhoon-orange' names both 'capability' and 'kind'")
        let neither = errors(replacing: "{kind: fire-crew}", with: "{count: 2}")
        #expect(neither.map(\.location) == [SourceLocation(file: F.rulesPath, line: 6, column: 7)])
        #expect(neither.first?.remedy == "add `capability: evacuation` or `kind: militia`")
    }

    @Test func ruleWithoutMobilize() throws {
        let found = errors(replacing: "  mobilize:\n    - {kind: militia}\n", with: "")
        let error = try #require(found.first)
        #expect(error.location == SourceLocation(file: F.rulesPath, line: 13, column: 3))
        #expect(error.message == "rule 'landslide-any' has no 'mobilize'")
    }
}
