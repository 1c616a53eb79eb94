import Testing
@testable import Rules

@Suite struct ConfigPathsTests {
    @Test(arguments: [
        ("spool", "config/dispatchd.yaml", "config/spool"),
        ("../var/spool", "config/dispatchd.yaml", "var/spool"),
        ("./areas.yaml", "/etc/dispatchd/dispatchd.yaml", "/etc/dispatchd/areas.yaml"),
        ("../../x", "a/dispatchd.yaml", "../x"),
        ("/var/lib/dispatchd", "config/dispatchd.yaml", "/var/lib/dispatchd"),
        ("../../../x", "/etc/d.yaml", "/x"),
    ])
    func resolvesAndNormalizes(reference: String, namingFile: String, expected: String) {
        #expect(ConfigPaths.resolve(reference, relativeTo: namingFile) == expected)
    }
}
