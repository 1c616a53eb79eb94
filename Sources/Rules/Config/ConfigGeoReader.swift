import Yams

/// Reads coordinates written as `{lat, lon}` mappings or `[lat, lon]` pairs.
enum ConfigGeoReader {
    static func point(_ node: Node, file: String, what: String, log: DiagnosticLog) -> GeoPoint? {
        let location = MappingFields.location(of: node, in: file)
        let remedy = "write `{lat: 22.90, lon: 112.88}` (degrees, latitude -90…90, longitude -180…180)"
        var lat: Double?, lon: Double?
        switch node {
        case .mapping:
            guard let fields = MappingFields(node, file: file, what: what, allowed: ["lat", "lon"], log: log) else { return nil }
            lat = fields.value("lat")?.float
            lon = fields.value("lon")?.float
        case .sequence(let pair) where pair.count == 2:
            lat = pair[pair.startIndex].float
            lon = pair[pair.index(after: pair.startIndex)].float
        default:
            log.error(location, "\(what) must be a coordinate, found \(node.kindName)", remedy: remedy)
            return nil
        }
        guard let lat, let lon, (-90...90).contains(lat), (-180...180).contains(lon) else {
            log.error(location, "\(what) is not a valid coordinate", remedy: remedy)
            return nil
        }
        return GeoPoint(lat: lat, lon: lon)
    }

    /// A polygon: a list of at least three points.
    static func polygon(_ node: Node, file: String, what: String, log: DiagnosticLog) -> [GeoPoint]? {
        guard case .sequence(let sequence) = node, sequence.count >= 3 else {
            log.error(MappingFields.location(of: node, in: file), "\(what) must be a list of at least three points",
                      remedy: "write `[[22.9, 112.8], [22.9, 112.9], [23.0, 112.9]]` or a list of `{lat, lon}` maps")
            return nil
        }
        var points: [GeoPoint] = []
        for item in sequence {
            guard let point = point(item, file: file, what: "a point of \(what)", log: log) else { return nil }
            points.append(point)
        }
        return points
    }
}
