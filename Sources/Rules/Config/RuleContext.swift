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

    /// Level names the tree uses (for `within` and escalation `to`).
    var levelNames: [String] { tree?.levelNames ?? [] }
}
