import Testing
@testable import Rules

@Suite struct JSONWriterTests {
    private let message: JSONValue = [
        "type": "order",
        "seq": 7,
        "exercise": false,
        "area_name": "杨和镇",
        "recipients": [["name": "李四", "phone": "13800000000"]],
        "ack_deadline": nil,
        "empty": [],
        "nothing": [:],
    ]

    @Test func compactOutputKeepsKeyOrderAndHasNoWhitespace() {
        #expect(JSONWriter.string(message) == #"{"type":"order","seq":7,"exercise":false,"area_name":"杨和镇","recipients":[{"name":"李四","phone":"13800000000"}],"ack_deadline":null,"empty":[],"nothing":{}}"#)
    }

    @Test func prettyOutputIndentsByTwoSpaces() {
        let expected = """
        {
          "type": "order",
          "seq": 7,
          "exercise": false,
          "area_name": "杨和镇",
          "recipients": [
            {
              "name": "李四",
              "phone": "13800000000"
            }
          ],
          "ack_deadline": null,
          "empty": [],
          "nothing": {}
        }
        """
        #expect(JSONWriter.string(message, pretty: true) == expected)
    }

    @Test func onlyQuotesBackslashesAndControlCharactersAreEscaped() {
        let value: JSONValue = .string("引号\"反斜杠\\/\n\t\r\u{8}\u{C}\u{1}\u{7F}é😀")
        #expect(JSONWriter.string(value) == #""引号\"反斜杠\\/\n\t\r\b\f\u0001\u007Fé😀""#)
    }

    @Test func builtNumbersUseTheShortestForm() {
        let value: JSONValue = [.number(3.0), .number(22.9), .number(-0.5), .number(1e300), .number(Double.infinity), 12]
        #expect(JSONWriter.string(value) == "[3,22.9,-0.5,1e+300,null,12]")
    }

    @Test func chineseRoundTripsByteForByte() throws {
        let text = "{\"title\":\"台风“摩羯”橙色预警\",\"description\":\"预计6日夜间登陆，阵风12级\",\"n\":1.50,\"deep\":[{\"a\":[]}]}"
        let parsed = try JSONParser.parse(Array(text.utf8))
        #expect(JSONWriter.render(parsed) == Array(text.utf8))
        #expect(try JSONParser.parse(JSONWriter.render(parsed, pretty: true)) == parsed)
    }

    @Test func escapedInputIsWrittenAsPlainUTF8() throws {
        let parsed = try JSONParser.parse(Array(#"{"t":"\u53F0\u98CE \uD83C\uDF00"}"#.utf8))
        #expect(JSONWriter.string(parsed) == #"{"t":"台风 🌀"}"#)
    }

    @Test func descriptionIsCompactJSON() {
        #expect(JSONValue.object(["a": [1, "b"]]).description == #"{"a":[1,"b"]}"#)
    }
}
