import Testing
@testable import Rules

@Suite struct JSONUTF8Tests {
    private func error(inString bad: [UInt8], prefix: String = "[\"") throws -> InputError {
        try #require(jsonParseError(Array(prefix.utf8) + bad + Array("\"]".utf8)))
    }

    @Test(arguments: [
        ([0xC0, 0xAF], "invalid UTF-8: overlong encoding (byte 0xC0)"),
        ([0xC1, 0xBF], "invalid UTF-8: overlong encoding (byte 0xC1)"),
        ([0xE0, 0x80, 0xAF], "invalid UTF-8: overlong encoding (bytes 0xE0 0x80)"),
        ([0xF0, 0x80, 0x80, 0xAF], "invalid UTF-8: overlong encoding (bytes 0xF0 0x80)"),
        ([0xED, 0xA0, 0x80], "invalid UTF-8: encoded surrogate (bytes 0xED 0xA0)"),
        ([0xED, 0xBF, 0xBF], "invalid UTF-8: encoded surrogate (bytes 0xED 0xBF)"),
        ([0xF4, 0x90, 0x80, 0x80], "invalid UTF-8: code point above U+10FFFF (bytes 0xF4 0x90)"),
        ([0xF5, 0x80, 0x80, 0x80], "invalid UTF-8: byte 0xF5 never appears in UTF-8"),
        ([0xFF], "invalid UTF-8: byte 0xFF never appears in UTF-8"),
        ([0x80], "invalid UTF-8: unexpected continuation byte 0x80"),
        ([0xE4, 0xB8], "invalid UTF-8: truncated sequence after byte 0xE4"),
        ([0xF0, 0x9F, 0x98], "invalid UTF-8: truncated sequence after byte 0xF0"),
        ([0xC3, 0x41], "invalid UTF-8: truncated sequence after byte 0xC3"),
    ])
    func invalidSequencesAreRefusedAtTheirFirstByte(bad: [UInt8], message: String) throws {
        let error = try error(inString: bad)
        #expect(error.message == message)
        #expect(error.line == 1 && error.column == 3)
        #expect(error.remedy == "save the file as UTF-8")
    }

    @Test func columnOfABadByteCountsTheCharactersBeforeIt() throws {
        let error = try error(inString: Array("中文".utf8) + [0xFF], prefix: "{\n \"标题\": \"")
        #expect(error.line == 2 && error.column == 11)
    }

    @Test func invalidUTF8OutsideStringsIsReportedAsSuch() throws {
        let error = try #require(jsonParseError([UInt8(ascii: "{"), 0xFF, UInt8(ascii: "}")]))
        #expect(error.message == "invalid UTF-8: byte 0xFF never appears in UTF-8")
        #expect(error.column == 2)
    }

    @Test func validMultiByteCharactersAreAccepted() throws {
        // 2-, 3- and 4-byte sequences at the edges of their valid ranges.
        let text = "\u{80}\u{7FF}\u{800}\u{D7FF}\u{E000}\u{FFFF}\u{10000}\u{10FFFF}中文😀"
        let value = try JSONParser.parse(Array("[\"\(text)\"]".utf8))
        #expect(value.arrayValue?.first?.stringValue == text)
    }
}
