import Foundation
import Testing
@testable import Rules

/// Documents in the GB/T 35965.1 exchange format of the national platform (12379), written
/// for these tests after the format's published field list (docs/INPUTS.md): element names,
/// times with a space, bare references, eventType, colour severities, plain-text geocodes.
enum GBTSamples {
    static func alert(identifier: String = "44060041600000_20240906080000", sendTime: String = "2024-09-06 08:00:00+08:00",
                      msgType: String = "Alert", references: String? = nil, event: String = "暴雨",
                      headline: String = "佛山市气象台发布暴雨红色预警信号", severity: String = "Red",
                      eventType: String = "11B03", responseType: String? = nil, expires: String = "",
                      geocode: String = "440600000000", areaDesc: String = "佛山市", status: String = "Actual",
                      language: String = "zh-CN") -> [UInt8] {
        Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>\(identifier)</identifier>
              <sender>佛山市气象台</sender>
              <senderCode>44060041600000</senderCode>
              <sendTime>\(sendTime)</sendTime>
              <status>\(status)</status>
              <msgType>\(msgType)</msgType>
              <scope>Public</scope>
              <code>0</code>
              \(references.map { "<references>\($0)</references>" } ?? "<references/>")
              <info>
                <language>\(language)</language>
                <category>Met</category>
                <event>\(event)</event>
                <eventType>\(eventType)</eventType>
                \(responseType.map { "<responseType>\($0)</responseType>" } ?? "")
                <urgency>Immediate</urgency>
                <severity>\(severity)</severity>
                <certainty>Likely</certainty>
                <onset/>
                <expires>\(expires)</expires>
                <senderName>佛山市气象台</senderName>
                <headline>\(headline)</headline>
                <description>佛山市气象台2024年09月06日08时00分发布暴雨红色预警信号。</description>
                <method><methodName>短信</methodName></method>
                <area>
                  <areaDesc>\(areaDesc)</areaDesc>
                  <geocode>\(geocode)</geocode>
                </area>
              </info>
            </alert>
            """.utf8)
    }
}

@Suite struct CAPChineseFeedsTests {
    let county: County

    init() throws { county = try CAPSamples.exampleCounty() }

    func decode(_ bytes: [UInt8]) throws(InputError) -> CAPDecoded { try CAPDecoder.decode(bytes, county: county) }

    @Test func gbtExchangeFormatIsRead() throws {
        let decoded = try decode(GBTSamples.alert())
        #expect(decoded.disposition == .dispatch)
        #expect(decoded.message.sent == RFC3339.parse("2024-09-06T08:00:00+08:00"))
        #expect(decoded.message.inputKey == "佛山市气象台|44060041600000_20240906080000")
        #expect(decoded.mapping.senderCode == "44060041600000")
        #expect(decoded.mapping.status == .actual && decoded.mapping.msgType == .alert)
        #expect(decoded.message.expires == nil)                       // <expires></expires> is absent
        #expect(decoded.message.kind == "storm")
        #expect(decoded.message.level == .red)
        // 佛山市 (440600000000) contains 高明区 (440608): the whole county.
        #expect(decoded.message.areaReferences == ["gaoming"])
        #expect(decoded.mapping.areas[0].how.contains("a city"))
    }

    @Test func timesWithASpaceAndWrongTimesSayWhere() throws {
        let decoded = try decode(GBTSamples.alert(expires: "2024-09-07 20:00:00+08:00"))
        #expect(decoded.message.expires == RFC3339.parse("2024-09-07T20:00:00+08:00"))
        #expect(throws: InputError.self) { try decode(GBTSamples.alert(sendTime: "2024-09-06 08:00:00")) }
        do {
            _ = try decode(GBTSamples.alert(sendTime: "2024-13-06 08:00:00+08:00"))
            Issue.record("accepted month 13")
        } catch {
            #expect(error.line == 6 && error.message.contains("<sendTime>") && error.remedy != nil)
        }
    }

    @Test func provinceCodeCoversTheCountyAndTownCodesTheDeepestArea() throws {
        let province = try decode(GBTSamples.alert(geocode: "440000000000", areaDesc: "广东省"))
        #expect(province.message.areaReferences == ["gaoming"])
        let village = try decode(GBTSamples.alert(geocode: "440608100203", areaDesc: "杨和镇某村"))
        #expect(village.message.areaReferences == ["gaoming/yanghe"])
        let several = try decode(GBTSamples.alert(geocode: "440608100000,440608101000", areaDesc: "杨和镇、明城镇"))
        #expect(several.message.areaReferences == ["gaoming/yanghe", "gaoming/mingcheng"])
        let elsewhere = try decode(GBTSamples.alert(geocode: "440605000000", areaDesc: "南海区"))
        #expect(elsewhere.message.areaReferences.isEmpty)
        let otherCity = try decode(GBTSamples.alert(geocode: "440100000000", areaDesc: "广州市"))
        #expect(otherCity.message.areaReferences.isEmpty)
    }

    @Test func shortNamesMatchWithoutTheirSuffix() throws {
        let decoded = try decode(GBTSamples.alert(geocode: "", areaDesc: "杨和、明城"))
        #expect(decoded.message.areaReferences == ["gaoming/yanghe", "gaoming/mingcheng"])
        let district = try decode(GBTSamples.alert(geocode: "", areaDesc: "高明"))
        #expect(district.message.areaReferences == ["gaoming"])
    }

    @Test func bareReferencesTakeTheSenderAndTriplesWithSpacesAreJoined() throws {
        let update = try decode(GBTSamples.alert(identifier: "B", msgType: "Update", references: "A1,A0"))
        #expect(update.message.references == ["佛山市气象台|A1", "佛山市气象台|A0"])
        #expect(update.message.incidentID == "A1")
        let triple = try decode(GBTSamples.alert(identifier: "C", msgType: "Update",
                                                 references: "佛山市气象台,B,2024-09-06 09:00:00+08:00 佛山市气象台,A,2024-09-06 08:00:00+08:00"))
        #expect(triple.message.references == ["佛山市气象台|A", "佛山市气象台|B"])
        #expect(triple.message.msgType == .update)
    }

    @Test func allClearIsACancel() throws {
        let lifted = try decode(GBTSamples.alert(identifier: "D", msgType: "Update", references: "A", responseType: "AllClear"))
        #expect(lifted.message.msgType == .cancel)
        #expect(lifted.mapping.handling.contains("AllClear"))
        let cancel = try decode(GBTSamples.alert(identifier: "E", msgType: "Cancel", references: "A"))
        #expect(cancel.message.msgType == .cancel)
        let plain = try decode(GBTSamples.alert(identifier: "F", msgType: "Update", references: "A", responseType: "Prepare"))
        #expect(plain.message.msgType == .update)
    }

    @Test func eventTypeCodesMatchConfiguredPatterns() throws {
        var settings = county.settings.cap
        settings.kinds["landslide"] = ["11B06"]
        var configured = county
        configured.settings.cap = settings
        let decoded = try CAPDecoder.decode(GBTSamples.alert(event: "某灾害", eventType: "11B06"), county: configured)
        #expect(decoded.message.kind == "landslide")
        #expect(decoded.mapping.kindReason == "pattern \"11B06\" matches eventCode \"11B06\"")
        // Not configured: no default eventType codes, the event text decides.
        #expect(try decode(GBTSamples.alert(event: "某灾害", eventType: "11B06")).message.kind == nil)
    }

    @Test(arguments: [("Red", WarningLevel.red), ("Orange", .orange), ("Yellow", .yellow), ("Blue", .blue), ("White", .white)])
    func colourSeverityGivesTheLevel(severity: String, level: WarningLevel) throws {
        let decoded = try decode(GBTSamples.alert(headline: "佛山市气象台发布暴雨预警信号", severity: severity))
        #expect(decoded.message.level == level)
        #expect(decoded.mapping.levelReason.contains("is a colour"))
    }

    @Test func statusAndMsgTypeAreTypes() throws {
        for status in CAPStatus.allCases {
            let decoded = try decode(GBTSamples.alert(status: status.rawValue.uppercased()))
            #expect(decoded.mapping.status == status)
            #expect((decoded.disposition != .dispatch) == status.neverDispatches)
        }
        do {
            _ = try decode(GBTSamples.alert(status: "Real"))
            Issue.record("accepted status Real")
        } catch {
            #expect(error.remedy == "use one of Actual, Exercise, System, Test, Draft")
        }
    }

    // MARK: Traditional Chinese and signals

    @Test func traditionalAlertReadsLikeItsSimplifiedTwin() throws {
        let simplified = try decode(GBTSamples.alert(event: "台风", headline: "台风红色预警", severity: "Moderate",
                                                     geocode: "", areaDesc: "杨和镇"))
        let traditional = try decode(GBTSamples.alert(event: "颱風", headline: "颱風紅色預警", severity: "Moderate",
                                                      geocode: "", areaDesc: "楊和鎮", language: "zh-HK"))
        #expect(simplified.message.kind == "typhoon" && simplified.message.level == .red)
        #expect(traditional.message.kind == simplified.message.kind)
        #expect(traditional.message.level == simplified.message.level)
        #expect(traditional.message.areaReferences == simplified.message.areaReferences)
        #expect(traditional.message.title == "颱風紅色預警")           // stored as sent
        let rain = try decode(GBTSamples.alert(event: "暴雨警告", headline: "紅色暴雨警告信號", severity: "Moderate"))
        #expect(rain.message.kind == "storm" && rain.message.level == .red)
        for (colour, level) in [("黃色", WarningLevel.yellow), ("藍色", .blue)] {
            #expect(try decode(GBTSamples.alert(headline: "\(colour)暴雨警告信號", severity: "Minor")).message.level == level)
        }
    }

    @Test(arguments: [
        ("一號戒備信號", WarningLevel.white), ("三號強風信號", .blue), ("八號東北烈風或暴風信號", .yellow),
        ("九號烈風或暴風風力增強信號", .orange), ("十號颶風信號", .red), ("八號風球", .yellow), ("三號風球", .blue),
        ("Hurricane Signal No. 10", .red), ("Standby Signal No. 1", .white), ("No. 8 Southeast Gale or Storm Signal", .yellow),
    ])
    func tropicalCycloneSignalsAreLevels(signal: String, level: WarningLevel) throws {
        let decoded = try decode(GBTSamples.alert(event: "熱帶氣旋", headline: signal, severity: "Unknown"))
        #expect(decoded.message.kind == "typhoon")
        #expect(decoded.message.level == level, "\(signal): \(decoded.mapping.levelReason)")
    }

    @Test func rainstormSignalsAndBlackAboveRed() throws {
        let black = try decode(GBTSamples.alert(event: "暴雨", headline: "黑色暴雨警告信號", severity: "Minor"))
        #expect(black.message.level == .red)
        let raised = try decode(GBTSamples.alert(event: "暴雨", headline: "暴雨警告由紅色改為黑色", severity: "Minor"))
        #expect(raised.message.level == .red)
        let amber = try decode(GBTSamples.alert(event: "Rainstorm", headline: "Amber Rainstorm Warning Signal", severity: "Minor",
                                                language: "en"))
        let amberChinese = try decode(GBTSamples.alert(event: "暴雨", headline: "黃色暴雨警告信號", severity: "Minor"))
        #expect(amber.message.level == .yellow && amberChinese.message.level == .yellow)
        // A downgrade names the new signal last.
        let down = try decode(GBTSamples.alert(event: "熱帶氣旋", headline: "八號風球改發三號風球", severity: "Unknown"))
        #expect(down.message.level == .blue)
    }

    @Test func countyConfigOverridesLevelsAndKinds() throws {
        var configured = county
        configured.settings.cap.levels[.yellow] = []
        configured.settings.cap.levels[.orange] = ["八號風球"]
        configured.settings.cap.kinds["storm"] = ["Rainstorm"]
        let signal = try CAPDecoder.decode(GBTSamples.alert(event: "熱帶氣旋", headline: "八號風球", severity: "Unknown"), county: configured)
        #expect(signal.message.level == .orange)
        let rain = try CAPDecoder.decode(GBTSamples.alert(event: "暴雨"), county: configured)
        #expect(rain.message.kind == nil)
    }

    // MARK: Chinese default patterns

    @Test(arguments: [
        ("山洪", "Flash Flood", "storm"), ("强降雨", "Heavy Rain", "storm"), ("城市内涝", "Flood", "storm"),
        ("雷雨大风", "Thunderstorm", "storm"), ("热带气旋", "Tropical Cyclone", "typhoon"), ("台风", "Typhoon", "typhoon"),
        ("森林（草原）火险", "Fire Weather", "wildfire"), ("森林火险", "Forest Fire", "wildfire"),
    ])
    func chineseAndEnglishBlocksAgree(chinese: String, english: String, kind: String) {
        let patterns = County.CAPSettings.defaultKinds
        #expect(CAPClassifier.kind(eventCodes: [], event: chinese, patterns: patterns)?.kind == kind)
        #expect(CAPClassifier.kind(eventCodes: [], event: english, patterns: patterns)?.kind == kind)
    }

    @Test func foldingKeepsLengthAndLeavesOtherTextAlone() {
        #expect(ChineseFolding.fold("颱風紅色預警信號") == "台风红色预警信号")
        #expect(ChineseFolding.fold("Typhoon 8") == "Typhoon 8")
        #expect(ChineseFolding.fold("高明区杨和镇") == "高明区杨和镇")
    }
}

/// The real Traditional-Chinese sample (Taiwan WRA/NCDR reservoir release, zh-TW): a county
/// pattern written in Simplified characters classifies it.
@Suite struct CAPTraditionalRealTests {
    @Test(.enabled(if: CAPRealAlertsTests.samplesPresent)) func taiwanReservoirReleaseMatchesASimplifiedPattern() throws {
        var county = try CAPSamples.exampleCounty()
        county.settings.cap.kinds["storm"] = ["水库泄洪"]
        let bytes = try CAPRealAlertsTests.read("taiwan-zh/taiwan_ncdr_reservoir_discharge_zh-tw.cap")
        let decoded = try CAPDecoder.decode(bytes, county: county)
        #expect(decoded.message.kind == "storm", "\(decoded.mapping.kindReason)")
        #expect(decoded.mapping.kindReason.contains("水库泄洪"))
        #expect(decoded.message.title.contains("洩"), "the text is kept as sent")
    }
}
