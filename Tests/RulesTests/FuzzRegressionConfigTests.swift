import Testing
@testable import Rules

/// Hostile config inputs tried while fuzzing `CountyLoader` (docs/FUZZING.md): YAML nested far
/// deeper than any county needs must come back as one error with a position that says what to
/// do (libyaml's own text named a C function), never as a stack overflow in the recursive
/// readers. No fuzz run has found a crasher yet; those go here too.
@Suite struct FuzzRegressionConfigTests {
    /// Loads a county whose `areas.yaml` is `areas` and whose other files are minimal and valid.
    static func load(areas: [UInt8]) -> ConfigLoadResult {
        let files: [String: [UInt8]] = [
            "/c/dispatchd.yaml": Array("spool: /s\nstate: /t\n".utf8),
            "/c/areas.yaml": areas,
            "/c/teams.yaml": [], "/c/duty.yaml": [], "/c/rules.yaml": [],
        ]
        return CountyLoader.load(configPath: "/c/dispatchd.yaml") { path in
            guard let bytes = files[path] else { throw FileMissing() }
            return bytes
        }
    }

    struct FileMissing: Error {}

    /// `prefix`, then `open` and `close` each repeated `depth` times.
    static func nested(_ prefix: String, _ open: String, _ close: String, depth: Int) -> [UInt8] {
        Array((prefix + String(repeating: open, count: depth) + String(repeating: close, count: depth)).utf8)
    }

    /// The hostile `areas.yaml` texts, by name (names keep the test output readable).
    static let deepInputs: [String: [UInt8]] = [
        "50,000 nested flow sequences": nested("", "[", "]", depth: 50_000),
        "40,000 nested flow mappings": nested("a: ", "{b: ", "}", depth: 40_000),
        "20,000 nested children lists": nested("id: x\nname: y\nchildren: ", "[{id: a, name: b, children: ", "}]", depth: 20_000),
    ]

    @Test(arguments: deepInputs.keys.sorted())
    func deepYAMLNestingIsOneSyntaxErrorWithAPosition(name: String) throws {
        let areas = try #require(Self.deepInputs[name])
        let result = Self.load(areas: areas)
        #expect(result.county == nil, "\(name)")
        let error = try #require(result.errors.first { $0.location?.file == "/c/areas.yaml" }, "\(name): \(result.errors)")
        #expect(result.errors.count == 1, "\(name): \(result.errors)")
        #expect(error.message == "YAML nested too deeply: more than 1000 levels of lists and mappings", "\(name)")
        #expect(error.remedy == "a config needs only a few levels; look for unbalanced '[' or '{' or runaway indentation")
        #expect((error.location?.line ?? 0) >= 1 && (error.location?.column ?? 0) >= 1, "\(name): \(error)")
    }
}
