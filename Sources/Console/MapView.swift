import Catalogue
import Dispatcher
import Foundation
import Rules

/// The county drawn as SVG from the config alone (SPEC §17: no tiles, no outside resource):
/// areas with a polygon as shapes, areas with only a location as dots (towns large, villages
/// small), coloured by the effective mode (emergency by response level); incidents as
/// triangles at their location or their first area's. The projection is equirectangular,
/// with longitude scaled by cos(latitude), fitted into a fixed 1000-wide viewBox.
struct MapView {
    let model: BoardModel
    let language: Language

    func render() -> String {
        let areas = model.county.areas
        var points: [GeoPoint] = []
        for index in 0..<areas.count {
            if let polygon = areas[index].polygon { points += polygon }
            if let location = areas[index].location { points.append(location) }
        }
        guard let minLat = points.map(\.lat).min(), let maxLat = points.map(\.lat).max(),
              let minLon = points.map(\.lon).min(), let maxLon = points.map(\.lon).max() else {
            return "<p class=\"empty\">\(language(.consoleNoAreaLocationsInThe))</p>"
        }
        let scaleX = cos((minLat + maxLat) / 2 * .pi / 180)
        let spanX = max((maxLon - minLon) * scaleX, 1e-6), spanY = max(maxLat - minLat, 1e-6)
        let width = 1000.0, margin = 90.0
        let scale = (width - 2 * margin) / max(spanX, spanY * 1.0)
        let height = min(max(spanY * scale + 2 * margin, 560), 1000)
        func x(_ p: GeoPoint) -> Double { margin + (p.lon - minLon) * scaleX * scale }
        func y(_ p: GeoPoint) -> Double { height - margin - (p.lat - minLat) * scale }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }

        let modes = StatusDocument(snapshot: model.snapshot, county: model.county, now: model.now).effectiveModes()
        func tone(_ index: Int) -> String {
            guard let level = modes[index].level else { return "peace" }
            return "resp-\(level.name)"
        }
        var svg = "<svg class=\"county-map\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(HTML.escape(areas[0].name))\">"
        for index in 0..<areas.count {
            guard let polygon = areas[index].polygon, polygon.count >= 3 else { continue }
            let path = polygon.map { "\(f(x($0))),\(f(y($0)))" }.joined(separator: " ")
            svg += "<polygon class=\"area \(tone(index))\" points=\"\(path)\"><title>\(HTML.escape(areas.fullName(of: index)))</title></polygon>"
        }
        // Dots deepest first, so towns are drawn over their villages.
        for index in (0..<areas.count).sorted(by: { areas[$0].depth > areas[$1].depth }) {
            let area = areas[index]
            guard area.polygon == nil, let location = area.location, area.depth > 0 else { continue }
            let radius = area.depth == 1 ? 48.0 : (area.depth == 2 ? 20.0 : 9.0)
            svg += "<circle class=\"area \(tone(index)) depth-\(min(area.depth, 3))\" cx=\"\(f(x(location)))\" cy=\"\(f(y(location)))\" r=\"\(f(radius))\"><title>\(HTML.escape(areas.fullName(of: index)))</title></circle>"
        }
        for index in 0..<areas.count where areas[index].depth == 1 {
            guard let location = areas[index].location else { continue }
            svg += "<text class=\"label\" x=\"\(f(x(location)))\" y=\"\(f(y(location) - 58))\">\(HTML.escape(areas[index].name))</text>"
        }
        for incident in model.incidents {
            let first = incident.areas.first.flatMap { areas.indexByPath[$0] }
            guard let point = incident.location ?? first.flatMap({ areas.location(of: $0) }) else { continue }
            let (cx, cy) = (x(point), y(point))
            svg += "<polygon class=\"incident-marker level-\(HTML.escape(incident.level))\" points=\"\(f(cx)),\(f(cy - 34)) \(f(cx - 28)),\(f(cy + 18)) \(f(cx + 28)),\(f(cy + 18))\"><title>\(HTML.escape(incident.title))</title></polygon>"
        }
        svg += "</svg>"
        svg += "<ul class=\"legend\"><li><i class=\"peace\"></i>\(language(.consolePeacetime))</li>"
        for level in ResponseLevel.allCases {
            svg += "<li><i class=\"resp-\(level.name)\"></i>\(language.response(level.name))</li>"
        }
        return svg + "</ul>"
    }
}
