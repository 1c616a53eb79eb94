import Foundation
import Testing
@testable import Rules

@Suite struct AckCodingTests {
    private func failure(_ text: String) throws -> InputError {
        do {
            _ = try AckDecoder.decode(Array(text.utf8))
        } catch {
            return error
        }
        Issue.record("decoded without error: \(text)")
        throw InputError("no error")
    }

    @Test func decodesTheSpecForm() throws {
        let ack = try AckDecoder.decode(Array("""
        {"order_id": "O-17", "status": "accept", "by": "张三", "at": "2024-09-06T08:05:00+08:00", "note": "10分钟到"}
        """.utf8))
        #expect(ack == Acknowledgement(orderID: "O-17", status: .accept, by: "张三",
                                       at: Date(timeIntervalSince1970: 1_725_581_100), note: "10分钟到"))
    }

    @Test func atAndNoteAreOptionalAndStatusIgnoresCase() throws {
        let ack = try AckDecoder.decode(Array(#"{"order_id":"O-1","status":"Arrived","by":"李四","gateway":"sms"}"#.utf8))
        #expect(ack == Acknowledgement(orderID: "O-1", status: .arrived, by: "李四"))
    }

    @Test(arguments: [
        (#"{"status":"accept","by":"张三"}"#, 1, 1, "the acknowledgement has no `order_id`"),
        (#"{"order_id":"O-1","by":"张三"}"#, 1, 1, "the acknowledgement has no `status`"),
        (#"{"order_id":"O-1","status":"accept"}"#, 1, 1, "the acknowledgement has no `by`"),
        (#"{"order_id":17,"status":"accept","by":"张三"}"#, 1, 13, "`order_id` must be a string, found a number"),
        (#"{"order_id":"O-1","status":"acept","by":"张三"}"#, 1, 28, "unknown `status` \"acept\""),
        (#"{"order_id":"O-1","status":"accept","by":""}"#, 1, 42, "`by` is empty"),
        (#"{"order_id":"O-1","status":"accept","by":"张三","at":"08:05"}"#, 1, 52,
         "`at` \"08:05\" is not an RFC 3339 time: expected a 4-digit year"),
        (#"{"order_id":"O-1","status":"accept","by":"张三","note":5}"#, 1, 54, "`note` must be a string, found a number"),
        (#"["O-1"]"#, 1, 1, "the acknowledgement must be a JSON object, found an array"),
        (#"{"order_id":"O-1","#, 1, 19, "expected a string key after ',', found end of input"),
    ])
    func badAcksAreRefusedWithPosition(text: String, line: Int, column: Int, message: String) throws {
        let error = try failure(text)
        #expect(error.message == message)
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.remedy?.isEmpty == false)
    }

    @Test func unknownStatusSuggestsTheNearest() throws {
        let error = try failure(#"{"order_id":"O-1","status":"acept","by":"张三"}"#)
        #expect(error.remedy == "did you mean \"accept\"? use one of accept, decline, arrived, complete")
    }

    @Test func encoderWritesTheSpecFormPretty() throws {
        let ack = Acknowledgement(orderID: "O-17", status: .decline, by: "王五",
                                  at: Date(timeIntervalSince1970: 1_725_581_100), note: "车辆故障")
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        let text = String(decoding: AckEncoder.encode(ack, timeZone: shanghai), as: UTF8.self)
        #expect(text == """
        {
          "order_id": "O-17",
          "status": "decline",
          "by": "王五",
          "at": "2024-09-06T08:05:00+08:00",
          "note": "车辆故障"
        }

        """)
    }

    @Test func encodeThenDecodeIsIdentity() throws {
        for ack in [
            Acknowledgement(orderID: "O-1", status: .complete, by: "赵六"),
            Acknowledgement(orderID: "O-2", status: .arrived, by: "Li \"Si\"", at: Date(timeIntervalSince1970: 1_725_581_100),
                            note: "line1\nline2"),
        ] {
            #expect(try AckDecoder.decode(AckEncoder.encode(ack)) == ack)
        }
        let text = String(decoding: AckEncoder.encode(Acknowledgement(orderID: "O-1", status: .accept, by: "x")), as: UTF8.self)
        #expect(!text.contains("\"at\"") && !text.contains("\"note\""))
    }
}
