import Foundation
import Testing
@testable import Rules

/// Builders shared by the CAP tests: the example county and GB/T 35965.1-style alerts.
enum CAPSamples {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    static func exampleCounty() throws -> County {
        let result = CountyLoader.load(configPath: repositoryRoot + "/config/dispatchd.yaml") { path in
            Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        return try #require(result.county, "example county invalid: \(result.diagnostics)")
    }

    /// A CAP 1.2 alert in the GB/T 35965.1 style (identifier starting with the division code).
    static func alert(identifier: String = "44060841600000_20240906080000", sender: String = "440608000000@gd.weather",
                      sent: String = "2024-09-06T08:00:00+08:00", status: String = "Actual", msgType: String = "Alert",
                      references: String? = nil, infos: [String]) -> [UInt8] {
        let referencesElement = references.map { "<references>\($0)</references>" } ?? ""
        return Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>\(identifier)</identifier>
              <sender>\(sender)</sender>
              <sent>\(sent)</sent>
              <status>\(status)</status>
              <msgType>\(msgType)</msgType>
              <scope>Public</scope>
              \(referencesElement)
              \(infos.joined(separator: "\n"))
            </alert>
            """.utf8)
    }

    static func info(language: String? = "zh-CN", event: String, headline: String, severity: String = "Severe",
                     eventCode: String? = nil, expires: String = "2024-09-07T20:00:00+08:00", area: String) -> String {
        """
        <info>
          \(language.map { "<language>\($0)</language>" } ?? "")
          <category>Met</category>
          <event>\(event)</event>
          <urgency>Expected</urgency>
          <severity>\(severity)</severity>
          <certainty>Likely</certainty>
          \(eventCode.map { "<eventCode><valueName>GB/T 35965.1</valueName><value>\($0)</value></eventCode>" } ?? "")
          <expires>\(expires)</expires>
          <senderName>佛山市高明区气象局</senderName>
          <headline>\(headline)</headline>
          <description>预计未来24小时内受台风影响，请做好防御。</description>
          \(area)
        </info>
        """
    }

    static func geocodeArea(_ desc: String, _ codes: String...) -> String {
        "<area><areaDesc>\(desc)</areaDesc>" + codes.map { "<geocode><valueName>GB/T 2260</valueName><value>\($0)</value></geocode>" }.joined() + "</area>"
    }
}

/// CAP → incident mapping against the example county (高明区): kinds, levels, areas, statuses,
/// languages, versions and the explanation `plan` prints.
@Suite struct CAPDecoderTests {
    let county: County

    init() throws { county = try CAPSamples.exampleCounty() }

    func decode(_ bytes: [UInt8]) throws(InputError) -> CAPDecoded { try CAPDecoder.decode(bytes, county: county) }

    @Test(arguments: [("白色", WarningLevel.white), ("蓝色", .blue), ("黄色", .yellow), ("橙色", .orange), ("红色", .red)])
    func typhoonColoursMapToLevels(colour: String, level: WarningLevel) throws {
        let decoded = try decode(CAPSamples.alert(infos: [CAPSamples.info(
            event: "台风", headline: "高明区气象局发布台风\(colour)预警信号", severity: "Minor",
            area: CAPSamples.geocodeArea("佛山市高明区", "440608000000"))]))
        #expect(decoded.disposition == .dispatch)
        #expect(decoded.message.kind == "typhoon")
        #expect(decoded.message.level == level)
        #expect(decoded.message.areaReferences == ["gaoming"])
        #expect(decoded.message.incidentID == "44060841600000_20240906080000")
        #expect(decoded.message.inputKey == "440608000000@gd.weather|44060841600000_20240906080000")
        #expect(decoded.message.title == "高明区气象局发布台风\(colour)预警信号")
        #expect(decoded.message.expires == RFC3339.parse("2024-09-07T20:00:00+08:00"))
        #expect(decoded.mapping.levelReason.hasPrefix("colour \"\(colour)\" in headline"))
    }

    @Test func rainstormByTownGeocodeAndSeverity() throws {
        let decoded = try decode(CAPSamples.alert(infos: [CAPSamples.info(
            event: "暴雨", headline: "暴雨预警", severity: "Extreme",
            area: CAPSamples.geocodeArea("杨和镇、明城镇", "440608100", "440608101"))]))
        #expect(decoded.message.kind == "storm")
        #expect(decoded.message.level == .red)
        #expect(decoded.mapping.levelReason == "severity Extreme")
        #expect(decoded.message.areaReferences == ["gaoming/yanghe", "gaoming/mingcheng"])
        #expect(decoded.mapping.areas[0].how == "geocode 440608100; geocode 440608101")
    }

    @Test func forestFireByVillageCodePrefixAndDowngradeWording() throws {
        let decoded = try decode(CAPSamples.alert(infos: [CAPSamples.info(
            event: "森林火险", headline: "更合镇森林火险橙色预警降级为黄色", eventCode: "11B25",
            area: CAPSamples.geocodeArea("更合镇小洞村", "440608102203"))]))
        #expect(decoded.message.kind == "wildfire")
        #expect(decoded.message.level == .yellow)
        #expect(decoded.message.areaReferences == ["gaoming/genghe"])
        #expect(decoded.mapping.areas[0].how == "geocode 440608102203 lies inside 更合镇's 440608102")
    }

    @Test func areaDescPolygonAndCircleWhenNoGeocode() throws {
        let byName = try decode(CAPSamples.alert(infos: [CAPSamples.info(
            event: "台风", headline: "台风蓝色预警", area: "<area><areaDesc>高明区杨和镇石水村</areaDesc></area>")]))
        #expect(byName.message.areaReferences == ["gaoming/yanghe/shishui"])
        // Around 杨和镇 and everything below it, but not the district centre.
        let polygon = "<area><areaDesc>杨和一带</areaDesc><polygon>22.96,112.80 23.00,112.80 23.00,112.85 22.96,112.85 22.96,112.80</polygon></area>"
        let byPolygon = try decode(CAPSamples.alert(infos: [CAPSamples.info(event: "台风", headline: "台风", area: polygon)]))
        #expect(byPolygon.message.areaReferences == ["gaoming/yanghe"])
        let centre = try #require(byPolygon.message.location)
        #expect(abs(centre.lat - 22.98) < 1e-9 && abs(centre.lon - 112.825) < 1e-9)
        let circle = "<area><areaDesc>明城</areaDesc><circle>22.955,112.687 2</circle></area>"
        let byCircle = try decode(CAPSamples.alert(infos: [CAPSamples.info(event: "台风", headline: "台风", area: circle)]))
        #expect(byCircle.message.areaReferences == ["gaoming/mingcheng"])
        let outside = try decode(CAPSamples.alert(infos: [CAPSamples.info(event: "台风", headline: "台风",
            area: CAPSamples.geocodeArea("广州市", "440100"))]))
        #expect(outside.message.areaReferences == [])
        #expect(outside.mapping.areas[0].how.hasPrefix("no configured area matches"))
    }

    @Test func alertUpgradeDowngradeCancelChain() throws {
        let sender = "440608000000@gd.weather"
        let first = "\(sender),A1,2024-09-06T08:00:00+08:00"
        let second = "\(sender),A2,2024-09-06T14:00:00+08:00"
        let third = "\(sender),A3,2024-09-07T08:00:00+08:00"
        func step(_ id: String, _ type: String, _ refs: String?, _ colour: String) throws -> CAPDecoded {
            try decode(CAPSamples.alert(identifier: id, msgType: type, references: refs, infos: [CAPSamples.info(
                event: "台风", headline: "台风\(colour)预警", area: CAPSamples.geocodeArea("高明区", "440608"))]))
        }
        let alert = try step("A1", "Alert", nil, "黄色")
        let upgrade = try step("A2", "Update", first, "橙色")
        // References written newest first: still sorted oldest first.
        let downgrade = try step("A3", "Update", "\(second) \(first)", "蓝色")
        let cancel = try step("A4", "Cancel", "\(third) \(first) \(second)", "蓝色")
        #expect([alert, upgrade, downgrade, cancel].map(\.message.msgType) == [.alert, .update, .update, .cancel])
        #expect([alert, upgrade, downgrade, cancel].map(\.message.level) == [.yellow, .orange, .blue, .blue])
        #expect([alert, upgrade, downgrade, cancel].map(\.message.incidentID) == ["A1", "A1", "A1", "A1"])
        #expect(cancel.message.references == ["\(sender)|A1", "\(sender)|A2", "\(sender)|A3"])
        #expect(cancel.message.inputKey == "\(sender)|A4")
        #expect(cancel.message.sender == sender)
        // Not a triple: a bare identifier of the same sender (GB/T 35965.1, SPEC §3.2.1).
        #expect(try step("A5", "Update", "nonsense", "蓝色").message.references == ["\(sender)|nonsense"])
    }

    @Test func statusesAndAcks() throws {
        let info = CAPSamples.info(event: "台风", headline: "台风黄色预警", area: CAPSamples.geocodeArea("高明区", "440608"))
        let exercise = try decode(CAPSamples.alert(status: "Exercise", infos: [info]))
        #expect(exercise.disposition == .dispatch && exercise.message.exercise)
        var ignoring = county
        ignoring.settings.cap.exercise = .ignore
        let ignored = try CAPDecoder.decode(CAPSamples.alert(status: "Exercise", infos: [info]), county: ignoring)
        #expect(ignored.disposition == .ignore(.exerciseIgnored))
        for status in ["Test", "Draft", "System"] {
            let decoded = try decode(CAPSamples.alert(status: status, infos: [info]))
            #expect(decoded.disposition == .ignore(.status(CAPStatus(rawValue: status)!)))
            #expect(decoded.message.kind == "typhoon")
        }
        let ack = try decode(CAPSamples.alert(msgType: "Ack", references: "x,A1,2024-09-06T08:00:00+08:00", infos: []))
        #expect(ack.disposition == .ignore(.messageType(.ack)))
        #expect(ack.mapping.infoNumber == nil)
        let unknown = try #require(throws: InputError.self) { try decode(CAPSamples.alert(status: "Real", infos: [info])) }
        #expect(unknown.message == "unknown <status> \"Real\"" && unknown.line == 6)
    }

    @Test func chosenInfoFollowsConfiguredLanguages() throws {
        let english = CAPSamples.info(language: "en-US", event: "Rainstorm", headline: "Red Rainstorm Warning",
                                      area: CAPSamples.geocodeArea("Gaoming", "440608"))
        let chinese = CAPSamples.info(language: "zh-CN", event: "台风", headline: "台风橙色预警",
                                      area: CAPSamples.geocodeArea("高明区", "440608"))
        let decoded = try decode(CAPSamples.alert(infos: [english, chinese]))
        #expect(decoded.mapping.infoNumber == 2)
        #expect(decoded.message.kind == "typhoon" && decoded.message.level == .orange)
        var englishFirst = county
        englishFirst.settings.cap.languages = ["en"]
        let other = try CAPDecoder.decode(CAPSamples.alert(infos: [chinese, english]), county: englishFirst)
        #expect(other.mapping.infoNumber == 2)
        #expect(other.mapping.infoReason == "language en-us has primary tag \"en\" from cap.languages")
        #expect(other.message.kind == "storm" && other.message.level == .red)
    }

    @Test func prefixedNamespaceAndCAP11() throws {
        let prefixed = """
            <cap:alert xmlns:cap="urn:oasis:names:tc:emergency:cap:1.1">
              <cap:identifier>X1</cap:identifier><cap:sender>s</cap:sender><cap:sent>2024-09-06T08:00:00+08:00</cap:sent>
              <cap:status>Actual</cap:status><cap:msgType>Alert</cap:msgType>
              <cap:info><cap:event>Typhoon</cap:event><cap:severity>Severe</cap:severity>
                <cap:area><cap:areaDesc>高明区</cap:areaDesc></cap:area></cap:info>
              <other:identifier xmlns:other="urn:x">ignored</other:identifier>
            </cap:alert>
            """
        let decoded = try decode(Array(prefixed.utf8))
        #expect(decoded.message.incidentID == "X1")
        #expect(decoded.message.kind == "typhoon" && decoded.message.level == .orange)
        #expect(decoded.message.areaReferences == ["gaoming"])
        #expect(decoded.mapping.namespace == "urn:oasis:names:tc:emergency:cap:1.1")
        #expect(decoded.mapping.infoLanguage == "en-US")
    }

    @Test func refusalsNameTheProblem() throws {
        let feed = try #require(throws: InputError.self) { try decode(Array("<feed xmlns='http://www.w3.org/2005/Atom'/>".utf8)) }
        #expect(feed.message == "not a CAP alert: root element is <feed>")
        let missing = try #require(throws: InputError.self) {
            try decode(Array("<alert><identifier>1</identifier></alert>".utf8))
        }
        #expect(missing.description == "1:1: the CAP <alert> has no <sender>; add <sender>: CAP requires identifier, sender, sent, status and msgType")
        let badTime = try #require(throws: InputError.self) {
            try decode(CAPSamples.alert(sent: "2024-09-06 08:00", infos: []))
        }
        #expect(badTime.message.hasPrefix("<sent> \"2024-09-06 08:00\" is not a CAP dateTime"))
    }

    @Test func unknownEventIsAcceptedWithoutKind() throws {
        let decoded = try decode(CAPSamples.alert(infos: [CAPSamples.info(event: "大雾", headline: "大雾黄色预警",
                                                                       area: CAPSamples.geocodeArea("高明区", "440608"))]))
        #expect(decoded.disposition == .dispatch)
        #expect(decoded.message.kind == nil)
        #expect(decoded.message.level == .yellow)
        #expect(decoded.mapping.lines().contains("Kind: none (no cap.kinds pattern matches the eventCode values or event \"大雾\": accepted, dispatches nothing)"))
    }
}
