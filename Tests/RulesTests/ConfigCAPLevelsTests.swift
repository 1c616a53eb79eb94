import Testing
@testable import Rules

/// `cap.levels` and `cap.kinds` override their defaults entry by entry; geocodes that break the
/// containment of division codes are a `check` warning (SPEC §3.2.1, §4).
@Suite struct ConfigCAPLevelsTests {
    typealias F = ConfigFixture

    @Test func levelsReplaceTheirDefaultsOneByOne() throws {
        let main = F.main + """
            cap:
              levels:
                orange: ["八號風球", "Signal No. 8"]
                yellow: []
              kinds:
                storm: ["暴雨"]

            """
        let result = F.load([F.mainPath: main])
        let cap = try #require(result.county?.settings.cap, "\(result.diagnostics)")
        #expect(cap.levels[.orange] == ["八號風球", "Signal No. 8"])
        #expect(cap.levels[.yellow] == [])
        #expect(cap.levels[.red] == County.CAPSettings.defaultLevels[.red])
        #expect(cap.kinds["storm"] == ["暴雨"])
        #expect(cap.kinds["typhoon"] == County.CAPSettings.defaultKinds["typhoon"])
    }

    @Test func anUnknownLevelSaysWhereAndWhat() throws {
        let main = F.main + "cap:\n  levels:\n    amber: [\"黄色暴雨\"]\n"
        let result = F.load([F.mainPath: main])
        let error = try #require(result.errors.first)
        #expect(error.location == SourceLocation(file: F.mainPath, line: 14, column: 5))
        #expect(error.message == "'amber' in 'cap.levels' is not a warning level")
        #expect(error.remedy != nil)
    }

    @Test func aChildCodeOutsideItsParentIsAWarningAtItsPosition() throws {
        let areas = F.areas.replacingOccurrences(of: "name: 高明区\n", with: "name: 高明区\ngeocodes: [\"440608\"]\n")
            .replacingOccurrences(of: "geocodes: [\"440608101\"]", with: "geocodes: [\"440605101\"]")
        let result = F.load([F.areasPath: areas])
        #expect(result.errors.isEmpty)
        let warning = try #require(result.warnings.first { $0.message.contains("440605101") })
        #expect(warning.location == SourceLocation(file: F.areasPath, line: 8, column: 16))
        #expect(warning.message.hasPrefix("geocode 440605101 of area 'gaoming/yanghe' lies outside its parent 'gaoming' (440608)"))
        #expect(warning.remedy?.contains("440608") == true)
        // Consistent codes: no warning.
        let consistent = F.areas.replacingOccurrences(of: "name: 高明区\n", with: "name: 高明区\ngeocodes: [\"440608\"]\n")
        #expect(!F.load([F.areasPath: consistent]).warnings.contains { $0.message.contains("lies outside") })
    }
}
