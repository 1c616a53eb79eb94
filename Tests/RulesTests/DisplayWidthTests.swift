import Testing
@testable import Rules

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("", 0),
        ("abc", 3),
        ("中文", 4),
        ("台风abc", 7),
        ("高明区 杨和镇", 13),
        ("，。：", 6),
        ("ＡＢ", 4),
        ("ｶﾀ", 2),
        ("한국", 4),
        ("かな", 4),
        ("e\u{301}", 1),
        ("\u{301}", 0),
        ("a\u{200B}b", 2),
        ("“摩羯”", 6),
        ("😀", 2),
        ("👨‍👩‍👧", 2),
        ("🇨🇳", 2),
        ("❤️", 2),
        ("❤", 1),
        ("🌀台风", 6),
        ("\t", 0),
    ])
    func widths(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    @Test func padFillsToTheColumnWidth() {
        #expect(DisplayWidth.pad("台风", to: 6) == "台风  ")
        #expect(DisplayWidth.pad("abc", to: 6) == "abc   ")
        #expect(DisplayWidth.pad("杨和镇", to: 6) == "杨和镇")
        #expect(DisplayWidth.pad("longer", to: 2) == "longer")
        let rows = ["高明区", "gaoming", "杨和镇 yanghe"].map { DisplayWidth.pad($0, to: 14) + "|" }
        #expect(rows.allSatisfy { DisplayWidth.of($0) == 15 })
    }
}
