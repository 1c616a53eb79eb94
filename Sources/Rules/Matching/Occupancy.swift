/// What the matcher must know about orders already open, so it fills only gaps and never
/// exceeds a team's capacity. Empty for a dry run (`dispatchd plan`).
public struct Occupancy: Sendable {
    /// Units of capacity held by open real (non-exercise) orders, per team id.
    public var realLoad: [String: Int]
    /// Open exercise orders per team id (order ids, oldest first): they hold capacity against
    /// other exercises only; a real demand may take the team, preempting the newest.
    public var exerciseOrders: [String: [String]]
    /// Open orders of this incident per demand: they count toward the demand.
    public var openByDemand: [DemandKey: [String]]
    /// Teams already serving this incident (never picked twice for one incident).
    public var teamsOnIncident: Set<String>
    /// Teams that declined or failed this incident (never picked again for it).
    public var excluded: Set<String>

    public init(realLoad: [String: Int] = [:], exerciseOrders: [String: [String]] = [:],
                openByDemand: [DemandKey: [String]] = [:], teamsOnIncident: Set<String> = [],
                excluded: Set<String> = []) {
        self.realLoad = realLoad
        self.exerciseOrders = exerciseOrders
        self.openByDemand = openByDemand
        self.teamsOnIncident = teamsOnIncident
        self.excluded = excluded
    }

    public static let empty = Occupancy()
}
