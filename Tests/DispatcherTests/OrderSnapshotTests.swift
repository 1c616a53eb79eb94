import Foundation
import Testing
@testable import Dispatcher
import Rules

/// `orders.snapshot` (SPEC §4: every order keeps what it was issued with) is written by hand
/// and read with `JSONDecoder`: both directions agree, and snapshots that earlier versions
/// wrote with `JSONEncoder` still read the same.
@Suite struct OrderSnapshotTests {
    static func snapshot(full: Bool) -> OrderSnapshot {
        let recipients = [Recipient(name: "冯静", phone: full ? "13800000049" : nil), Recipient(name: "值班室", phone: nil)]
        return OrderSnapshot(
            team: .init(id: "hedong-grid-01", name: "河东社区第一网格网格员", kind: "grid", area: "gaoming/yanghe/hedong",
                        recipients: recipients),
            ruleID: "typhoon-readiness", responseLevel: full ? "II" : nil, demand: "capability notification",
            area: "gaoming/yanghe", areaName: "高明区杨和镇", ring: 1, ackWithin: 900, arriveWithin: full ? 3_600 : nil,
            onUnacknowledged: full ? .reassign : .report,
            chain: full ? [.init(step: 1, after: 900, dutyPostID: "yanghe-duty", dutyPostName: "杨和镇应急值班室", recipients: recipients),
                           .init(step: 2, after: 1_800, dutyPostID: "gaoming-emergency", dutyPostName: "区应急局", recipients: [])] : [],
            instructions: "请\"立即\"集结\n{team_name}", ackDeadline: Date(timeIntervalSince1970: full ? 1_725_581_400.25 : 1_725_581_400))
    }

    @Test(arguments: [true, false]) func encodedTextDecodesToTheSameSnapshot(full: Bool) throws {
        let snapshot = Self.snapshot(full: full)
        #expect(OrderSnapshot.decode(snapshot.encoded()) == snapshot)
    }

    @Test(arguments: [true, false]) func textIsWhatJSONEncoderWroteAndEarlierSnapshotsStillRead(full: Bool) throws {
        let snapshot = Self.snapshot(full: full)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        let earlier = String(decoding: try encoder.encode(snapshot), as: UTF8.self)
        #expect(OrderSnapshot.decode(earlier) == snapshot)
        let ours = try JSONSerialization.jsonObject(with: Data(snapshot.encoded().utf8)) as? NSDictionary
        let theirs = try JSONSerialization.jsonObject(with: Data(earlier.utf8)) as? NSDictionary
        #expect(ours == theirs, "same keys and values as JSONEncoder's\nours:   \(snapshot.encoded())\ntheirs: \(earlier)")
    }
}
