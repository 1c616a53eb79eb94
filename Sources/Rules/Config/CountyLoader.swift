/// Reads and validates a county's configuration (SPEC §4): the engine of `dispatchd check`,
/// start-up and `SIGHUP` reload.
///
/// Invariants:
/// - Pure: every byte comes through the injected `read`, so `Rules` makes no syscalls and
///   tests run on in-memory files. Paths named in a file are relative to that file's directory.
/// - All errors in one run: each file is read and checked even when another failed; checks
///   that need a broken file's content are skipped rather than reported twice.
/// - `ConfigLoadResult.county` is non-nil exactly when there is no error (warnings allowed),
///   so a `County` is always fully resolved and a failed reload changes nothing.
/// - `configHash` is SHA-256 over main, areas, teams, duty and rules bytes, in that order, each
///   preceded by its length as 8 bytes big-endian.
public enum CountyLoader {
    public static func load(configPath: String, read: (String) throws -> [UInt8]) -> ConfigLoadResult {
        let log = DiagnosticLog()
        guard let mainBytes = readFile(configPath, read: read, what: "main config", at: nil,
                                       remedy: "check the path given with --config or $DISPATCHD_CONFIG", log: log) else {
            return ConfigLoadResult(county: nil, diagnostics: log.diagnostics)
        }
        let main = MainConfig(document: YAMLDocument(file: configPath, bytes: mainBytes, log: log), log: log)
        let settings = main.settings
        func load(_ key: String, _ path: String) -> (bytes: [UInt8], document: YAMLDocument)? {
            let named = main.fileKeyLocations[key]
            let remedy = named == nil
                ? "the main file has no `\(key):`, so the default beside it is used; create it or add `\(key): PATH`"
                : "check the path"
            guard let bytes = readFile(path, read: read, what: "\(key) file", at: named ?? SourceLocation(file: configPath, line: 1, column: 1),
                                       remedy: remedy, log: log) else { return nil }
            return (bytes, YAMLDocument(file: path, bytes: bytes, log: log))
        }
        let areasFile = load("areas", settings.areasFile)
        let teamsFile = load("teams", settings.teamsFile)
        let dutyFile = load("duty", settings.dutyFile)
        let rulesFile = load("rules", settings.rulesFile)

        let tree = areasFile.flatMap { AreasReader.read($0.document, log: log) }
        var declared = RosterReader.DeclaredNames()
        let teams = teamsFile.map { RosterReader.teams($0.document, tree: tree, declared: &declared, log: log) } ?? []
        let errorsBeforeDuty = log.errorCount
        let posts = dutyFile.map { RosterReader.dutyPosts($0.document, tree: tree, declared: &declared, log: log) } ?? []
        // Coverage against a partial duty list would only repeat the duty file's errors.
        let dutyComplete = dutyFile?.document.root != nil && log.errorCount == errorsBeforeDuty
        let kinds = County.builtInKinds.union(main.declaredKinds)
        let context = RuleContext(
            tree: tree, incidentKinds: kinds, seasons: main.seasonNames, dutyPostIDs: declared.dutyPostIDs,
            teamCapabilities: declared.capabilities, teamKinds: declared.kinds,
            teamsKnown: teamsFile?.document.root != nil || teamsFile?.document.isEmpty == true,
            dutyKnown: dutyFile?.document.root != nil || dutyFile?.document.isEmpty == true)
        let rules = rulesFile.map { RulesReader(file: $0.document.file, context: context, log: log).read($0.document) } ?? []
        let manual = ManualDefaultsReader(file: configPath, context: context, log: log).read(main.manualNode)
        if let tree, dutyComplete {
            var coverage = RuleCoverage(tree: tree, posts: posts, teams: teams, log: log)
            coverage.check(rules, warn: rulesFile?.document.root != nil || rulesFile?.document.isEmpty == true)
            if main.manualNode != nil { coverage.check([manual], warn: false) }
        }

        guard log.errorCount == 0, let tree, let areasFile, let teamsFile, let dutyFile, let rulesFile else {
            return ConfigLoadResult(county: nil, diagnostics: log.diagnostics)
        }
        let hash = configHash([mainBytes, areasFile.bytes, teamsFile.bytes, dutyFile.bytes, rulesFile.bytes])
        var county = County(settings: settings, areas: tree, teams: teams, dutyPosts: posts, rules: rules,
                            kinds: kinds, configHash: hash)
        county.manual = manual
        return ConfigLoadResult(county: county, diagnostics: log.diagnostics)
    }

    /// SHA-256 hex over each file's length (8 bytes, big-endian) followed by its bytes.
    static func configHash(_ files: [[UInt8]]) -> String {
        var hasher = SHA256()
        for bytes in files {
            let length = UInt64(bytes.count)
            hasher.update((0..<8).map { UInt8(truncatingIfNeeded: length >> UInt64(56 - 8 * $0)) })
            hasher.update(bytes)
        }
        return hasher.finalize().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    private static func readFile(_ path: String, read: (String) throws -> [UInt8], what: String,
                                 at location: SourceLocation?, remedy: String, log: DiagnosticLog) -> [UInt8]? {
        do {
            return try read(path)
        } catch {
            log.error(location, "cannot read \(what) '\(path)' (\(error))", remedy: remedy)
            return nil
        }
    }
}
