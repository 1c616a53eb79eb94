import Foundation
import Rules

/// The order text (SPEC §4 `instructions`): placeholders filled in, exercise orders prefixed
/// 【演练】. Rules without `instructions` get a plain default in the same style.
enum InstructionsText {
    static let defaultTemplate = "{area_name}{incident_title}：请{team_name}立即响应（{response_level}级响应），{ack_deadline}前回复确认。"
    static let exercisePrefix = "【演练】"

    static func render(_ template: String?, incidentTitle: String, areaName: String, teamName: String,
                       responseLevel: String, ackDeadline: Date, timeZone: TimeZone, exercise: Bool) -> String {
        var text = fill(template ?? defaultTemplate) { name in
            switch name {
            case "incident_title": incidentTitle
            case "area_name": areaName
            case "team_name": teamName
            case "response_level": responseLevel
            case "ack_deadline": localTime(ackDeadline, timeZone: timeZone)
            default: nil
            }
        }
        if exercise && !text.hasPrefix(exercisePrefix) { text = exercisePrefix + text }
        return text
    }

    /// One pass over the template: each `{name}` that `value` knows is replaced, anything else
    /// (an unknown name, a lone brace) is kept as written. Filled-in values are never scanned
    /// again, so a title that itself contains `{team_name}` stays as it is.
    static func fill(_ template: String, value: (Substring) -> String?) -> String {
        var text = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = rest[rest.index(after: open)..<close]
            if name.contains("{") {   // `{{team_name}`: this brace is text, a placeholder may follow
                text += rest[...open]
                rest = rest[rest.index(after: open)...]
                continue
            }
            text += rest[..<open]
            if let filled = value(name) { text += filled } else { text += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        return text + rest
    }

    /// `2024-09-06 08:10` in the county's timezone.
    static func localTime(_ date: Date, timeZone: TimeZone) -> String {
        let full = RFC3339.format(date, in: timeZone)   // 2024-09-06T08:10:00+08:00
        let dateEnd = full.index(full.startIndex, offsetBy: 10)
        let timeEnd = full.index(dateEnd, offsetBy: 6)
        return String(full[..<dateEnd]) + " " + String(full[full.index(after: dateEnd)..<timeEnd])
    }
}
