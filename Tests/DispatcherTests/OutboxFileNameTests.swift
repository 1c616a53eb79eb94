import Testing
@testable import Dispatcher

@Suite struct OutboxFileNameTests {
    @Test func seqIsTwentyDigitsZeroPadded() {
        #expect(MessageFileName.paddedSeq(1) == "00000000000000000001")
        #expect(MessageFileName.paddedSeq(Int64.max) == "09223372036854775807")
        #expect(MessageFileName.make(seq: 42, type: .order, id: "GM-20240906-0001.o1")
            == "00000000000000000042-order-GM-20240906-0001.o1.json")
    }

    @Test(arguments: [
        ("gaoming/yanghe/shishui", "gaoming_yanghe_shishui"),
        ("44060820240906080000", "44060820240906080000"),
        ("高明-台风 1", "__-___1"),
        ("a b\tc\nd", "a_b_c_d"),
        ("../../etc/passwd", ".._.._etc_passwd"),
        ("O:1,2;3*", "O_1_2_3_"),
        ("e\u{301}", "e_"),
    ])
    func idCharactersOutsideTheSafeSetBecomeUnderscores(id: String, escaped: String) {
        #expect(MessageFileName.escape(id) == escaped)
    }

    @Test func eachTypeNamesItsFile() {
        #expect(MessageFileName.make(seq: 7, type: .mode, id: "gaoming/yanghe") == "00000000000000000007-mode-gaoming_yanghe.json")
        #expect(MessageFileName.make(seq: 8, type: .shortfall, id: "GM-1") == "00000000000000000008-shortfall-GM-1.json")
        #expect(MessageFileName.make(seq: 9, type: .unacknowledged, id: "O-1") == "00000000000000000009-unacknowledged-O-1.json")
    }
}
