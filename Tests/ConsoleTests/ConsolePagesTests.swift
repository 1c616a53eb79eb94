import Catalogue
import Console
import Dispatcher
import Foundation
import Rules
import Testing

/// The incident and duty pages draw the library's models (`IncidentView`, `IncidentTimeline`,
/// `HandoverReport`: what `dispatchd show`, `history` and `handover` print), and a repeated
/// console action is never a duplicate. Real daemon, real console, real state.
@Suite(.serialized) struct ConsolePagesTests {
    static let zh = Catalogue(.chinese)

    func firstOrder(_ http: HTTPProbe) async -> String? {
        var orderID: String?
        _ = await eventually {
            guard let text = try? await http.send("GET", "/api/status").body,
                  let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                  let order = (object["orders"] as? [[String: Any]])?.first else { return false }
            orderID = order["order_id"] as? String
            return true
        }
        return orderID
    }

    @Test func theIncidentPageShowsTheLibrarysDemandsTimelineAndFigures() async throws {
        let box = try await ConsoleSandbox(verdictWait: 8)
        defer { box.stop() }
        let ops = HTTPProbe(port: box.port)
        let token = try await ops.login("ops")
        try box.incident(id: "CT-TIMELINE-1", title: "时间线测试")
        let orderID = try #require(await firstOrder(ops))
        let applied = try await ops.send("POST", "/act", body: HTTPProbe.form([("csrf", token), ("action", "ack"), ("order_id", orderID),
                                                                        ("status", "accept"), ("by", "张队长")]))
        #expect(applied.body.contains("data-verdict=\"applied\""), "\(applied.body.suffix(600))")
        let page = try await ops.send("GET", "/incidents/CT-TIMELINE-1").body

        let county = try #require(CountyLoader.load(configPath: box.config, read: { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) }).county)
        let store = try StateStore.openReadOnly(directory: box.state)
        let timeline = try #require(try IncidentTimeline.read(incidentID: "CT-TIMELINE-1", from: store))
        let view = try #require(try IncidentView.read(incidentID: "CT-TIMELINE-1", county: county, from: store))
        // every event of the library's timeline, in its order, with the catalogue's event name and who
        let rows = page.components(separatedBy: "<tr data-event=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(rows == timeline.events.map(\.event))
        #expect(page.contains("<td>\(Self.zh.event("ack"))</td><td>张队长"), "the timeline names who answered")
        // the figures as the library computed them
        let figures = timeline.figures
        #expect(figures.toFirstAccept != nil)
        func duration(_ seconds: Int?) -> String { seconds.map { ConfigDuration(seconds: max(0, $0)).description } ?? Self.zh(.figureNotYet) }
        #expect(page.contains(HTML.escape(Self.zh(.figureFirstOrder, duration(figures.toFirstOrder)))))
        #expect(page.contains(HTML.escape(Self.zh(.figureFirstAccept, duration(figures.toFirstAccept)))))
        #expect(page.contains(HTML.escape(Self.zh(.figureCounts, "\(figures.escalations)", "\(figures.reassigns)", "\(figures.standdowns)"))))
        // the demands and orders of the library's view
        #expect(!view.demands.isEmpty)
        for demand in view.demands { #expect(page.contains("data-demand=\"\(HTML.escape(demand.key))\"")) }
        #expect(page.contains(HTML.escape(Self.zh(.showOrders, "\(view.orders.count)", "\(view.openOrders.count)"))))
        ops.acceptLanguage = "en"
        #expect(try await ops.send("GET", "/incidents/CT-TIMELINE-1").body.contains(Catalogue(.english)(.historyFigures)))
    }

    @Test func theDutyPageIsTheHandoverReportAndPrints() async throws {
        let box = try await ConsoleSandbox(verdictWait: 8)
        defer { box.stop() }
        let ops = HTTPProbe(port: box.port)
        let token = try await ops.login("ops")
        try box.incident(id: "CT-HANDOVER-1", title: "交接班测试")
        _ = try #require(await firstOrder(ops))
        let duty = try await ops.send("POST", "/act", body: HTTPProbe.form([("csrf", token), ("action", "duty"), ("post_id", "yanghe-duty"),
                                                                     ("name", "陈明"), ("phone", "13800000001")]))
        #expect(duty.body.contains("data-verdict=\"applied\""), "\(duty.body.suffix(500))")
        let page = try await ops.send("GET", "/duty?post=yanghe-duty").body
        let county = try #require(CountyLoader.load(configPath: box.config, read: { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) }).county)
        let post = try #require(county.dutyPost(id: "yanghe-duty"))
        let report = try HandoverReport.read(post: post, county: county, now: Date(), from: StateStore.openReadOnly(directory: box.state))
        #expect(page.contains("data-post=\"yanghe-duty\""))
        #expect(!page.contains("data-post=\"") || page.components(separatedBy: "data-post=\"").count == 2, "one post with ?post=")
        #expect(page.contains("陈明 13800000001"))
        #expect(page.contains(HTML.escape(Self.zh(.handoverIncidents, county.areas.fullName(of: post.area), "\(report.incidents.count)"))))
        #expect(page.contains(HTML.escape(Self.zh(.handoverOrders, "\(report.openOrders.count)"))))
        #expect(report.incidents.contains { $0.incidentID == "CT-HANDOVER-1" } && page.contains("交接班测试"))
        #expect(page.contains(Self.zh.event("handover")), "the handover is in what happened since")
        #expect(page.contains("data-print"), "a print button (wired by console.js, no inline script)")
        let style = try await ops.send("GET", "/static/console.css").body
        #expect(style.contains("@media print") && style.contains("break-before: page"))
        #expect(try await ops.send("GET", "/static/console.js").body.contains("window.print()"))
        #expect(try await ops.send("GET", "/duty?post=no-such-post").status == 404)
        let all = try await ops.send("GET", "/duty").body
        #expect(all.components(separatedBy: "data-post=\"").count - 1 == county.dutyPosts.count)
    }

    @Test func theSameActionTwiceWithinOneSecondAppliesTwice() async throws {
        let box = try await ConsoleSandbox(verdictWait: 8)
        defer { box.stop() }
        let ops = HTTPProbe(port: box.port)
        let token = try await ops.login("ops")
        let form = HTTPProbe.form([("csrf", token), ("action", "duty"), ("post_id", "yanghe-duty"), ("name", "陈明"), ("phone", "13800000002")])
        let other = HTTPProbe(port: box.port)   // the same session, from a second connection at the same moment
        other.cookies = ops.cookies
        async let first = ops.send("POST", "/act", body: form)
        async let second = other.send("POST", "/act", body: form)
        let replies = try await [first, second]
        for reply in replies { #expect(reply.body.contains("data-verdict=\"applied\""), "\(reply.body.suffix(500))") }
        let store = try StateStore.openReadOnly(directory: box.state)
        let handovers = try await store.database.read { try OperatorStateReads.history(postID: "yanghe-duty", in: $0) }.filter { $0.event == "handover" }
        #expect(handovers.count == 2, "two handovers recorded, none filed as a duplicate")
        #expect(!box.daemonLog.contains("duplicate"), "\(box.daemonLog.suffix(800))")
    }
}
