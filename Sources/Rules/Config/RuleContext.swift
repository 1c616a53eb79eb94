/// What the rules file may refer to: the names declared by the other files.
struct RuleContext {
    var tree: AreaTree?
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

    /// Level names the tree uses (for `within` and escalation `to`).
    var levelNames: [String] { tree?.levelNames ?? [] }
}
