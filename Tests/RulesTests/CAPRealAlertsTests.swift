import Foundation
import Testing
@testable import Rules

/// Real CAP messages from agencies around the world (../shared/samples/real/cap): every one is
/// decoded or refused with a named problem, never a crash or a hang; hostile ones are refused;
/// and a county configured with codes and places from them maps them end to end.
@Suite struct CAPRealAlertsTests {
    static let samples = URL(fileURLWithPath: CAPSamples.repositoryRoot).deletingLastPathComponent()
        .appendingPathComponent("shared/samples/real/cap").path
    static let samplesPresent: Bool = {
        let present = FileManager.default.fileExists(atPath: samples)
        if !present { print("note: \(samples) is absent; the real-alert tests are skipped") }
        return present
    }()

    static func read(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: samples + "/" + relative)))
    }

    @Test(.enabled(if: samplesPresent)) func everyRealFileDecodesOrIsRefusedWithAReason() throws {
        let county = try CAPSamples.exampleCounty()
        let files = try FileManager.default.subpathsOfDirectory(atPath: Self.samples).sorted()
            .filter { !$0.hasSuffix("/") && !$0.hasPrefix(".") }
        var walked = 0, dispatched = 0, ignored = 0, outside = 0, refused: [String] = []
        for file in files {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: Self.samples + "/" + file, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            walked += 1
            let bytes = try Self.read(file)
            do {
                let decoded = try CAPDecoder.decode(bytes, county: county)
                #expect(!decoded.message.inputKey.isEmpty)
                #expect(!decoded.mapping.lines().isEmpty)
                switch decoded.disposition {
                case .ignore: ignored += 1
                case .dispatch where decoded.message.areaReferences.isEmpty: outside += 1
                case .dispatch: dispatched += 1
                }
            } catch {
                #expect(error.message.count > 10 && error.remedy != nil, "\(file): \(error)")
                refused.append("\(file): \(error)")
            }
        }
        print("real CAP files: \(walked) walked, \(dispatched) dispatch in the county, \(outside) outside the county, \(ignored) ignored, \(refused.count) refused")
        for line in refused { print("  refused \(line)") }
        #expect(walked > 60 && dispatched + outside + ignored + refused.count == walked)
        #expect(refused.contains { $0.hasPrefix("invalid/xxe_external_entity_attack.cap: 3:1: DTDs are not accepted") })
        #expect(refused.contains { $0.hasPrefix("feeds/") && $0.contains("not a CAP alert: root element is <feed>") })
        #expect(outside + ignored > 40)
    }

    @Test(.enabled(if: samplesPresent)) func latin1HeadlineReadsCorrectly() throws {
        let decoded = try CAPDecoder.decode(try Self.read("edge/usgs_earthquake_iso8859-1_encoding.cap"),
                                            county: try CAPSamples.exampleCounty())
        #expect(decoded.message.title == "EQ 4.6 Usulután, Usulután, El Salvador - PRELIMINARY REPORT")
        #expect(decoded.message.kind == nil)
    }

    /// A county whose areas carry the FIPS/UGC codes of an NWS warning and a place inside a
    /// Canadian free-drawn polygon.
    static let foreignCounty: [String: String] = [
        "p/dispatchd.yaml": """
            kinds: [tornado]
            cap:
              languages: [en-US, en]
              kinds:
                storm: ["Thunderstorm"]
                tornado: ["tornado"]
            """,
        "p/areas.yaml": """
            id: world
            name: Test Region
            children:
              - id: calhoun
                name: Calhoun County
                geocodes: ["017013", "ILC013"]
                location: {lat: 39.05, lon: -90.66}
              - id: toronto
                name: North York
                location: {lat: 43.76, lon: -79.41}
            """,
        "p/teams.yaml": """
            - {id: il-fire, name: Calhoun Fire, kind: fire, capabilities: [rescue], area: world/calhoun}
            - {id: on-fire, name: Toronto Fire, kind: fire, capabilities: [rescue], area: world/toronto}
            """,
        "p/duty.yaml": "- {id: duty, name: Duty Office, area: world}\n",
        "p/rules.yaml": """
            - id: storm-response
              when: {kind: storm, level: ">= yellow"}
              response: III
              mobilize:
                - {capability: rescue, count: 1}
            - id: tornado-response
              when: {kind: tornado, level: ">= blue"}
              response: II
              mobilize:
                - {capability: rescue, count: 1}
            """,
    ]

    @Test(.enabled(if: samplesPresent)) func realAlertsMapToAConfiguredForeignCounty() throws {
        let result = CountyLoader.load(configPath: "p/dispatchd.yaml") { path in
            guard let text = Self.foreignCounty[path] else { throw ConfigFixture.Missing(path: path) }
            return Array(text.utf8)
        }
        let county = try #require(result.county, "\(result.diagnostics)")
        let matcher = Matcher(county: county)

        let nws = try CAPDecoder.decode(try Self.read("nws/cap.IL124CA04A2F50.SevereThunderstormWarning.xml"), county: county)
        #expect(nws.message.kind == "storm" && nws.message.level == .orange)
        #expect(nws.message.areaReferences == ["world/calhoun"])
        #expect(nws.mapping.areas[0].how == "geocode 017013; geocode ILC013")
        let nwsPlan = matcher.plan(for: nws.message, occupancy: .empty)
        #expect(nwsPlan.rules == ["storm-response"])
        #expect(nwsPlan.assignments.map(\.teamID) == ["il-fire"])

        let canada = try CAPDecoder.decode(try Self.read("canada/naads_Sample6_CAPCP_with_free_drawn_polygon.xml"), county: county)
        #expect(canada.message.kind == "tornado")
        #expect(canada.message.areaReferences == ["world/toronto"])
        #expect(canada.mapping.areas[0].how == "polygon covers their locations")
        let canadaPlan = matcher.plan(for: canada.message, occupancy: .empty)
        #expect(canadaPlan.assignments.map(\.teamID) == ["on-fire"])
    }
}
