import Catalogue
import Foundation
import Rules

/// Times, countdowns, durations and area names as `show`, `history` and `handover` print them.
struct HumanFormat {
    let county: County
    let now: Date

    func time(_ date: Date?) -> String { date.map { RFC3339.format($0, in: county.settings.timeZone) } ?? "-" }

    /// `09:12:05` in the county's time, with the date when it is not today's.
    func clock(_ date: Date) -> String {
        let full = RFC3339.format(date, in: county.settings.timeZone)   // 2024-09-06T09:12:05+08:00
        let day = String(full.prefix(10)), today = String(RFC3339.format(now, in: county.settings.timeZone).prefix(10))
        let clock = String(full.dropFirst(11).prefix(8))
        return day == today ? clock : "\(day) \(clock)"
    }

    /// `4m05s`, or `overdue 12s`.
    func countdown(_ date: Date?) -> String {
        guard let date else { return "-" }
        let seconds = Int(date.timeIntervalSince(now).rounded())
        let text = ConfigDuration(seconds: abs(seconds)).description
        return seconds < 0 ? texts(.overdue, text) : text
    }

    func duration(_ seconds: Int?) -> String { seconds.map { ConfigDuration(seconds: max(0, $0)).description } ?? texts(.figureNotYet) }

    func areaName(_ path: String) -> String {
        county.areas.indexByPath[path].map { county.areas.fullName(of: $0) } ?? path
    }
}
