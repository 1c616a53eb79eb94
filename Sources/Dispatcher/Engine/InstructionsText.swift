import Foundation
import Rules

/// The order text (SPEC §4 `instructions`): placeholders filled in, exercise orders prefixed
/// 【演练】. Rules without `instructions` get a plain default in the same style.
enum InstructionsText {
    static let defaultTemplate = "{area_name}{incident_title}：请{team_name}立即响应（{response_level}级响应），{ack_deadline}前回复确认。"
    static let exercisePrefix = "【演练】"

    static func render(_ template: String?, incidentTitle: String, areaName: String, teamName: String,
                       responseLevel: String, ackDeadline: Date, timeZone: TimeZone, exercise: Bool) -> String {
        var text = template ?? defaultTemplate
        let values = [
            "{incident_title}": incidentTitle,
            "{area_name}": areaName,
            "{team_name}": teamName,
            "{response_level}": responseLevel,
            "{ack_deadline}": localTime(ackDeadline, timeZone: timeZone),
        ]
        for (placeholder, value) in values { text = text.replacingOccurrences(of: placeholder, with: value) }
        if exercise && !text.hasPrefix(exercisePrefix) { text = exercisePrefix + text }
        return text
    }

    /// `2024-09-06 08:10` in the county's timezone.
    static func localTime(_ date: Date, timeZone: TimeZone) -> String {
        let full = RFC3339.format(date, in: timeZone)   // 2024-09-06T08:10:00+08:00
        let dateEnd = full.index(full.startIndex, offsetBy: 10)
        let timeEnd = full.index(dateEnd, offsetBy: 6)
        return String(full[..<dateEnd]) + " " + String(full[full.index(after: dateEnd)..<timeEnd])
    }
}
