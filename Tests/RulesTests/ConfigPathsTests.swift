import Testing
@testable import Rules

/// Relative paths are relative to the file that names them; missing files are reported where
/// they are named, or at the top of the main file when the default is used.
@Suite struct ConfigPathsTests {
    @Test(arguments: [
        ("areas.yaml", "/etc/dispatchd/dispatchd.yaml", "/etc/dispatchd/areas.yaml"),
        ("./conf/areas.yaml", "/etc/dispatchd/dispatchd.yaml", "/etc/dispatchd/conf/areas.yaml"),
        ("/srv/areas.yaml", "/etc/dispatchd/dispatchd.yaml", "/srv/areas.yaml"),
        ("areas.yaml", "dispatchd.yaml", "areas.yaml"),
        ("areas.yaml", "/dispatchd.yaml", "/areas.yaml"),
    ])
    func resolvesAgainstTheNamingFile(reference: String, namingFile: String, expected: String) {
        #expect(ConfigPaths.resolve(reference, relativeTo: namingFile) == expected)
    }

    @Test(arguments: [
        ("../var/spool", "config/dispatchd.yaml", "var/spool"),
        ("../../x", "a/dispatchd.yaml", "../x"),
        ("../../../x", "/etc/d.yaml", "/x"),
        ("a/./b/../c", "/etc/d.yaml", "/etc/a/c"),
    ])
    func foldsDotDotLexically(reference: String, namingFile: String, expected: String) {
        #expect(ConfigPaths.resolve(reference, relativeTo: namingFile) == expected)
    }

    @Test func missingMainFile() throws {
        let result = CountyLoader.load(configPath: "/nowhere/dispatchd.yaml") { throw ConfigFixture.Missing(path: $0) }
        #expect(result.county == nil)
        #expect(result.diagnostics.map(\.description)
            == ["error: cannot read main config '/nowhere/dispatchd.yaml' (No such file); check the path given with --config or $DISPATCHD_CONFIG"])
    }

    @Test func missingDefaultFileIsReportedAtTheTopOfTheMainFile() throws {
        let main = ConfigFixture.main.replacingOccurrences(of: "duty: conf/duty.yaml\n", with: "")
        let error = try #require(ConfigFixture.load([ConfigFixture.mainPath: main]).errors.first)
        #expect(error.location == SourceLocation(file: ConfigFixture.mainPath, line: 1, column: 1))
        #expect(error.message == "cannot read duty file '/etc/dispatchd/duty.yaml' (No such file)")
        #expect(error.remedy?.contains("add `duty: PATH`") == true)
    }
}
