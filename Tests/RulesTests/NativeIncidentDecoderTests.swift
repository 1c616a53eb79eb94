import Foundation
import Testing
@testable import Rules

/// The SPEC §3.1 example, byte for byte.
let specIncidentExample = """
{
  "id": "GM-20240906-0001",
  "msg_type": "alert",
  "kind": "typhoon",
  "level": "orange",
  "area": "gaoming/yanghe",
  "title": "台风“摩羯”橙色预警",
  "description": "预计6日夜间登陆，阵风12级",
  "sent": "2024-09-06T08:00:00+08:00",
  "expires": "2024-09-07T20:00:00+08:00",
  "source": "gaoming-weather",
  "exercise": false,
  "location": {"lat": 22.90, "lon": 112.88}
}
"""

let builtInKinds: Set<String> = ["wildfire", "typhoon", "storm"]

func decodeIncident(_ text: String) throws(InputError) -> IncidentMessage {
    try NativeIncidentDecoder.decode(Array(text.utf8), knownKinds: builtInKinds)
}

@Suite struct NativeIncidentDecoderTests {
    @Test func specExampleDecodesWithChineseIntact() throws {
        let message = try decodeIncident(specIncidentExample)
        #expect(message == IncidentMessage(
            incidentID: "GM-20240906-0001",
            inputKey: "GM-20240906-0001|alert|2024-09-06T08:00:00+08:00",
            msgType: .alert,
            kind: "typhoon",
            level: .orange,
            areaReferences: ["gaoming/yanghe"],
            title: "台风“摩羯”橙色预警",
            description: "预计6日夜间登陆，阵风12级",
            sent: Date(timeIntervalSince1970: 1_725_580_800),
            expires: Date(timeIntervalSince1970: 1_725_710_400),
            source: "gaoming-weather",
            exercise: false,
            location: GeoPoint(lat: 22.90, lon: 112.88)))
        #expect(Array(message.title.utf8) == Array("台风“摩羯”橙色预警".utf8))
    }

    @Test func minimalAlertTakesDefaults() throws {
        let message = try decodeIncident(#"{"id":"A1","kind":"storm","level":"Yellow","areas":["x/y","x/z"],"sent":"2024-06-01T00:00:00Z"}"#)
        #expect(message.msgType == .alert)
        #expect(message.inputKey == "A1|alert|2024-06-01T00:00:00Z")
        #expect(message.level == .yellow)
        #expect(message.areaReferences == ["x/y", "x/z"])
        #expect(message.title == "" && message.description == "")
        #expect(message.expires == nil && message.source == nil && message.location == nil)
        #expect(message.exercise == false)
    }

    @Test func unknownFieldsAndNullOptionalsAreIgnored() throws {
        let text = specIncidentExample.replacingOccurrences(
            of: "\"source\": \"gaoming-weather\",",
            with: "\"source\": null, \"x-gateway\": {\"hops\": [1, 2]}, \"priority\": \"high\",")
            .replacingOccurrences(of: "\"expires\": \"2024-09-07T20:00:00+08:00\"", with: "\"expires\": null")
        let message = try decodeIncident(text)
        #expect(message.source == nil)
        #expect(message.expires == nil)
        #expect(message.kind == "typhoon")
    }

    @Test func cancelAndCloseMayOmitKindLevelAndArea() throws {
        for type in ["cancel", "close"] {
            let message = try decodeIncident("{\"id\":\"GM-1\",\"msg_type\":\"\(type)\",\"sent\":\"2024-09-07T10:00:00+08:00\"}")
            #expect(message.msgType.rawValue == type)
            #expect(message.kind == nil)
            #expect(message.level == .white)
            #expect(message.areaReferences.isEmpty)
            #expect(message.inputKey == "GM-1|\(type)|2024-09-07T10:00:00+08:00")
        }
    }

    @Test func cancelWithKindStillChecksIt() throws {
        #expect(throws: InputError.self) {
            try decodeIncident(#"{"id":"GM-1","msg_type":"cancel","kind":"flood","sent":"2024-09-07T10:00:00+08:00"}"#)
        }
        let message = try decodeIncident(#"{"id":"GM-1","msg_type":"cancel","kind":"typhoon","level":"red","sent":"2024-09-07T10:00:00+08:00"}"#)
        #expect(message.kind == "typhoon" && message.level == .red)
    }

    @Test func kindMatchesConfiguredKindsIgnoringCase() throws {
        let message = try NativeIncidentDecoder.decode(
            Array(#"{"id":"L1","kind":"Landslide","level":"red","area":"a","sent":"2024-06-01T00:00:00Z"}"#.utf8),
            knownKinds: builtInKinds.union(["landslide"]))
        #expect(message.kind == "landslide")
    }

    @Test func updateKeyDiffersFromAlertKey() throws {
        let update = try decodeIncident(specIncidentExample.replacingOccurrences(of: "\"alert\"", with: "\"update\""))
        #expect(update.msgType == .update)
        #expect(update.inputKey == "GM-20240906-0001|update|2024-09-06T08:00:00+08:00")
        #expect(update.incidentID == "GM-20240906-0001")
    }
}
