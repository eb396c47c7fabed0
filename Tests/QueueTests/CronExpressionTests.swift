import Foundation
import Queue
import Testing

@Suite struct CronExpressionTests {
    /// 2026-11-25T10:17:30Z, a Wednesday.
    let wednesday = Date(timeIntervalSince1970: 1_795_601_850)

    func utc(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text)!
    }

    @Test func weeklyScheduleFiresNextSundayAtThree() throws {
        #expect(try CronExpression("0 3 * * 0").nextFireTime(after: wednesday) == utc("2026-11-29T03:00:00Z"))
        #expect(try CronExpression("0 3 * * sun").nextFireTime(after: wednesday) == utc("2026-11-29T03:00:00Z"))
        #expect(try CronExpression("0 3 * * 7").nextFireTime(after: wednesday) == utc("2026-11-29T03:00:00Z"))
    }

    @Test func everyMinuteFiresAtTheNextWholeMinute() throws {
        #expect(try CronExpression("* * * * *").nextFireTime(after: wednesday) == utc("2026-11-25T10:18:00Z"))
        #expect(try CronExpression("* * * * *").nextFireTime(after: utc("2026-11-25T10:18:00Z")) == utc("2026-11-25T10:19:00Z"))
    }

    @Test func stepsRangesAndListsCombine() throws {
        #expect(try CronExpression("*/15 * * * *").nextFireTime(after: wednesday) == utc("2026-11-25T10:30:00Z"))
        #expect(try CronExpression("5,50 9-11 * * *").nextFireTime(after: wednesday) == utc("2026-11-25T10:50:00Z"))
        #expect(try CronExpression("0 0-6/3 * * *").nextFireTime(after: wednesday) == utc("2026-11-26T00:00:00Z"))
        #expect(try CronExpression("30 12 1 jan-mar *").nextFireTime(after: wednesday) == utc("2027-01-01T12:30:00Z"))
    }

    @Test func dayOfMonthOrDayOfWeekWhenBothRestricted() throws {
        // The 1st of the month or any Friday: Friday 2026-11-27 comes first.
        #expect(try CronExpression("0 0 1 * 5").nextFireTime(after: wednesday) == utc("2026-11-27T00:00:00Z"))
    }

    @Test func leapDayAndImpossibleDates() throws {
        #expect(try CronExpression("0 0 29 2 *").nextFireTime(after: wednesday) == utc("2028-02-29T00:00:00Z"))
        #expect(try CronExpression("0 0 30 2 *").nextFireTime(after: wednesday) == nil)
        #expect(try CronExpression("@daily").nextFireTime(after: wednesday) == utc("2026-11-26T00:00:00Z"))
    }

    @Test func malformedExpressionsAreRejectedWithTheField() {
        #expect(throws: CronError.self) { try CronExpression("* * * *") }
        #expect(throws: CronError.outOfRange("minute", value: "60", allowed: 0...59, source: "60 * * * *")) { try CronExpression("60 * * * *") }
        #expect(throws: CronError.invalidField("hour", value: "x", source: "0 x * * *")) { try CronExpression("0 x * * *") }
        #expect(throws: CronError.self) { try CronExpression("*/0 * * * *") }
        #expect(throws: CronError.self) { try CronExpression("5-1 * * * *") }
        #expect(throws: CronError.self) { try CronExpression("@sometimes") }
    }
}
