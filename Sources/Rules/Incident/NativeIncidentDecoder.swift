import Foundation

/// Decodes a native JSON incident file (SPEC §3.1) into an `IncidentMessage`.
///
/// Invariants:
/// - Required for `alert` and `update`: `id`, `kind`, `level`, `area` (a string) or `areas` (a
///   non-empty list of strings, not both), `sent`. `msg_type` defaults to `alert`.
/// - A `cancel` or `close` names its incident by `id` and `sent` only: `kind`, `level` and
///   `area`/`areas` may be left out, and then the message carries `kind == nil`,
///   `level == .white` and no areas; the dispatch core takes the real values from the
///   incident's alert. When given, they are checked like any other field.
/// - Optional: `title`, `description` (default ""), `expires`, `source`, `exercise` (default
///   false), `location` `{lat −90…90, lon −180…180}`. An explicit `null` means absent.
/// - `id` is a non-empty string without control characters. Unknown fields are ignored. Times need an offset. `expires` may not precede `sent`.
/// - `incidentID` is `id`; `inputKey` is `id|msg_type|sent` with `sent` as written (SPEC §3.3).
/// - Every refusal is an `InputError` at the offending value, or at the object for a missing
///   field, with a remedy.
public enum NativeIncidentDecoder {
    public static func decode(_ bytes: [UInt8], knownKinds: Set<String>) throws(InputError) -> IncidentMessage {
        let root = try JSONParser.parse(bytes)
        let fields = try JSONFieldReader(root, name: "the incident",
                                         remedy: "write the incident as one JSON object (SPEC §3.1)")
        let id = try fields.requiredIdentifier("id", remedy: "add `id`, the incident's identifier, e.g. \"GM-20240906-0001\"")
        let msgType = try messageType(fields)
        let needsDetails = msgType == .alert || msgType == .update
        let kind = try self.kind(fields, knownKinds: knownKinds, required: needsDetails)
        let level = try self.level(fields, required: needsDetails) ?? .white
        let areas = try self.areas(fields, required: needsDetails)
        let sent = try fields.requiredTime("sent")
        let expires = try fields.optionalTime("expires")
        if let expires, expires.date < sent.date, let value = fields.value("expires") {
            throw fields.error(at: value, "`expires` \(expires.text) is before `sent` \(sent.text)",
                               remedy: "correct `expires`, or leave it out")
        }
        return IncidentMessage(
            incidentID: id,
            inputKey: "\(id)|\(msgType.rawValue)|\(sent.text)",
            msgType: msgType,
            kind: kind,
            level: level,
            areaReferences: areas,
            title: try fields.optionalString("title") ?? "",
            description: try fields.optionalString("description") ?? "",
            sent: sent.date,
            expires: expires?.date,
            source: try fields.optionalString("source"),
            exercise: try fields.optionalBool("exercise") ?? false,
            location: try location(fields)
        )
    }

    private static func messageType(_ fields: JSONFieldReader) throws(InputError) -> IncidentMessage.MessageType {
        var names: [String] { IncidentMessage.MessageType.allCases.map(\.rawValue) }
        guard let value = fields.value("msg_type") else { return .alert }
        guard let text = value.stringValue else {
            throw fields.wrongType("msg_type", value, expected: "a string (\(names.joined(separator: ", ")))")
        }
        guard let type = IncidentMessage.MessageType(rawValue: text.lowercased()) else {
            let hint = NearestName.suggestion(for: text, among: names).map { "did you mean \"\($0)\"? " } ?? ""
            throw fields.error(at: value, "unknown `msg_type` \"\(text)\"",
                               remedy: "\(hint)use one of \(names.joined(separator: ", "))")
        }
        return type
    }

    private static func kind(_ fields: JSONFieldReader, knownKinds: Set<String>, required: Bool) throws(InputError) -> String? {
        var known: String { knownKinds.sorted().joined(separator: ", ") }
        guard let value = fields.value("kind") else {
            guard required else { return nil }
            throw fields.missing("kind", remedy: "add `kind`, one of \(known)")
        }
        guard let text = value.stringValue else { throw fields.wrongType("kind", value, expected: "a string (one of \(known))") }
        if knownKinds.contains(text) { return text }
        if let exact = knownKinds.first(where: { $0.lowercased() == text.lowercased() }) { return exact }
        let hint = NearestName.suggestion(for: text, among: knownKinds).map { "did you mean \"\($0)\"? " } ?? ""
        throw fields.error(at: value, "unknown kind \"\(text)\"",
                           remedy: "\(hint)known kinds are \(known); declare others in the config's `kinds`")
    }

    private static func level(_ fields: JSONFieldReader, required: Bool) throws(InputError) -> WarningLevel? {
        var names: String { WarningLevel.allCases.map(\.name).joined(separator: ", ") }
        guard let value = fields.value("level") else {
            guard required else { return nil }
            throw fields.missing("level", remedy: "add `level`, one of \(names)")
        }
        guard let text = value.stringValue else { throw fields.wrongType("level", value, expected: "a string (one of \(names))") }
        guard let level = WarningLevel(name: text) else {
            throw fields.error(at: value, "unknown level \"\(text)\"", remedy: "use one of the five levels: \(names)")
        }
        return level
    }

    private static func areas(_ fields: JSONFieldReader, required: Bool) throws(InputError) -> [String] {
        let remedy = "add `area` (e.g. \"gaoming/yanghe\") or `areas` (a list of area paths)"
        switch (fields.value("area"), fields.value("areas")) {
        case (nil, nil):
            guard required else { return [] }
            throw fields.missing("area", remedy: remedy)
        case (.some, .some(let areas)):
            throw fields.error(at: areas, "both `area` and `areas` are given",
                               remedy: "give one of them: `area` for one area, `areas` for several")
        case (.some, nil):
            return [try fields.requiredString("area", remedy: remedy).text]
        case (nil, .some(let value)):
            guard let list = value.arrayValue else {
                throw fields.wrongType("areas", value, expected: "a list of area paths")
            }
            guard !list.isEmpty else {
                throw fields.error(at: value, "`areas` is an empty list", remedy: "name at least one area")
            }
            var paths: [String] = []
            for element in list {
                guard let text = element.stringValue, !text.allSatisfy(\.isWhitespace) else {
                    throw fields.error(at: element, "each entry of `areas` must be a non-empty string, found \(element.typeName)",
                                       remedy: "write area paths as strings, e.g. \"gaoming/yanghe\"")
                }
                paths.append(text)
            }
            return paths
        }
    }

    private static func location(_ fields: JSONFieldReader) throws(InputError) -> GeoPoint? {
        guard let value = fields.value("location") else { return nil }
        let point = try JSONFieldReader(value, name: "`location`",
                                        remedy: "write `location` as {\"lat\": 22.90, \"lon\": 112.88}")
        let lat = try point.requiredNumber("lat", in: -90...90, remedy: "latitude is in degrees, −90…90 (WGS-84)")
        let lon = try point.requiredNumber("lon", in: -180...180, remedy: "longitude is in degrees, −180…180 (WGS-84)")
        return GeoPoint(lat: lat, lon: lon)
    }
}
