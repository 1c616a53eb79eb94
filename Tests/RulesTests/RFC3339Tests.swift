import Foundation
import Testing
@testable import Rules

@Suite struct RFC3339Tests {
    /// 2024-09-06T00:00:00Z.
    private let sixthOfSeptember: TimeInterval = 1_725_580_800

    @Test(arguments: [
        ("2024-09-06T08:00:00+08:00", 0.0),
        ("2024-09-06T00:00:00Z", 0.0),
        ("2024-09-06t00:00:00z", 0.0),
        ("2024-09-05T20:00:00-04:00", 0.0),
        ("2024-09-06T00:00:00-00:00", 0.0),
        ("2024-09-06T05:45:00+05:45", 0.0),
        ("2024-09-06T00:00:00.5Z", 0.5),
        ("2024-09-06T08:00:00.250+08:00", 0.25),
        ("2024-09-06T00:00:00.123456789123Z", 0.123456789),
        ("2024-09-06T23:59:59+23:59", 86_399.0 - 86_340.0),
    ])
    func validTimesParse(text: String, secondsAfterMidnightUTC: Double) throws {
        let date = try #require(RFC3339.parse(text))
        #expect(abs(date.timeIntervalSince1970 - (sixthOfSeptember + secondsAfterMidnightUTC)) < 1e-6)
    }

    @Test func knownInstants() throws {
        #expect(RFC3339.parse("1970-01-01T00:00:00Z")?.timeIntervalSince1970 == 0)
        #expect(RFC3339.parse("1969-12-31T23:59:59Z")?.timeIntervalSince1970 == -1)
        #expect(RFC3339.parse("2000-03-01T00:00:00Z")?.timeIntervalSince1970 == 951_868_800)
        #expect(RFC3339.parse("2024-02-29T12:00:00+08:00")?.timeIntervalSince1970 == 1_709_179_200)
        #expect(RFC3339.parse("2000-02-29T00:00:00Z") != nil)
    }

    @Test(arguments: [
        ("2024-09-06T08:00:00", "missing UTC offset; add 'Z' or e.g. '+08:00'"),
        ("2024-09-06 08:00:00+08:00", "expected 'T' between date and time"),
        ("2024-09-06", "a date without a time; write e.g. \"2024-09-06T08:00:00+08:00\""),
        ("2024-13-01T00:00:00Z", "month 13 does not exist"),
        ("2024-00-01T00:00:00Z", "month 0 does not exist"),
        ("2023-02-29T00:00:00Z", "day 29 does not exist in 2023-02"),
        ("1900-02-29T00:00:00Z", "day 29 does not exist in 1900-02"),
        ("2024-04-31T00:00:00Z", "day 31 does not exist in 2024-04"),
        ("2024-09-00T00:00:00Z", "day 0 does not exist in 2024-09"),
        ("2024-09-06T24:00:00Z", "hour 24 does not exist (00…23)"),
        ("2024-09-06T08:60:00Z", "minute 60 does not exist (00…59)"),
        ("2024-12-31T23:59:60Z", "second 60 is not supported (00…59; no leap seconds)"),
        ("2024-09-06T08:00:00+24:00", "UTC offset out of range (at most ±23:59)"),
        ("2024-09-06T08:00:00+0800", "expected ':' after the offset hours"),
        ("2024-09-06T08:00:00.Z", "expected digits after the decimal point"),
        ("2024-09-06T08:00Z", "expected ':' after the minutes"),
        ("24-09-06T08:00:00Z", "expected a 4-digit year"),
        ("2024/09/06T08:00:00Z", "expected '-' after the year"),
        ("2024-9-06T08:00:00Z", "expected a 2-digit month"),
        ("2024-09-06T08:00:00Z ", "unexpected text after the UTC offset"),
        ("2024-09-06T08:00:00+08", "expected ':' after the offset hours"),
        ("", "expected a 4-digit year"),
        ("２０２４-09-06T08:00:00Z", "expected a 4-digit year"),
    ])
    func invalidTimesAreRefusedWithAReason(text: String, reason: String) {
        #expect(RFC3339.parse(text) == nil)
        #expect(RFC3339.check(text) == .failure(RFC3339.Failure(reason: reason)))
    }

    @Test func formatsInTheZonesOffset() throws {
        let date = Date(timeIntervalSince1970: sixthOfSeptember)
        #expect(RFC3339.format(date, in: try #require(TimeZone(identifier: "Asia/Shanghai"))) == "2024-09-06T08:00:00+08:00")
        #expect(RFC3339.format(date, in: try #require(TimeZone(secondsFromGMT: 0))) == "2024-09-06T00:00:00Z")
        #expect(RFC3339.format(date, in: try #require(TimeZone(identifier: "America/New_York"))) == "2024-09-05T20:00:00-04:00")
        #expect(RFC3339.format(date, in: try #require(TimeZone(secondsFromGMT: 20_700))) == "2024-09-06T05:45:00+05:45")
    }

    @Test func formatTruncatesToSecondsAndHandlesOldDates() throws {
        let utc = try #require(TimeZone(secondsFromGMT: 0))
        #expect(RFC3339.format(Date(timeIntervalSince1970: sixthOfSeptember + 0.999), in: utc) == "2024-09-06T00:00:00Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -0.5), in: utc) == "1969-12-31T23:59:59Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 951_782_400), in: utc) == "2000-02-29T00:00:00Z")
    }

    @Test func formatThenParseIsTheSameInstant() throws {
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        for seconds in stride(from: -2_000_000_000.0, through: 4_000_000_000.0, by: 86_399_937.0) {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(RFC3339.parse(RFC3339.format(date, in: shanghai)) == date)
        }
    }
}
