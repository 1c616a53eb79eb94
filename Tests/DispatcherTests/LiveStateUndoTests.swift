import Foundation
import Testing
@testable import Dispatcher
import Rules

/// One input refused inside a batch is undone from `LiveState`'s undo log: the view is then
/// exactly what it was before that input, and the batch's earlier changes stay.
@Suite struct LiveStateUndoTests {
    let t0 = Date(timeIntervalSince1970: 1_725_580_800)

    private func order(_ id: String, team: String, exercise: Bool = false) -> OrderRecord {
        OrderRecord(orderID: id, incidentID: "GM-1", teamID: team, ruleID: "r", demandKey: "r#0@gaoming",
                    areaPath: "gaoming", exercise: exercise, issuedAt: t0, chainStart: t0, nextDeadline: nil)
    }

    private func view(_ state: LiveState) -> String {
        let incidents = ["GM-1", "GM-2", "GM-3"].map { "\($0)=\(String(describing: state.coverage(of: $0)))" }
        return "\(state.realLoad.sorted { $0.key < $1.key }) \(state.exerciseOrders.sorted { $0.key < $1.key }) \(incidents) "
            + "\(String(describing: state.highestLevel(namingAnyOf: ["gaoming", "gaoming/yanghe"])))"
    }

    @Test func rollBackToAMarkRestoresExactlyTheViewAtTheMark() {
        var state = LiveState()
        state.setCoverage("GM-1", .init(areas: ["gaoming"], response: .three, exercise: false))
        state.hold(order("O-1", team: "militia"))
        state.hold(order("X-1", team: "fire", exercise: true))
        let before = view(state)
        let mark = state.undoMark

        state.hold(order("O-2", team: "militia"))
        state.hold(order("O-3", team: "medical"))
        state.release(order("O-1", team: "militia"))
        state.release(order("X-1", team: "fire", exercise: true))
        state.hold(order("X-2", team: "fire", exercise: true))
        state.setCoverage("GM-1", .init(areas: ["gaoming", "gaoming/yanghe"], response: .one, exercise: false))
        state.setCoverage("GM-2", .init(areas: ["gaoming/yanghe"], response: .two, exercise: false))
        state.setCoverage("GM-3", .init(areas: ["gaoming"], response: .one, exercise: true))
        #expect(view(state) != before)

        state.rollBack(to: mark)
        #expect(view(state) == before)
        #expect(state.highestLevel(namingAnyOf: ["gaoming/yanghe"]) == nil)
        #expect(state.highestLevel(namingAnyOf: ["gaoming"]) == .three)
    }

    @Test func aTransactionMarkAlsoForgetsTheInputsEffects() {
        var tx = EngineTransaction(live: LiveState(), now: t0)
        tx.effects.arm(.order("O-1"), at: t0)
        tx.effects.messages = 1
        let mark = tx.mark
        tx.live.hold(order("O-2", team: "militia"))
        tx.release(order("O-2", team: "militia"))
        tx.effects.arm(.order("O-2"), at: t0)
        tx.effects.messages = 3
        tx.rollBack(to: mark)
        #expect(tx.timers.map(\.id) == [.order("O-1")])
        #expect(tx.messagesWritten == 1)
        #expect(!tx.effects.capacityReleased)
        #expect(tx.live.realLoad.isEmpty)
    }
}

@Suite struct EngineTimerTests {
    @Test func aTimerKeepsItsKindAndIdEvenWhenTheIdStartsWithACombiningMark() {
        for id in ["GM-20240906-0001-o3", "\u{0301}x", "订单-1", ""] {
            #expect(EngineTimer.order(id).kind == .order(id))
            #expect(EngineTimer.expire(id).kind == .expire(id))
            #expect(EngineTimer.order(id) != EngineTimer.expire(id))
        }
        #expect(MemoryLayout<LoopTimer>.size == 16, "one String: 16 bytes per pending deadline's id")
    }
}
