import Foundation
import Testing
@testable import Rules

@Suite struct OperatorCommandCodingTests {
    private let at = Date(timeIntervalSince1970: 1_725_585_120)  // 2024-09-06T09:12:00+08:00

    private func decode(_ text: String) throws(InputError) -> OperatorCommand {
        try OperatorCommandDecoder.decode(Array(text.utf8))
    }

    private func failure(_ text: String) throws -> InputError {
        do {
            _ = try decode(text)
        } catch {
            return error
        }
        Issue.record("decoded without error: \(text)")
        throw InputError("no error")
    }

    @Test func decodesTheSpecExample() throws {
        let command = try decode("""
        {"command": "standdown", "order_id": "GM-20240906-0001-o3", "reason": "道路中断，改派他队",
         "by": "王强", "at": "2024-09-06T09:12:00+08:00", "note": "...", "via": "cli", "extra": [1]}
        """)
        #expect(command == OperatorCommand(.standdown(orderID: "GM-20240906-0001-o3", reason: "道路中断，改派他队"),
                                           by: "王强", at: at, note: "...", via: "cli"))
        #expect(command.kind == .standdown)
    }

    static let everyCommand: [OperatorCommand.Action] = [
        .cancel(incidentID: "GM-1"),
        .close(incidentID: "GM-1"),
        .dispatch(ManualDispatch(incidentID: "GM-1", teamID: "yanghe-militia")),
        .dispatch(ManualDispatch(incidentID: "GM-1", teamID: "t-2", instructions: "立即前往松林村",
                                 ackWithin: ConfigDuration(seconds: 300),
                                 escalate: [ManualEscalationStep(after: ConfigDuration(seconds: 300), to: "town"),
                                            ManualEscalationStep(after: ConfigDuration(seconds: 900), to: "gaoming-office")],
                                 onUnacknowledged: .reassign)),
        .standdown(orderID: "GM-1-o1", reason: nil),
        .standdown(orderID: "GM-1-o1", reason: "道路中断"),
        .reassign(orderID: "GM-1-o1", teamID: nil),
        .reassign(orderID: "GM-1-o1", teamID: "t-3"),
        .team(TeamAvailability(teamID: "t-1", status: .available)),
        .team(TeamAvailability(teamID: "t-1", status: .unavailable, reason: "车辆故障",
                               until: Date(timeIntervalSince1970: 1_725_600_000))),
        .duty(DutyChange(postID: "yanghe-duty", onDuty: [Recipient(name: "李强", phone: "13800000001"),
                                                         Recipient(name: "陈静", phone: nil)])),
        .duty(DutyChange(postID: "yanghe-duty", onDuty: [])),
    ]

    @Test(arguments: everyCommand)
    func encoderAndDecoderRoundTrip(action: OperatorCommand.Action) throws {
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        for command in [OperatorCommand(action, by: "王强", at: at),
                        OperatorCommand(action, by: "王强", at: at, note: "电话通知", via: "console")] {
            let bytes = OperatorCommandEncoder.encode(command, timeZone: shanghai)
            #expect(try OperatorCommandDecoder.decode(bytes) == command)
            #expect(bytes.last == 0x0A)
        }
    }

    @Test func encoderWritesTheSpecFormInOrder() throws {
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        let command = OperatorCommand(.team(TeamAvailability(teamID: "t-1", status: .unavailable, reason: "道路中断",
                                                             until: Date(timeIntervalSince1970: 1_725_600_000))),
                                      by: "王强", at: at, via: "cli")
        let text = String(decoding: OperatorCommandEncoder.encode(command, timeZone: shanghai), as: UTF8.self)
        #expect(text == """
        {
          "command": "team",
          "team_id": "t-1",
          "status": "unavailable",
          "reason": "道路中断",
          "until": "2024-09-06T13:20:00+08:00",
          "by": "王强",
          "at": "2024-09-06T09:12:00+08:00",
          "via": "cli"
        }

        """)
    }

    @Test func fileNamesSayWhatTheCommandIsAndAreSafe() {
        let command = OperatorCommand(.standdown(orderID: "GM/1 o3", reason: nil), by: "王强", at: at)
        #expect(OperatorCommandEncoder.fileName(for: command) == "cmd-standdown-GM_1_o3-1725585120000.json")
        let duty = OperatorCommand(.duty(DutyChange(postID: "杨和值班室", onDuty: [])), by: "王强", at: at)
        #expect(OperatorCommandEncoder.fileName(for: duty) == "cmd-duty-_____-1725585120000.json")
    }

    @Test func kindIsCaseInsensitiveAndNullMeansAbsent() throws {
        let command = try decode(#"{"command":"Reassign","order_id":"O-1","team_id":null,"by":"王强","at":"2024-09-06T09:12:00+08:00","note":null}"#)
        #expect(command == OperatorCommand(.reassign(orderID: "O-1", teamID: nil), by: "王强", at: at))
    }

    static let tail = #""by":"王强","at":"2024-09-06T09:12:00+08:00"}"#

    @Test(arguments: [
        (#"{"by":"王强","at":"2024-09-06T09:12:00+08:00"}"#, 1, 1, "the command has no `command`"),
        (#"{"command":"stnddown","order_id":"O-1","# + tail, 1, 12, "unknown command \"stnddown\""),
        (#"{"command":7,"# + tail, 1, 12, "`command` must be a string, found a number"),
        (#"{"command":"cancel","# + tail, 1, 1, "the command has no `incident_id`"),
        (#"{"command":"close","incident_id":["GM-1"],"# + tail, 1, 34, "`incident_id` must be a string, found an array"),
        (#"{"command":"standdown","order_id":"O-1","at":"2024-09-06T09:12:00+08:00"}"#, 1, 1, "the command has no `by`"),
        (#"{"command":"standdown","order_id":"O-1","by":"王强"}"#, 1, 1, "the command has no `at`"),
        (#"{"command":"standdown","order_id":"O-1","by":"王强","at":"09:12"}"#, 1, 56,
         "`at` \"09:12\" is not an RFC 3339 time: expected a 4-digit year"),
        (#"{"command":"standdown","order_id":"O-1","reason":5,"# + tail, 1, 50, "`reason` must be a string, found a number"),
        (#"{"command":"dispatch","incident_id":"GM-1","# + tail, 1, 1, "the command has no `team_id`"),
        (#"{"command":"dispatch","incident_id":"GM-1","team_id":"t","ack_within":"10 minutes","# + tail, 1, 71,
         "`ack_within` \"10 minutes\" is not a duration"),
        (#"{"command":"dispatch","incident_id":"GM-1","team_id":"t","escalate":{"after":"10m"},"# + tail, 1, 69,
         "`escalate` must be a list of steps, found an object"),
        (#"{"command":"dispatch","incident_id":"GM-1","team_id":"t","escalate":[{"to":"town"}],"# + tail, 1, 70,
         "an `escalate` step has no `after`"),
        (#"{"command":"dispatch","incident_id":"GM-1","team_id":"t","on_unacknowledged":"retry","# + tail, 1, 78,
         "unknown `on_unacknowledged` \"retry\""),
        (#"{"command":"team","team_id":"t","status":"away","# + tail, 1, 42, "unknown `status` \"away\""),
        (#"{"command":"team","team_id":"t","status":"available","until":"2024-09-06T12:00:00+08:00","# + tail, 1, 62,
         "`until` is given for a team made available"),
        (#"{"command":"duty","post_id":"p","# + tail, 1, 1, "the command has no `on_duty`"),
        (#"{"command":"duty","post_id":"p","on_duty":"李强","# + tail, 1, 43, "`on_duty` must be a list of persons, found a string"),
        (#"{"command":"duty","post_id":"p","on_duty":[{"phone":"138"}],"# + tail, 1, 44, "an `on_duty` person has no `name`"),
        (#"{"command":"standdown","order_id":"O\n1","# + tail, 1, 35, "`order_id` contains a control character"),
        (#"{"command":"standdown","order_id":"O-1","#, 1, 41, "expected a string key after ',', found end of input"),
        (#"["standdown"]"#, 1, 1, "the command must be a JSON object, found an array"),
    ])
    func badCommandsAreRefusedWithPosition(text: String, line: Int, column: Int, message: String) throws {
        let error = try failure(text)
        #expect(error.message == message)
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.remedy?.isEmpty == false)
    }

    @Test func unknownCommandSuggestsTheNearest() throws {
        let error = try failure(#"{"command":"stnddown","order_id":"O-1","# + Self.tail)
        #expect(error.remedy == "did you mean \"standdown\"? use one of cancel, close, dispatch, standdown, reassign, team, duty")
    }

    @Test func brokenJSONOnALaterLineNamesLineAndColumn() throws {
        let error = try failure("{\n  \"command\": \"cancel\",\n  \"incident_id\": GM-1\n}")
        #expect(error.line == 3)
        #expect(error.column == 18)
    }
}
