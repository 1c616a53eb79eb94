import Foundation
import Testing
@testable import Dispatcher

/// The order text of SPEC §4 `instructions`: placeholders filled in one pass.
@Suite struct InstructionsTextTests {
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    let deadline = Date(timeIntervalSince1970: 1_725_581_400)   // 2024-09-06 08:10 +08:00

    private func render(_ template: String?, title: String = "台风“摩羯”橙色预警", exercise: Bool = false) -> String {
        InstructionsText.render(template, incidentTitle: title, areaName: "高明区杨和镇石水村", teamName: "石水村驻村工作队",
                                responseLevel: "II", ackDeadline: deadline, timeZone: shanghai, exercise: exercise)
    }

    @Test func everyPlaceholderIsFilledAndChineseTextIsKept() {
        #expect(render("{area_name}{incident_title}：请{team_name}立即集结（{response_level}级响应），{ack_deadline}前回复确认")
                == "高明区杨和镇石水村台风“摩羯”橙色预警：请石水村驻村工作队立即集结（II级响应），2024-09-06 08:10前回复确认")
    }

    @Test func unknownNamesAndLoneBracesAreKeptAsWritten() {
        #expect(render("{team_name}: {unknown} {  } { no close") == "石水村驻村工作队: {unknown} {  } { no close")
        #expect(render("}{team_name}}") == "}石水村驻村工作队}")
        #expect(render("{{team_name}} {a{response_level}") == "{石水村驻村工作队} {aII")
        #expect(render("") == "")
    }

    @Test func filledValuesAreNotScannedAgain() {
        #expect(render("{incident_title}/{team_name}", title: "演示{team_name}") == "演示{team_name}/石水村驻村工作队")
    }

    @Test func exerciseOrdersArePrefixedOnceAndTheDefaultTemplateIsUsed() {
        #expect(render("{team_name}集结", exercise: true) == "【演练】石水村驻村工作队集结")
        #expect(render("【演练】{team_name}集结", exercise: true) == "【演练】石水村驻村工作队集结")
        #expect(render(nil) == "高明区杨和镇石水村台风“摩羯”橙色预警：请石水村驻村工作队立即响应（II级响应），2024-09-06 08:10前回复确认。")
    }
}
