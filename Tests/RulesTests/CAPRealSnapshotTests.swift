import Foundation
import Testing
@testable import Rules

/// Every real CAP file (../shared/samples/real/cap) decodes to the same summary as recorded in
/// `Tests/golden/real-cap-summary.txt` (disposition, type, kind, level, areas, or the refusal), so a
/// change to the reader cannot silently change how a real warning is read. A deliberate change
/// rewrites the file (`DISPATCHD_WRITE_GOLDEN=1 swift test --filter CAPRealSnapshotTests`) and
/// the diff is reviewed and committed with it.
@Suite struct CAPRealSnapshotTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("golden/real-cap-summary.txt").path

    static func summary(_ bytes: [UInt8], county: County) -> String {
        do {
            let decoded = try CAPDecoder.decode(bytes, county: county)
            let message = decoded.message
            let disposition: String = switch decoded.disposition {
            case .dispatch: "dispatch"
            case .ignore: "ignore"
            }
            return "\(disposition) \(message.msgType.rawValue) kind=\(message.kind ?? "-") level=\(message.level.name) "
                + "areas=[\(message.areaReferences.joined(separator: ","))] incident=\(message.incidentID)"
        } catch {
            return "refused \(error.line.map { "\($0):\(error.column ?? 1)" } ?? "-")"
        }
    }

    @Test(.enabled(if: CAPRealAlertsTests.samplesPresent)) func realFilesReadAsRecorded() throws {
        let county = try CAPSamples.exampleCounty()
        let files = try FileManager.default.subpathsOfDirectory(atPath: CAPRealAlertsTests.samples).sorted()
        var lines: [String] = []
        for file in files {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: CAPRealAlertsTests.samples + "/" + file, isDirectory: &isDirectory),
                  !isDirectory.boolValue else { continue }
            lines.append("\(file): \(Self.summary(try CAPRealAlertsTests.read(file), county: county))")
        }
        let text = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["DISPATCHD_WRITE_GOLDEN"] == "1" {
            try text.write(toFile: Self.golden, atomically: true, encoding: .utf8)
        }
        let recorded = try String(contentsOfFile: Self.golden, encoding: .utf8).split(separator: "\n").map(String.init)
        for (index, line) in lines.enumerated() {
            #expect(index < recorded.count && recorded[index] == line, "now: \(line)\nwas: \(index < recorded.count ? recorded[index] : "-")")
        }
        #expect(recorded.count == lines.count)
    }
}
