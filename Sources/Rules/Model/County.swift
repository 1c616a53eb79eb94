import Foundation

/// A loaded, validated county configuration: everything the matcher and the daemon read.
///
/// Invariant: a `County` only exists after validation passed, so every reference in it
/// (team areas, rule areas, duty posts, escalation targets) resolves.
public struct County: Sendable {
    public var settings: Settings
    public var areas: AreaTree
    public var teams: [Team]
    public var dutyPosts: [DutyPost]
    public var rules: [Rule]
    /// Built-in kinds plus those the config declares.
    public var kinds: Set<String>
    /// SHA-256 (hex) over the bytes of every config file, in a fixed order: recorded with
    /// each incident so an after-action review knows which rules were in force.
    public var configHash: String
    /// The chain of a manual order without its own (`manual:`, SPEC §14).
    public var manual: Rule = ManualDefaults.standard(levels: [])

    public init(settings: Settings, areas: AreaTree, teams: [Team], dutyPosts: [DutyPost], rules: [Rule],
                kinds: Set<String>, configHash: String) {
        self.settings = settings
        self.areas = areas
        self.teams = teams
        self.dutyPosts = dutyPosts
        self.rules = rules
        self.kinds = kinds
        self.configHash = configHash
    }

    public static let builtInKinds: Set<String> = ["wildfire", "typhoon", "storm"]

    /// The main file's settings (SPEC §4), with relative paths already resolved.
    public struct Settings: Sendable {
        public var configFile: String
        public var spool: String
        public var state: String
        public var areasFile: String
        public var teamsFile: String
        public var dutyFile: String
        public var rulesFile: String
        public var maxInputBytes: Int
        public var rescanInterval: ConfigDuration
        public var timeZone: TimeZone
        public var seasons: [String: Season]
        public var postures: [ResponseLevel: String]
        public var cap: CAPSettings
        /// `authorization:` (SPEC §14); nil: every writer of the spool may do everything.
        public var authorization: Authorization?

        public init(configFile: String, spool: String, state: String, areasFile: String, teamsFile: String,
                    dutyFile: String, rulesFile: String, maxInputBytes: Int = 1_048_576,
                    rescanInterval: ConfigDuration = ConfigDuration(seconds: 30),
                    timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!,
                    seasons: [String: Season] = [:], postures: [ResponseLevel: String] = [:],
                    cap: CAPSettings = CAPSettings()) {
            self.configFile = configFile
            self.spool = spool
            self.state = state
            self.areasFile = areasFile
            self.teamsFile = teamsFile
            self.dutyFile = dutyFile
            self.rulesFile = rulesFile
            self.maxInputBytes = maxInputBytes
            self.rescanInterval = rescanInterval
            self.timeZone = timeZone
            self.seasons = seasons
            self.postures = postures
            self.cap = cap
        }
    }

    /// `cap:` of the main config (SPEC §3.2).
    public struct CAPSettings: Sendable {
        public enum ExerciseHandling: String, Sendable, CaseIterable { case dispatch, ignore }

        public var languages: [String]
        public var exercise: ExerciseHandling
        /// Kind name → patterns matched against `eventCode` values and `event` text.
        public var kinds: [String: [String]]

        public init(languages: [String] = ["zh-CN", "zh", "en-US", "en"], exercise: ExerciseHandling = .dispatch,
                    kinds: [String: [String]] = CAPSettings.defaultKinds) {
            self.languages = languages
            self.exercise = exercise
            self.kinds = kinds
        }

        public static let defaultKinds: [String: [String]] = [
            "typhoon": ["台风", "Typhoon", "Hurricane", "Tropical Storm"],
            "storm": ["暴雨", "Rainstorm", "Flash Flood", "Flood", "Thunderstorm"],
            "wildfire": ["森林火险", "山火", "Red Flag", "Fire Weather", "Fire"],
        ]
    }

    public func team(id: String) -> Team? { teams.first { $0.id == id } }
    public func dutyPost(id: String) -> DutyPost? { dutyPosts.first { $0.id == id } }
    public func rule(id: String) -> Rule? { rules.first { $0.id == id } }
}
