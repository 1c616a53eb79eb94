import Foundation

/// Maps one CAP `<area>` block onto the county's area tree (SPEC §3.2), in this order, the
/// first that matches anything wins:
///
/// 1. `geocode` values against the `geocodes` of configured areas, exactly. A GB/T 35965.1
///    9-digit town or 12-digit village code that begins with a configured code (6-digit county,
///    9-digit town) maps to the area with the longest such prefix (the deepest configured one),
///    so `440608100203` reaches 杨和镇 (`440608100`) when the village is not configured.
/// 2. `areaDesc` against area names: the full name from the root (高明区杨和镇), or an area's
///    own name appearing in the text. A name shared by several areas (第一网格) counts only
///    where the text also names one of its ancestors. The most specific areas are kept: an
///    area named only as the context of a deeper one is dropped.
/// 3. `polygon` ("lat,lon lat,lon …", point in polygon) and `circle` ("lat,lon radiusKm",
///    great-circle distance) against area locations: an area is covered when its location
///    lies inside and every child with a location is covered too; the outermost covered areas
///    are kept. When none is covered, the deepest area whose configured polygon contains the
///    CAP shape's centre is used.
///
/// Nothing matched: no areas (the incident is accepted and logged as outside the county).
struct CAPAreaMatcher {
    let tree: AreaTree

    struct Shape {
        var polygons: [[GeoPoint]]
        var circles: [(centre: GeoPoint, radiusKm: Double)]
    }

    func match(geocodes: [(name: String, value: String)], areaDesc: String, shape: Shape) -> (indices: [Int], how: String) {
        let byGeocode = self.byGeocode(geocodes)
        if !byGeocode.indices.isEmpty { return byGeocode }
        let byName = self.byName(areaDesc)
        if !byName.isEmpty { return (byName, "areaDesc names them") }
        if let byShape = self.byShape(shape) { return byShape }
        var tried: [String] = []
        if !geocodes.isEmpty { tried.append("geocodes \(geocodes.map { "\($0.name) \($0.value)" }.joined(separator: ", "))") }
        if !areaDesc.isEmpty { tried.append("areaDesc") }
        if !shape.polygons.isEmpty { tried.append("\(shape.polygons.count) polygon(s)") }
        if !shape.circles.isEmpty { tried.append("\(shape.circles.count) circle(s)") }
        return ([], "no configured area matches " + (tried.isEmpty ? "(the block names no place)" : tried.joined(separator: ", ")))
    }

    private func byGeocode(_ geocodes: [(name: String, value: String)]) -> (indices: [Int], how: String) {
        var found: [Int] = []
        var reasons: [String] = []
        for (_, value) in geocodes {
            let exact = tree.areas.indices.filter { tree[$0].geocodes.contains(value) }
            if !exact.isEmpty {
                found += exact
                reasons.append("geocode \(value)")
                continue
            }
            guard value.count == 9 || value.count == 12, value.allSatisfy(\.isASCII), value.allSatisfy(\.isNumber) else { continue }
            var best: (length: Int, depth: Int, index: Int)? = nil
            for index in tree.areas.indices {
                for code in tree[index].geocodes where code.count >= 6 && code.count < value.count && value.hasPrefix(code) {
                    if best == nil || (code.count, tree[index].depth) > (best!.length, best!.depth) {
                        best = (code.count, tree[index].depth, index)
                    }
                }
            }
            if let best {
                found.append(best.index)
                reasons.append("geocode \(value) begins with \(tree[best.index].name)'s \(value.prefix(best.length))")
            }
        }
        return (Array(Set(found)).sorted(), reasons.joined(separator: "; "))
    }

    private func byName(_ text: String) -> [Int] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return [] }
        var nameCounts: [String: Int] = [:]
        for area in tree.areas { nameCounts[area.name, default: 0] += 1 }
        func named(_ index: Int) -> Bool {
            let name = tree[index].name
            guard name.count >= 2, let range = trimmed.range(of: name, options: .caseInsensitive) else { return false }
            return !name.allSatisfy(\.isASCII) || CAPClassifier.isWordBoundary(trimmed, range)
        }
        var matched: [Int] = []
        for index in tree.areas.indices {
            if trimmed.contains(tree.fullName(of: index)) {
                matched.append(index)
                continue
            }
            guard named(index) else { continue }
            if nameCounts[tree[index].name, default: 0] > 1 {
                guard tree.lineage(of: index).dropFirst().contains(where: { named($0) }) else { continue }
            }
            matched.append(index)
        }
        let unique = Array(Set(matched)).sorted()
        // Keep the most specific: drop an area when a deeper matched area lies below it.
        return unique.filter { outer in !unique.contains { $0 != outer && tree.contains(outer, $0) } }
    }

    private func byShape(_ shape: Shape) -> (indices: [Int], how: String)? {
        guard !shape.polygons.isEmpty || !shape.circles.isEmpty else { return nil }
        func inside(_ point: GeoPoint) -> Bool {
            shape.polygons.contains { CAPGeometry.contains($0, point) }
                || shape.circles.contains { point.distanceKm(to: $0.centre) <= $0.radiusKm }
        }
        var covered = [Bool](repeating: false, count: tree.count)
        for index in tree.areas.indices.reversed() {
            let area = tree[index]
            let children = area.children.filter { tree[$0].location != nil || !tree[$0].children.isEmpty }
            let childrenCovered = children.allSatisfy { covered[$0] }
            if let location = area.location {
                covered[index] = inside(location) && childrenCovered
            } else {
                covered[index] = !children.isEmpty && childrenCovered
            }
        }
        let how = shape.polygons.isEmpty ? "circle covers their locations" : "polygon covers their locations"
        let outermost = tree.areas.indices.filter { covered[$0] && !(tree[$0].parent.map { covered[$0] } ?? false) }
        if !outermost.isEmpty { return (outermost, how) }
        let centres = shape.polygons.map(CAPGeometry.centroid) + shape.circles.map(\.centre)
        let containing = tree.areas.indices.filter { index in
            guard let polygon = tree[index].polygon, polygon.count >= 3 else { return false }
            return centres.contains { CAPGeometry.contains(polygon, $0) }
        }
        if let deepest = containing.max(by: { tree[$0].depth < tree[$1].depth }) {
            return ([deepest], "the shape's centre lies inside its configured polygon")
        }
        return nil
    }
}
