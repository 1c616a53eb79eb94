/// How a CAP message was mapped onto an incident, decision by decision, so an officer can check
/// a real warning against the rules (`dispatchd plan FILE.xml`) and the daemon can log why.
public struct CAPMapping: Sendable, Equatable {
    /// One `<area>` block of the chosen info block and what it matched.
    public struct AreaDecision: Sendable, Equatable {
        /// 1-based position of the `<area>` in the info block.
        public var number: Int
        public var areaDesc: String
        /// Area paths it matched, in tree order; empty when it lies outside the county.
        public var paths: [String]
        /// How: `geocode 440608100`, `areaDesc`, `polygon`, `circle`, or why nothing matched.
        public var how: String
    }

    /// The CAP namespace (version) of the document, or nil for none.
    public var namespace: String?
    public var status: CAPStatus
    public var msgType: CAPMessageType
    /// GB/T 35965.1 `senderCode` (the issuer's code, beginning with its division code), kept.
    public var senderCode: String?
    /// What happens to the message as a whole (dispatch, or filed as processed and why).
    public var handling: String
    /// 1-based index of the chosen `<info>`; nil when the message has none.
    public var infoNumber: Int?
    public var infoCount: Int
    public var infoLanguage: String?
    public var infoReason: String
    public var kind: String?
    public var kindReason: String
    public var level: WarningLevel
    public var levelReason: String
    public var areas: [AreaDecision]
    /// `sender|identifier` keys of the referenced messages, oldest first.
    public var references: [String]

    public init(namespace: String?, status: CAPStatus, msgType: CAPMessageType, handling: String = "", infoNumber: Int? = nil,
                infoCount: Int = 0, infoLanguage: String? = nil, infoReason: String = "", kind: String? = nil,
                kindReason: String = "", level: WarningLevel = .white, levelReason: String = "",
                areas: [AreaDecision] = [], references: [String] = []) {
        self.namespace = namespace
        self.status = status
        self.msgType = msgType
        self.handling = handling
        self.infoNumber = infoNumber
        self.infoCount = infoCount
        self.infoLanguage = infoLanguage
        self.infoReason = infoReason
        self.kind = kind
        self.kindReason = kindReason
        self.level = level
        self.levelReason = levelReason
        self.areas = areas
        self.references = references
    }

    /// The explanation as lines of text, most important first.
    public func lines() -> [String] {
        var out = ["CAP \(namespace ?? "(no namespace)"): status \(status.rawValue), msgType \(msgType.rawValue): \(handling)"]
        if let senderCode { out.append("Sender code: \(senderCode)") }
        if !references.isEmpty { out.append("References (oldest first): \(references.joined(separator: ", "))") }
        if let infoNumber {
            out.append("Info block \(infoNumber) of \(infoCount) (language \(infoLanguage ?? "en-US")): \(infoReason)")
        } else {
            out.append("Info block: none (\(infoReason))")
        }
        out.append("Kind: \(kind ?? "none") (\(kindReason))")
        out.append("Level: \(level.name) (\(levelReason))")
        if areas.isEmpty { out.append("Areas: the info block has no <area>") }
        for area in areas {
            let target = area.paths.isEmpty ? "outside the county" : area.paths.joined(separator: ", ")
            out.append("Area \(area.number) \"\(area.areaDesc)\": \(target) (\(area.how))")
        }
        return out
    }

    public func json() -> JSONValue {
        .object([
            ("namespace", .optional(namespace)),
            ("status", .string(status.rawValue)),
            ("msg_type", .string(msgType.rawValue)),
            ("sender_code", .optional(senderCode)),
            ("handling", .string(handling)),
            ("references", .array(references.map { .string($0) })),
            ("info", infoNumber.map { .number($0) } ?? .null),
            ("info_count", .number(infoCount)),
            ("info_language", .optional(infoLanguage)),
            ("info_reason", .string(infoReason)),
            ("kind", .optional(kind)),
            ("kind_reason", .string(kindReason)),
            ("level", .string(level.name)),
            ("level_reason", .string(levelReason)),
            ("areas", .array(areas.map { area in
                .object([("number", .number(area.number)), ("area_desc", .string(area.areaDesc)),
                         ("paths", .array(area.paths.map { .string($0) })), ("how", .string(area.how))])
            })),
        ])
    }
}
