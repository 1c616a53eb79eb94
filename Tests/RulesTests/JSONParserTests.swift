import Testing
@testable import Rules

func jsonParseError(_ bytes: [UInt8]) -> InputError? {
    do {
        _ = try JSONParser.parse(bytes)
        return nil
    } catch {
        return error
    }
}

func jsonParseError(_ text: String) -> InputError? { jsonParseError(Array(text.utf8)) }

@Suite struct JSONParserTests {
    @Test func parsesEveryKindOfValueWithPositions() throws {
        let text = "{\n  \"s\": \"x\",\n  \"n\": -1.5e2,\n  \"a\": [true, false, null],\n  \"o\": {}\n}"
        let value = try JSONParser.parse(Array(text.utf8))
        #expect(value.line == 1 && value.column == 1)
        #expect(value.objectMembers?.map(\.key) == ["s", "n", "a", "o"])
        let number = try #require(value["n"])
        #expect(number.numberValue == JSONNumber(literal: "-1.5e2", value: -150))
        #expect(number.line == 3 && number.column == 8)
        let array = try #require(value["a"]?.arrayValue)
        #expect(array == [true, false, nil])
        #expect(array[1].line == 4 && array[1].column == 15)
        let members = try #require(value.objectMembers)
        #expect(members[3].keyLine == 5 && members[3].keyColumn == 3)
        #expect(value["o"]?.objectMembers?.isEmpty == true)
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let value = try JSONParser.parse(Array("{\"标题\":\"台风\",\"k\":1}".utf8))
        let k = try #require(value.objectMembers?.last)
        #expect(k.keyColumn == 12)
        #expect(k.value.column == 16)
        #expect(value["标题"]?.stringValue == "台风")
    }

    @Test(arguments: [
        ("", 1, 1, "unexpected end of input: expected a value"),
        ("   \n  ", 2, 3, "unexpected end of input: expected a value"),
        ("{\"a\":1,}", 1, 8, "expected a string key after ',', found '}'"),
        ("{\"a\" 1}", 1, 6, "expected ':' after object key, found '1'"),
        ("{\n  \"id\": \"x\"\n  \"kind\": \"y\"\n}", 3, 3, "expected ',' or '}' after object member, found '\"'"),
        ("{\"a\":1", 1, 7, "unexpected end of input: expected ',' or '}' after object member"),
        ("{1:2}", 1, 2, "expected a string key or '}', found '1'"),
        ("{中}", 1, 2, "expected a string key or '}', found '中'"),
        ("[1 2]", 1, 4, "expected ',' or ']' after array element, found '2'"),
        ("[1,]", 1, 4, "expected a value, found ']'"),
        ("[1,", 1, 4, "unexpected end of input: expected a value"),
        ("{\"a\":tru}", 1, 6, "invalid literal: expected 'true'"),
        ("{\"a\":nullx}", 1, 10, "invalid literal: unexpected 'x' after 'null'"),
        ("{\"a\":True}", 1, 6, "expected a value, found 'T'"),
        ("{\"a\":'x'}", 1, 6, "expected a value, found '''"),
        ("{\"a\":01}", 1, 6, "leading zero in number"),
        ("{\"a\":-}", 1, 7, "expected a digit after '-', found '}'"),
        ("{\"a\":1.}", 1, 8, "expected a digit after the decimal point, found '}'"),
        ("{\"a\":1e+}", 1, 9, "expected a digit in the exponent, found '}'"),
        ("{\"a\":.5}", 1, 6, "expected a value, found '.'"),
        ("{\"a\":1e999}", 1, 6, "number 1e999 is out of range"),
        ("{\"a\":\"x", 1, 6, "unterminated string: no closing '\"' before the end of input"),
        ("{\"a\":\"x\ny\"}", 1, 8, "control character U+000A inside a string"),
        ("{\"a\":\"\\x\"}", 1, 7, "invalid escape '\\x' in string"),
        ("{\"a\":\"\\u12G4\"}", 1, 11, "expected a hexadecimal digit in \\u escape, found 'G'"),
        ("[\"\\uD800\"]", 1, 3, "lone high surrogate \\uD800 in string"),
        ("[\"\\uDC00\"]", 1, 3, "lone low surrogate \\uDC00 in string"),
        ("[\"\\uD800\\u0041\"]", 1, 3, "high surrogate \\uD800 not followed by a low surrogate"),
        ("{\"a\":1} x", 1, 9, "expected end of input after the top-level value, found 'x'"),
        ("{\"a\":1}{}", 1, 8, "expected end of input after the top-level value, found '{'"),
        ("{\r\n  \"a\" 1}", 2, 7, "expected ':' after object key, found '1'"),
        ("{\"a\":\u{1}}", 1, 6, "expected a value, found control character U+0001"),
        ("{\"a\":1,\n \"a\":2}", 2, 2, "duplicate key \"a\" (first at 1:2)"),
    ])
    func brokenInputIsRefusedWithItsPosition(text: String, line: Int, column: Int, message: String) throws {
        let error = try #require(jsonParseError(text))
        #expect(error.message == message)
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.remedy != nil)
    }

    @Test func errorDescriptionHasPositionMessageAndRemedy() throws {
        let error = try #require(jsonParseError("{\n  \"id\": \"x\"\n  \"kind\": 1}"))
        #expect(error.description.hasPrefix("3:3: expected ',' or '}' after object member, found '\"'; "))
    }

    @Test func duplicateKeysAreRefusedInLargeObjectsToo() throws {
        let members = (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        #expect(throws: Never.self) { try JSONParser.parse(Array("{\(members)}".utf8)) }
        let error = try #require(jsonParseError("{\(members),\"k17\":0}"))
        #expect(error.message.hasPrefix("duplicate key \"k17\""))
    }

    @Test func nestingUpToTheLimitIsAcceptedAndBeyondRefused() throws {
        let limit = JSONParser.maximumDepth
        let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(throws: Never.self) { try JSONParser.parse(Array(deepest.utf8)) }
        let error = try #require(jsonParseError(String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)))
        #expect(error.message == "nesting deeper than 64 levels")
        #expect(error.column == 65)
        let bomb = try #require(jsonParseError(String(repeating: "{\"a\":", count: 100_000)))
        #expect(bomb.message == "nesting deeper than 64 levels")
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let value = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("{\"a\":1}".utf8))
        #expect(value["a"]?.numberValue?.intValue == 1)
        let error = try #require(jsonParseError([0xEF, 0xBB, 0xBF] + Array("{x}".utf8)))
        #expect(error.line == 1 && error.column == 2)
    }

    @Test func escapesDecode() throws {
        let value = try JSONParser.parse(Array(#"["a\"b\\c\/d\b\f\n\r\t", "\u4E2D\u6587", "\uD83D\uDE00", "x\u0000y"]"#.utf8))
        #expect(value.arrayValue?.map(\.stringValue) == ["a\"b\\c/d\u{8}\u{C}\n\r\t", "中文", "😀", "x\u{0}y"])
    }

    @Test func numbersKeepTheirLiteral() throws {
        let value = try JSONParser.parse(Array("[0, -0, 1.50, 2E3, 12345678901234567890]".utf8))
        #expect(value.arrayValue?.map { $0.numberValue?.literal } == ["0", "-0", "1.50", "2E3", "12345678901234567890"])
        #expect(value.arrayValue?[3].doubleValue == 2000)
    }

    @Test func scalarsAtTopLevelAreValues() throws {
        #expect(try JSONParser.parse(Array(" \"x\" ".utf8)) == "x")
        #expect(try JSONParser.parse(Array("42".utf8)) == 42)
    }
}
