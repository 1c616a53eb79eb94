import Testing
@testable import Rules

@Suite struct InputFormatTests {
    @Test(arguments: [
        ("incident.json", "", InputFormat.nativeJSON),
        ("INCIDENT.JSON", "<alert/>", .nativeJSON),
        ("warning.xml", "{}", .cap),
        ("warning.cap", "", .cap),
        ("warning.CAP", "", .cap),
        ("drop-0001", "{\"id\":1}", .nativeJSON),
        ("drop-0001", " \r\n\t{", .nativeJSON),
        ("drop-0001", "<?xml version=\"1.0\"?><alert/>", .cap),
        ("drop-0001", "\n  <alert/>", .cap),
        ("drop-0001", "", .unknown),
        ("drop-0001", "   ", .unknown),
        ("notes.txt", "id: 1", .unknown),
        ("data.jsonl", "[{}]", .unknown),
    ])
    func detectsByNameThenContent(name: String, content: String, format: InputFormat) {
        #expect(InputFormat.detect(fileName: name, bytes: Array(content.utf8)) == format)
    }

    @Test func byteOrderMarkIsSkipped() {
        #expect(InputFormat.detect(fileName: "x", bytes: [0xEF, 0xBB, 0xBF] + Array(" {".utf8)) == .nativeJSON)
        #expect(InputFormat.detect(fileName: "x", bytes: [0xEF, 0xBB, 0xBF, UInt8(ascii: "<")]) == .cap)
        #expect(InputFormat.detect(fileName: "x", bytes: [0xEF, 0xBB, 0xBF]) == .unknown)
        #expect(InputFormat.detect(fileName: "x", bytes: [0xEF, 0xBB]) == .unknown)
    }
}
