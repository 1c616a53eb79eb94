import Foundation

/// Decodes an OASIS CAP 1.0/1.1/1.2 message (GB/T 35965.1 included) into an `IncidentMessage`
/// and explains the mapping (SPEC §3.2, §3.3).
///
/// Invariants:
/// - The document is read by `XMLReader` (no DTD, no entities, bounded); the root must be
///   `alert` in a CAP namespace or in none, and only elements in that namespace are read.
/// - Required: `identifier`, `sender` (or GB/T 35965.1 `senderCode` when there is no
///   `sender`), `sent` (or GB/T `sendTime`), `status`, `msgType`; missing or empty is an
///   `InputError` at the `<alert>` (or the element). `inputKey` is `sender|identifier`.
///   Times may have a space instead of `T` (GB/T). Empty elements are absent; elements the
///   reader does not know (GB/T `<code>`, `<method>`) are ignored.
/// - `references` become `sender|identifier` keys, oldest `sent` first (bare GB/T identifiers
///   take the message's sender); `incidentID` is the identifier of the oldest referenced
///   message, else the message's own identifier. The dispatch core resolves the chain.
/// - `msgType` Cancel, and an Alert or Update whose info blocks say `responseType` AllClear,
///   are cancels: they lift a known incident and never open one (SPEC §3.2.1).
/// - Disposition: Ack/Error and Test/Draft/System are ignored (filed as processed); Exercise
///   dispatches with `exercise = true` unless `cap.exercise: ignore`; Actual dispatches.
/// - Kind, level and info block: `CAPClassifier`; areas: `CAPAreaMatcher`. An unknown event
///   (kind nil) or a place outside the county are not errors.
/// - The content of `resource/derefUri` and of XML signatures is never kept in memory.
public enum CAPDecoder {
    /// The CAP namespaces, plus the pre-OASIS CAP 1.0 one used by the 1.0 specification's examples.
    public static let namespaces: Set<String> = [
        "urn:oasis:names:tc:emergency:cap:1.2", "urn:oasis:names:tc:emergency:cap:1.1",
        "urn:oasis:names:tc:emergency:cap:1.0", "http://www.incident.com/cap/1.0",
    ]

