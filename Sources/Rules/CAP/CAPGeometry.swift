/// Plane geometry on latitude/longitude for CAP shapes, which cover at most a region: treating
/// degrees as planar coordinates is exact enough for point-in-polygon at county scale.
///
/// Invariants: a polygon is its vertices in order (a closing repeat of the first vertex is
/// allowed); points exactly on an edge may fall either way.
enum CAPGeometry {
    /// Even-odd ray casting.
    static func contains(_ polygon: [GeoPoint], _ point: GeoPoint) -> Bool {
        guard polygon.count >= 3 else { return false }
        var inside = false
        var previous = polygon[polygon.count - 1]
        for vertex in polygon {
            if (vertex.lat > point.lat) != (previous.lat > point.lat) {
                let crossingLon = vertex.lon + (point.lat - vertex.lat) / (previous.lat - vertex.lat) * (previous.lon - vertex.lon)
                if point.lon < crossingLon { inside.toggle() }
            }
            previous = vertex
        }
        return inside
    }

    /// The mean of the distinct vertices (the closing repeat dropped): a centre for display.
    static func centroid(_ polygon: [GeoPoint]) -> GeoPoint {
        var points = polygon
        if points.count > 1, points.first == points.last { points.removeLast() }
        guard !points.isEmpty else { return GeoPoint(lat: 0, lon: 0) }
        let lat = points.map(\.lat).reduce(0, +) / Double(points.count)
        let lon = points.map(\.lon).reduce(0, +) / Double(points.count)
        return GeoPoint(lat: lat, lon: lon)
    }

    /// Parses a CAP polygon, "lat,lon lat,lon …"; nil when malformed or out of range.
    static func polygon(_ text: String) -> [GeoPoint]? {
        var points: [GeoPoint] = []
        for pair in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }) {
            guard let point = point(pair) else { return nil }
            points.append(point)
        }
        return points.count >= 3 ? points : nil
    }

    /// Parses a CAP circle, "lat,lon radiusKm"; nil when malformed.
    static func circle(_ text: String) -> (centre: GeoPoint, radiusKm: Double)? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
        guard parts.count == 2, let centre = point(parts[0]), let radius = Double(parts[1]), radius >= 0 else { return nil }
        return (centre, radius)
    }

    static func point(_ pair: Substring) -> GeoPoint? {
        let numbers = pair.split(separator: ",")
        guard numbers.count == 2, let lat = Double(numbers[0]), let lon = Double(numbers[1]),
              (-90...90).contains(lat), (-180...180).contains(lon) else { return nil }
        return GeoPoint(lat: lat, lon: lon)
    }
}
