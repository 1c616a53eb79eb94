/// The county's administrative tree (district → town → village → grid), flattened in preorder.
///
/// Invariants: `areas[0]` is the root; an area's subtree is the contiguous index range
/// `index ..< areas[index].subtreeEnd`, so "is X inside Y" and "all teams below Y" are range
/// checks; `depth` of the root is 0; paths are unique.
public struct AreaTree: Sendable {
    public struct Area: Sendable, Hashable {
        public var id: String
        public var name: String
        /// The level name: declared, or by depth `district`, `town`, `village`, `grid`.
        public var level: String
        /// Ids from the root down joined by `/`, e.g. `gaoming/yanghe/shishui`.
        public var path: String
        public var geocodes: [String]
        public var location: GeoPoint?
        public var polygon: [GeoPoint]?
        public var parent: Int?
        public var children: [Int]
        public var depth: Int
        /// One past the last index of this area's subtree.
        public var subtreeEnd: Int
        /// Where the area is declared, for diagnostics.
        public var declaredAt: SourceLocation?

        public init(id: String, name: String, level: String, path: String, geocodes: [String] = [],
                    location: GeoPoint? = nil, polygon: [GeoPoint]? = nil, parent: Int?, children: [Int] = [],
                    depth: Int, subtreeEnd: Int, declaredAt: SourceLocation? = nil) {
            self.id = id
            self.name = name
            self.level = level
            self.path = path
            self.geocodes = geocodes
            self.location = location
            self.polygon = polygon
            self.parent = parent
            self.children = children
            self.depth = depth
            self.subtreeEnd = subtreeEnd
            self.declaredAt = declaredAt
        }
    }

    /// The level names a tree gets by depth when an area declares none.
    public static let defaultLevels = ["district", "town", "village", "grid"]

    public private(set) var areas: [Area]
    public private(set) var indexByPath: [String: Int]
    public private(set) var indicesByID: [String: [Int]]

    /// Builds the indices. `areas` must be in preorder with correct `parent`, `depth`,
    /// `subtreeEnd` and `children`; `AreaTreeBuilder` produces exactly that.
    public init(preorder areas: [Area]) {
        self.areas = areas
        var byPath: [String: Int] = [:]
        var byID: [String: [Int]] = [:]
        for (index, area) in areas.enumerated() {
            byPath[area.path] = index
            byID[area.id, default: []].append(index)
        }
        self.indexByPath = byPath
        self.indicesByID = byID
    }

    public var root: Area { areas[0] }
    public var count: Int { areas.count }
    public subscript(index: Int) -> Area { areas[index] }

    /// The level names that occur in the tree, in order of first appearance by depth.
    public var levelNames: [String] {
        var seen: [String] = []
        for area in areas.sorted(by: { $0.depth < $1.depth }) where !seen.contains(area.level) {
            seen.append(area.level)
        }
        return seen
    }

    /// Resolves a reference written in config or an incident: a full path (`gaoming/yanghe`),
    /// a path relative to the root (`yanghe/shishui`), or an id that is unique in the tree.
    public func resolve(_ reference: String) -> Int? {
        if let index = indexByPath[reference] { return index }
        if let index = indexByPath[root.id + "/" + reference] { return index }
        if let matches = indicesByID[reference], matches.count == 1 { return matches[0] }
        return nil
    }

    /// True when `inner` is `outer` or lies below it.
    public func contains(_ outer: Int, _ inner: Int) -> Bool {
        inner >= outer && inner < areas[outer].subtreeEnd
    }

    /// Ancestors from `index` itself up to the root.
    public func lineage(of index: Int) -> [Int] {
        var result = [index]
        var current = index
        while let parent = areas[current].parent {
            result.append(parent)
            current = parent
        }
        return result
    }

    /// The area at `level` on the way from `index` to the root (`index` itself included);
    /// nil when the lineage has no area of that level (for example `index` sits above it).
    public func ancestor(of index: Int, atLevel level: String) -> Int? {
        lineage(of: index).first { areas[$0].level == level }
    }

    /// The full name from the root down, e.g. 高明区杨和镇石水村.
    public func fullName(of index: Int) -> String {
        lineage(of: index).reversed().map { areas[$0].name }.joined()
    }

    /// The nearest area with a location, from `index` up.
    public func location(of index: Int) -> GeoPoint? {
        for area in lineage(of: index) {
            if let location = areas[area].location { return location }
        }
        return nil
    }
}