    public static func decode(_ bytes: [UInt8], county: County) throws(InputError) -> CAPDecoded {
        let root = try XMLReader.parse(bytes, skipping: ["derefUri", "Signature"])
        guard root.localName == "alert" else {
            throw InputError("not a CAP alert: root element is <\(root.localName)>", line: root.line, column: root.column,
                             remedy: "drop the CAP message itself (an <alert> document), not a feed or an envelope around it")
        }
        if let namespace = root.namespace, !namespaces.contains(namespace) {
            throw InputError("<alert> is in namespace \"\(namespace)\", which is not a CAP namespace", line: root.line,
                             column: root.column, remedy: "use xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\" (or 1.1, 1.0)")
        }
        let fields = CAPFields(root: root)
        let identifier = try fields.required("identifier", in: root)
        let sender = try fields.required(anyOf: ["sender", "senderCode"], in: root).text
        let senderCode = fields.text("senderCode", in: root)
        let sentField = try fields.required(anyOf: ["sent", "sendTime"], in: root)
        let sent = try fields.time(sentField.text, sentField.name, in: root)
        let status = try fields.code("status", CAPStatus.self, in: root)
        let msgType = try fields.code("msgType", CAPMessageType.self, in: root)
        let references = try fields.references(in: root, sender: sender)

        var mapping = CAPMapping(namespace: root.namespace, status: status, msgType: msgType,
                                 references: references.map(\.key))
        mapping.senderCode = senderCode
        let settings = county.settings.cap
        let disposition: CAPDecoded.Disposition
        switch (msgType, status) {
        case (.ack, _), (.error, _):
            disposition = .ignore(.messageType(msgType))
        case (_, let status) where status.neverDispatches:
            disposition = .ignore(.status(status))
        case (_, .exercise) where settings.exercise == .ignore:
            disposition = .ignore(.exerciseIgnored)
        default:
            disposition = .dispatch
        }
        switch disposition {
        case .dispatch: mapping.handling = status == .exercise ? "dispatch as an exercise (【演练】)" : "dispatch"
        case .ignore(let reason): mapping.handling = "not dispatched: \(reason)"
        }

        let infos = fields.all("info", in: root)
        let allClear = infos.contains { info in
            fields.all("responseType", in: info).contains { $0.trimmedText.lowercased() == "allclear" }
        }
        let type: IncidentMessage.MessageType = switch msgType {
        case .cancel: .cancel
        case .update where allClear, .alert where allClear: .cancel
        case .update: .update
        default: .alert
        }
        if allClear && msgType != .cancel {
            mapping.handling += "; responseType AllClear: the warning is lifted (a cancel), nothing is dispatched"
        }
        var message = IncidentMessage(
            incidentID: references.first?.identifier ?? identifier,
            inputKey: "\(sender)|\(identifier)",
            msgType: type,
            kind: nil, level: .white, areaReferences: [], sent: sent, source: sender,
            exercise: status == .exercise)
        message.references = references.map(\.key)
        message.sender = sender

        mapping.infoCount = infos.count
        let languages = infos.map { fields.text("language", in: $0) }
        guard let (infoIndex, infoReason) = CAPClassifier.chooseInfo(languages: languages, configured: settings.languages) else {
            mapping.infoReason = "the message has no <info>"
            mapping.kindReason = "no info block"
            mapping.levelReason = "no info block: the lowest level"
            return CAPDecoded(message: message, disposition: disposition, mapping: mapping)
        }
        let info = infos[infoIndex]
        mapping.infoNumber = infoIndex + 1
        mapping.infoLanguage = languages[infoIndex] ?? "en-US"
        mapping.infoReason = infos.count == 1 ? "the only info block" : infoReason

        let event = fields.text("event", in: info) ?? ""
        let headline = fields.text("headline", in: info) ?? ""
        let eventCodes = fields.all("eventCode", in: info).compactMap { fields.text("value", in: $0) }
            + [fields.text("eventType", in: info), fields.text("eventType", in: root)].compactMap { $0 }
        let kindMatch = CAPClassifier.kind(eventCodes: eventCodes, event: event, patterns: settings.kinds)
        message.kind = kindMatch?.kind
        mapping.kind = kindMatch?.kind
        mapping.kindReason = kindMatch.map { "pattern \"\($0.pattern)\" matches \($0.field)" }
            ?? "no cap.kinds pattern matches the eventCode values or event \"\(event)\": accepted, dispatches nothing"
        let (level, levelReason) = CAPClassifier.level(event: event, headline: headline,
                                                       severity: fields.text("severity", in: info),
                                                       kindPattern: kindMatch?.pattern, patterns: settings.levels)
        message.level = level
        mapping.level = level
        mapping.levelReason = levelReason

        message.title = headline.isEmpty ? event : headline
        message.description = fields.text("description", in: info) ?? ""
        if let expiresText = fields.text("expires", in: info), let element = fields.first("expires", in: info) {
            message.expires = try fields.time(expiresText, "expires", in: element)
        }

        let matcher = CAPAreaMatcher(tree: county.areas)
        var paths: [String] = []
        for (number, area) in fields.all("area", in: info).enumerated() {
            let geocodes = fields.all("geocode", in: area).flatMap(fields.geocodes)
            let polygons = fields.all("polygon", in: area).compactMap { CAPGeometry.polygon($0.trimmedText) }
            let circles = fields.all("circle", in: area).compactMap { CAPGeometry.circle($0.trimmedText) }
            if message.location == nil {
                message.location = polygons.first.map(CAPGeometry.centroid) ?? circles.first?.centre
            }
            let areaDesc = fields.text("areaDesc", in: area) ?? ""
            let result = matcher.match(geocodes: geocodes, areaDesc: areaDesc,
                                       shape: CAPAreaMatcher.Shape(polygons: polygons, circles: circles))
            let matched = result.indices.map { county.areas[$0].path }
            for path in matched where !paths.contains(path) { paths.append(path) }
            mapping.areas.append(CAPMapping.AreaDecision(number: number + 1, areaDesc: areaDesc, paths: matched, how: result.how))
        }
        message.areaReferences = paths
        return CAPDecoded(message: message, disposition: disposition, mapping: mapping)
    }
}
