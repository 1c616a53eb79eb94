/// What the rules file may refer to: the names declared by the other files.
struct RuleContext {
    var tree: AreaTree? {
        didSet { levelNames = tree?.levelNames ?? [] }
    }
    /// Incident kinds: built in plus declared.
    var incidentKinds: Set<String>
    var seasons: Set<String>
    var dutyPostIDs: Set<String>
    /// Capabilities and kinds that some team has.
    var teamCapabilities: Set<String>
    var teamKinds: Set<String>
    /// False when the teams file could not be read or parsed: demands are then not checked.
    var teamsKnown: Bool
    /// False when the duty file could not be read or parsed: post ids are then not checked.
    var dutyKnown: Bool

    /// Level names the tree uses (for `within` and escalation `to`), computed once: the
    /// tree's own property sorts every area.
    private(set) var levelNames: [String] = []

    init(tree: AreaTree?, incidentKinds: Set<String>, seasons: Set<String>, dutyPostIDs: Set<String>,
         teamCapabilities: Set<String>, teamKinds: Set<String>, teamsKnown: Bool, dutyKnown: Bool) {
        self.tree = tree
        self.levelNames = tree?.levelNames ?? []
        self.incidentKinds = incidentKinds
        self.seasons = seasons
        self.dutyPostIDs = dutyPostIDs
        self.teamCapabilities = teamCapabilities
        self.teamKinds = teamKinds
        self.teamsKnown = teamsKnown
        self.dutyKnown = dutyKnown
    }
}
