/// The teams that have one capability (or one kind), ordered by their home area's preorder
/// index, so the teams inside any area's subtree form one contiguous run found by two binary
/// searches (`AreaTree` subtrees are index ranges).
///
/// Invariant: `areas` is sorted ascending and `areas[i]` is the home area of `teams[i]`;
/// ties (several teams in one area) keep the roster order.
struct TeamSlice: Sendable {
    private(set) var teams: [Int32] = []
    private(set) var areas: [Int32] = []

    init() {}

    /// Builds a slice from team indices and their home areas, in any order.
    init(members: [(team: Int, area: Int)]) {
        let sorted = members.sorted { ($0.area, $0.team) < ($1.area, $1.team) }
        teams = sorted.map { Int32($0.team) }
        areas = sorted.map { Int32($0.area) }
    }

    var count: Int { teams.count }

    /// Positions in this slice of the teams whose home area lies in `subtree` (an area index
    /// range `root ..< subtreeEnd`).
    func positions(in subtree: Range<Int>) -> Range<Int> {
        lowerBound(subtree.lowerBound) ..< lowerBound(subtree.upperBound)
    }

    /// The first position whose area index is at least `area`.
    private func lowerBound(_ area: Int) -> Int {
        var low = 0, high = areas.count
        let target = Int32(truncatingIfNeeded: area)
        while low < high {
            let middle = (low + high) / 2
            if areas[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
