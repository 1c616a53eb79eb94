/// Answers "which duty post serves this area?" and resolves escalation targets (SPEC §4).
///
/// A duty post serves its area and everything below it, so an area with no post of its own
/// is served by the nearest post above; where several posts sit at one area, the first listed
/// in the duty file serves it. Precomputed once per config: every lookup is O(1).
public struct DutyDirectory: Sendable {
    public let areas: AreaTree
    public let posts: [DutyPost]
    /// For each area index, the index into `posts` of the post serving it, if any.
    private let servingPost: [Int?]
    private let postIndexByID: [String: Int]

    public init(areas: AreaTree, posts: [DutyPost]) {
        self.areas = areas
        self.posts = posts
        var own = [Int?](repeating: nil, count: areas.count)
        for (index, post) in posts.enumerated() where post.area < areas.count && own[post.area] == nil {
            own[post.area] = index
        }
        var serving = [Int?](repeating: nil, count: areas.count)
        for index in 0..<areas.count {   // preorder: a parent is always filled before its children
            serving[index] = own[index] ?? areas[index].parent.flatMap { serving[$0] }
        }
        self.servingPost = serving
        var byID: [String: Int] = [:]
        for (index, post) in posts.enumerated() where byID[post.id] == nil { byID[post.id] = index }
        self.postIndexByID = byID
    }

    /// The post serving `area`: its own, else the nearest above.
    public func post(serving area: Int) -> Int? { servingPost[area] }

    public func post(id: String) -> Int? { postIndexByID[id] }

    /// Resolves one escalation target for an order of a team in `teamArea` on an incident in
    /// `incidentArea`. A level means the post serving the team's area at that level, or the
    /// incident's area at that level when the team sits above it; when both sit above that
    /// level, the post serving the incident's area. Nil when nothing serves it.
    public func resolve(_ target: EscalationStep.Target, teamArea: Int, incidentArea: Int) -> Int? {
        switch target {
        case .dutyPost(let id):
            return post(id: id)
        case .level(let level):
            let anchor = areas.ancestor(of: teamArea, atLevel: level)
                ?? areas.ancestor(of: incidentArea, atLevel: level)
                ?? incidentArea
            return post(serving: anchor)
        }
    }
}
