import Dispatcher
import Foundation
import Testing

/// The figures of SPEC §16 from history rows (logic only; the real story runs end to end in
/// OperatorStoryTests), and the timeline's order: an input before the effects it caused.
@Suite struct TimelineFiguresTests {
    let start = Date(timeIntervalSince1970: 1_725_584_400)

    func row(_ id: Int64, _ seconds: Double, _ event: String, _ detail: String, by: String? = nil, uid: UInt32? = nil) -> HistoryRecord {
        HistoryRecord(id: id, incidentID: "GM-1", at: start.addingTimeInterval(seconds), event: event,
                      actor: by.map { HistoryActor(by: $0, ownerUID: uid) }, detail: detail)
    }

    @Test func figuresCountFromTheFirstInputAndWaitForEveryDemand() {
        let rows = [
            row(1, 0, "order", #"{"order_id":"o1","demand":"r#0@a"}"#),
            row(2, 0, "order", #"{"order_id":"o2","demand":"r#1@a"}"#),
            row(3, 0, "shortfall", #"{"demand":"r#1@a","requested":2,"dispatched":1}"#),
            row(4, 0, "input", #"{"file":"alert.json","sha256":"abcdef","owner_uid":1000}"#),
            row(5, 600, "escalation", #"{"order_id":"o1","step":1,"duty_post":"town"}"#),
            row(6, 660, "ack", #"{"order_id":"o1","status":"decline"}"#, by: "张三", uid: 1000),
            row(7, 660, "reassign", #"{"order_id":"o3","demand":"r#0@a","replaces_order_id":"o1"}"#),
            row(8, 900, "ack", #"{"order_id":"o3","status":"accept"}"#, by: "李四", uid: 1001),
            row(9, 1200, "ack", #"{"order_id":"o2","status":"accept"}"#, by: "王五"),
            row(10, 1300, "standdown", #"{"order_id":"o2","reason":"operator"}"#),
        ]
        let timeline = IncidentTimeline(incidentID: "GM-1", rows: rows) { $0 == 1000 ? "zhangs" : nil }
        #expect(timeline.events.map(\.event).prefix(2) == ["input", "order"], "the input before what it caused")
        #expect(timeline.events.first?.ownerName == "zhangs")
        let decline = timeline.events.first { $0.event == "ack" }
        #expect(decline?.by == "张三" && decline?.ownerUID == 1000 && decline?.sinceStart == 660)
        let figures = timeline.figures
        #expect(figures.toFirstOrder == 0)
        #expect(figures.toFirstAccept == 900)
        #expect(figures.toEveryDemandAccepted == nil, "r#1@a wants 2 teams and has one accept")
        #expect(figures.demands == 2 && figures.acceptedDemands == 1)
        #expect(figures.escalations == 1 && figures.reassigns == 1 && figures.standdowns == 1)
        #expect(figures.neverFilled == ["r#1@a"], "2 requested, 1 issued")
    }

    @Test func everyDemandAcceptedIsTheLastDemandsFirstFullAccept() {
        let rows = [
            row(1, 0, "input", "{}"),
            row(2, 5, "order", #"{"order_id":"o1","demand":"r#0@a"}"#),
            row(3, 5, "order", #"{"order_id":"o2","demand":"r#1@a"}"#),
            row(4, 100, "ack", #"{"order_id":"o2","status":"accept"}"#),
            row(5, 250, "ack", #"{"order_id":"o1","status":"accept"}"#),
            row(6, 300, "ack", #"{"order_id":"o1","status":"complete"}"#),
        ]
        let figures = IncidentTimeline(incidentID: "GM-1", rows: rows) { _ in nil }.figures
        #expect(figures.toFirstOrder == 5 && figures.toFirstAccept == 100 && figures.toEveryDemandAccepted == 250)
        #expect(figures.neverFilled.isEmpty)
    }
}
