import Foundation

/// Maps one CAP `<area>` block onto the county's area tree (SPEC §3.2, §3.2.1), in this order,
/// the first that matches anything wins:
///
/// 1. `geocode` values against the `geocodes` of configured areas, exactly. Then, for a 9- or
///    12-digit division code (`DivisionCode`), by containment: a unit that contains configured
///    areas' codes (the county's city or province, or the county itself) covers the outermost
///    of them (the whole county when the root has its code); a unit inside a configured code
///    covers the deepest configured area whose code contains it, so `440608100203` reaches
///    杨和镇 (`440608100`) when the village is not configured. 6-digit values match exactly
///    only (they may be US FIPS codes).
/// 2. `areaDesc` against area names (both sides folded from Traditional to Simplified): the
///    full name from the root (高明区杨和镇), or an area's own name appearing in the text, or
///    one of the text's places (split on commas, `、`, `;` and spaces) equal to an area's name
///    without its administrative suffix (高明 ↔ 高明区, 杨和 ↔ 杨和镇). A name shared by several
///    areas (第一网格) counts only where the text also names one of its ancestors. The most
///    specific areas are kept: an area named only as the context of a deeper one is dropped.
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
        // The configured division codes, read once per block and only when a code needs containment.
        var coded: [(index: Int, code: DivisionCode)]? = nil
        for (_, value) in geocodes {
            let exact = tree.areas.indices.filter { tree[$0].geocodes.contains(value) }
            if !exact.isEmpty {
                found += exact
                reasons.append("geocode \(value)")
                continue
            }
            guard value.utf8.count == 9 || value.utf8.count == 12, let unit = DivisionCode(value) else { continue }
            if coded == nil {
                coded = tree.areas.indices.flatMap { index in
                    tree[index].geocodes.compactMap(DivisionCode.init).map { (index: index, code: $0) }
                }
            }
            let coded = coded ?? []
            // A unit containing configured codes (the county's city or province): the outermost of them.
            let covered = coded.filter { unit.contains($0.code) }
            let outermost = covered.filter { inner in !covered.contains { $0.index != inner.index && tree.contains($0.index, inner.index) } }
            if !outermost.isEmpty {
                found += outermost.map(\.index)
                let names = outermost.map { "\(tree[$0.index].name)'s \($0.code.digits.prefix($0.code.significantDigits))" }
                reasons.append("geocode \(value) (a \(unit.rank)) contains \(names.joined(separator: ", "))")
                continue
            }
            // A unit inside a configured code: the deepest area whose code contains it.
            let containing = coded.filter { $0.code.contains(unit) }
            if let best = containing.max(by: { ($0.code.significantDigits, tree[$0.index].depth) < ($1.code.significantDigits, tree[$1.index].depth) }) {
                found.append(best.index)
                reasons.append("geocode \(value) lies inside \(tree[best.index].name)'s \(best.code.digits.prefix(best.code.significantDigits))")
            }
        }
        return (Array(Set(found)).sorted(), reasons.joined(separator: "; "))
    }

    private func byName(_ text: String) -> [Int] {
        let trimmed = ChineseFolding.fold(text.trimmingCharacters(in: .whitespacesAndNewlines))
        guard !trimmed.isEmpty else { return [] }
        let names = tree.areas.map { ChineseFolding.fold($0.name) }
        var nameCounts: [String: Int] = [:]
        for name in names { nameCounts[name, default: 0] += 1 }
        let places = Set(trimmed.split(whereSeparator: { ",，、;；".contains($0) || $0.isWhitespace }).map(String.init))
        func named(_ index: Int) -> Bool {
            let name = names[index]
            if let short = Self.withoutSuffix(name), places.contains(short) { return true }
            guard name.count >= 2, let range = trimmed.range(of: name, options: .caseInsensitive) else { return false }
            return !name.allSatisfy(\.isASCII) || CAPClassifier.isWordBoundary(trimmed, range)
        }
        var matched: [Int] = []
        for index in tree.areas.indices {
            if trimmed.contains(ChineseFolding.fold(tree.fullName(of: index))) {
                matched.append(index)
                continue
            }
            guard named(index) else { continue }
            if nameCounts[names[index], default: 0] > 1 {
                guard tree.lineage(of: index).dropFirst().contains(where: { named($0) }) else { continue }
            }
            matched.append(index)
        }
        let unique = Array(Set(matched)).sorted()
        // Keep the most specific: drop an area when a deeper matched area lies below it.
        return unique.filter { outer in !unique.contains { $0 != outer && tree.contains(outer, $0) } }
    }

    /// Administrative suffixes, longest first (folded, so Traditional names lose them too).
    static let suffixes = ["自治州", "自治县", "自治区", "特别行政区", "街道办事处", "街道", "社区", "居委会", "村委会",
                           "省", "市", "区", "县", "镇", "乡", "村", "旗", "盟"]

    /// A Chinese name without its administrative suffix (高明区 → 高明), when at least two
    /// characters remain; nil otherwise.
    static func withoutSuffix(_ name: String) -> String? {
        for suffix in suffixes where name.hasSuffix(suffix) && name.count - suffix.count >= 2 {
            return String(name.dropLast(suffix.count))
        }
        return nil
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
