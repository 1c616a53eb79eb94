/// A named part of the year, e.g. `flood-season: {from: "04-15", to: "10-15"}`, evaluated in
/// the county's timezone. `from` and `to` are inclusive; a season may wrap the new year
/// (`from: "11-01", to: "03-31"`).
public struct Season: Hashable, Sendable {
    public struct MonthDay: Hashable, Comparable, Sendable, CustomStringConvertible {
        public var month: Int
        public var day: Int

        public init(month: Int, day: Int) {
            self.month = month
            self.day = day
        }

        /// Parses `MM-DD`; nil unless it names a real calendar day (02-29 allowed).
        public init?(text: String) {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
                  let month = Int(parts[0]), let day = Int(parts[1]), (1...12).contains(month) else { return nil }
            let daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            guard (1...daysInMonth[month - 1]).contains(day) else { return nil }
            self.month = month
            self.day = day
        }

        public var description: String {
            (month < 10 ? "0" : "") + "\(month)-" + (day < 10 ? "0" : "") + "\(day)"
        }

        public static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.month, lhs.day) < (rhs.month, rhs.day)
        }
    }

    public var name: String
    public var from: MonthDay
    public var to: MonthDay

    public init(name: String, from: MonthDay, to: MonthDay) {
        self.name = name
        self.from = from
        self.to = to
    }

    public func contains(_ day: MonthDay) -> Bool {
        if from <= to { return from <= day && day <= to }
        return day >= from || day <= to
    }
}
