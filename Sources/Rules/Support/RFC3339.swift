import Foundation

/// RFC 3339 timestamps: `2024-09-06T08:00:00+08:00`, `2024-09-06T00:00:00.25Z`.
///
/// Invariants:
/// - Parsing requires a UTC offset or `Z` (a local time without offset is ambiguous across the
///   county's and the gateway's clocks); `T`/`Z` may be lower case; fractional seconds of any
///   length are accepted (kept to nanoseconds).
/// - Impossible dates and times are refused (month 13, 30 February, 29 February outside leap
///   years, hour 24, offsets beyond ±23:59). Leap seconds (`:60`) are refused: `Date` cannot
///   represent them.
/// - Formatting writes seconds precision in the given zone's offset (`Z` for UTC), so the same
///   instant and zone always give the same text.
/// - Pure arithmetic on the proleptic Gregorian calendar: no `DateFormatter`, no locale.
public enum RFC3339 {
    /// Why a text is not an RFC 3339 timestamp.
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    public static func parse(_ text: String) -> Date? {
        try? check(text).get()
    }

    /// Parses `text`, or says what is wrong with it.
    public static func check(_ text: String) -> Result<Date, Failure> {
        var scanner = Scanner(bytes: Array(text.utf8))
        do {
            return .success(try scanner.timestamp())
        } catch {
            return .failure(error)
        }
    }

    public static func format(_ date: Date, in timeZone: TimeZone) -> String {
        let wholeSeconds = Int64((date.timeIntervalSince1970).rounded(.down))
        // An offset with seconds (old local mean times) cannot be written: keep whole minutes.
        let offsetMinutes = timeZone.secondsFromGMT(for: date) / 60
        let local = wholeSeconds + Int64(offsetMinutes * 60)
        let days = floorDiv(local, 86_400)
        let secondOfDay = Int(local - days * 86_400)
        let (year, month, day) = civil(fromDays: days)
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
        text += pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if offsetMinutes == 0 {
            text += "Z"
        } else {
            text += (offsetMinutes < 0 ? "-" : "+") + pad(abs(offsetMinutes) / 60, 2) + ":" + pad(abs(offsetMinutes) % 60, 2)
        }
        return text
    }

    // MARK: - Calendar arithmetic (Howard Hinnant's days-from-civil)

    static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = floorDiv(y, 400)
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Reads `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` from ASCII bytes.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        mutating func timestamp() throws(Failure) -> Date {
            let year = try number(digits: 4, what: "a 4-digit year")
            try expect("-", after: "the year")
            let month = try number(digits: 2, what: "a 2-digit month")
            try expect("-", after: "the month")
            let day = try number(digits: 2, what: "a 2-digit day")
            guard index < bytes.count, bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: "t") else {
                throw Failure(reason: index < bytes.count
                    ? "expected 'T' between date and time"
                    : "a date without a time; write e.g. \"2024-09-06T08:00:00+08:00\"")
            }
            index += 1
            let hour = try number(digits: 2, what: "a 2-digit hour")
            try expect(":", after: "the hour")
            let minute = try number(digits: 2, what: "2-digit minutes")
            try expect(":", after: "the minutes")
            let second = try number(digits: 2, what: "2-digit seconds")
            var nanoseconds = 0
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                var count = 0
                while index < bytes.count, let digit = digitValue(bytes[index]) {
                    if count < 9 { nanoseconds = nanoseconds * 10 + digit }
                    count += 1
                    index += 1
                }
                guard count > 0 else { throw Failure(reason: "expected digits after the decimal point") }
                for _ in count..<max(count, 9) { nanoseconds *= 10 }
            }
            let offsetSeconds = try offset()
            guard index == bytes.count else { throw Failure(reason: "unexpected text after the UTC offset") }
            guard (1...12).contains(month) else { throw Failure(reason: "month \(month) does not exist") }
            guard (1...RFC3339.daysInMonth(year: year, month: month)).contains(day) else {
                throw Failure(reason: "day \(day) does not exist in \(year)-\(month < 10 ? "0" : "")\(month)")
            }
            guard hour < 24 else { throw Failure(reason: "hour \(hour) does not exist (00…23)") }
            guard minute < 60 else { throw Failure(reason: "minute \(minute) does not exist (00…59)") }
            guard second < 60 else { throw Failure(reason: "second \(second) is not supported (00…59; no leap seconds)") }
            let dayNumber = RFC3339.days(year: year, month: month, day: day)
            let seconds = dayNumber * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
            return Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1e9)
        }

        private mutating func offset() throws(Failure) -> Int {
            guard index < bytes.count else {
                throw Failure(reason: "missing UTC offset; add 'Z' or e.g. '+08:00'")
            }
            switch bytes[index] {
            case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                index += 1
                return 0
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                index += 1
                let hours = try number(digits: 2, what: "2-digit offset hours")
                try expect(":", after: "the offset hours")
                let minutes = try number(digits: 2, what: "2-digit offset minutes")
                guard hours < 24, minutes < 60 else {
                    throw Failure(reason: "UTC offset out of range (at most ±23:59)")
                }
                return sign * (hours * 3600 + minutes * 60)
            default:
                throw Failure(reason: "expected 'Z' or a UTC offset like '+08:00' after the time")
            }
        }

        private mutating func number(digits: Int, what: String) throws(Failure) -> Int {
            var value = 0
            for _ in 0..<digits {
                guard index < bytes.count, let digit = digitValue(bytes[index]) else {
                    throw Failure(reason: "expected \(what)")
                }
                value = value * 10 + digit
                index += 1
            }
            return value
        }

        private mutating func expect(_ character: Unicode.Scalar, after what: String) throws(Failure) {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else {
                throw Failure(reason: "expected '\(character)' after \(what)")
            }
            index += 1
        }

        private func digitValue(_ byte: UInt8) -> Int? {
            byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
        }
    }
}
