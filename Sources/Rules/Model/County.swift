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

    /// `cap:` of the main config (SPEC §3.2, §3.2.1). Every default is replaced per entry by
    /// the county's config: `cap.kinds.storm` replaces the storm patterns, `cap.levels.red` the
    /// red patterns; kinds and levels the config does not name keep their defaults.
    public struct CAPSettings: Sendable {
        public enum ExerciseHandling: String, Sendable, CaseIterable { case dispatch, ignore }

        public var languages: [String]
        public var exercise: ExerciseHandling
        /// Kind name → patterns matched against `eventCode`/`eventType` values and `event` text.
        public var kinds: [String: [String]]
        /// Level → patterns (signal names that are not colours) matched in `event` and
        /// `headline` before colour words (SPEC §3.2.1).
        public var levels: [WarningLevel: [String]]

        public init(languages: [String] = ["zh-CN", "zh", "en-US", "en"], exercise: ExerciseHandling = .dispatch,
                    kinds: [String: [String]] = CAPSettings.defaultKinds,
                    levels: [WarningLevel: [String]] = CAPSettings.defaultLevels) {
            self.languages = languages
            self.exercise = exercise
            self.kinds = kinds
            self.levels = levels
        }

        /// The common Chinese warning names of each built-in kind beside the English ones, so
        /// that the Chinese and the English info block of one alert give the same kind
        /// (docs/INPUTS.md lists them with their sources). No `eventType` codes: none could be
        /// confirmed from a published source, so a county maps its platform's codes in its config.
        public static let defaultKinds: [String: [String]] = [
            "typhoon": ["台风", "颱風", "热带气旋", "热带风暴", "风球", "Typhoon", "Hurricane", "Tropical Storm", "Tropical Cyclone"],
            "storm": ["暴雨", "强降雨", "大暴雨", "山洪", "洪水", "内涝", "洪涝", "雷雨大风", "雷暴",
                      "Rainstorm", "Heavy Rain", "Flash Flood", "Flood", "Thunderstorm"],
            "wildfire": ["森林火险", "森林（草原）火险", "森林(草原)火险", "草原火险", "山火", "森林火灾",
                         "Red Flag", "Fire Weather", "Fire"],
        ]

        /// Hong Kong Observatory and Macao SMG signals that are not colours (docs/INPUTS.md
        /// gives the source of each): tropical cyclone signals No. 1/3/8/9/10 by the wind they
        /// announce against the national typhoon colours (blue ≥ force 6, yellow ≥ 8, orange
        /// ≥ 10, red ≥ 12), and the amber and black rainstorm signals (黑色 above 红色, read as
        /// red; 黄色 and 红色 are colour words already). Patterns are written Simplified or
        /// Traditional alike: both sides are folded before matching.
        public static let defaultLevels: [WarningLevel: [String]] = [
            .white: ["一号风球", "一号戒备信号", "Standby Signal No. 1", "No. 1 Standby"],
            .blue: ["三号风球", "三号强风信号", "Strong Wind Signal No. 3", "No. 3 Strong Wind"],
            .yellow: ["八号风球", "八号烈风", "八号东北", "八号西北", "八号东南", "八号西南", "Gale or Storm Signal No. 8",
                      "No. 8 Northeast", "No. 8 Northwest", "No. 8 Southeast", "No. 8 Southwest",
                      "Amber Rainstorm"],
            .orange: ["九号风球", "九号烈风", "Increasing Gale or Storm Signal No. 9"],
            .red: ["十号风球", "十号飓风", "Hurricane Signal No. 10", "黑色暴雨", "Black Rainstorm"],
        ]
    }

    public func team(id: String) -> Team? { teams.first { $0.id == id } }
    public func dutyPost(id: String) -> DutyPost? { dutyPosts.first { $0.id == id } }
    public func rule(id: String) -> Rule? { rules.first { $0.id == id } }
}
