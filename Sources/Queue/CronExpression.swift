import Foundation
import Primitives

/// A 5-field cron expression (`minute hour day-of-month month day-of-week`), evaluated in UTC.
/// Pure: parsing and ``nextFireTime(after:)`` use no clock and no time zone database.
///
/// Fields accept `*`, numbers, ranges `a-b`, steps `*/n`, `a-b/n`, `a/n`, and lists `a,b-c`;
/// months `jan`...`dec` and weekdays `sun`...`sat` by name; weekday 7 is Sunday. When both
/// day-of-month and day-of-week are restricted, a day matches if either does (as in Vixie cron).
/// Macros: `@yearly`/`@annually`, `@monthly`, `@weekly`, `@daily`/`@midnight`, `@hourly`.
public struct CronExpression: Sendable, Equatable, CustomStringConvertible {
    /// The expression as given.
    public let source: String
    let minutes: UInt64
    let hours: UInt64
    let daysOfMonth: UInt64
    let months: UInt64
    let daysOfWeek: UInt64
    let dayOfMonthRestricted: Bool
    let dayOfWeekRestricted: Bool

    /// Parses `source`; throws ``CronError`` naming the bad field and value.
    public init(_ source: String) throws(CronError) {
        self.source = source
        var text = source.trimmingCharacters(in: .whitespaces).lowercased()
        let macros = ["@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
                      "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *"]
        if text.hasPrefix("@") {
            guard let expanded = macros[text] else { throw .invalid(source, reason: "unknown macro \(text)") }
            text = expanded
        }
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else { throw .invalid(source, reason: "expected 5 fields, found \(fields.count)") }
        minutes = try Self.parseField(fields[0], name: "minute", range: 0...59, names: [:], source: source)
        hours = try Self.parseField(fields[1], name: "hour", range: 0...23, names: [:], source: source)
        daysOfMonth = try Self.parseField(fields[2], name: "day of month", range: 1...31, names: [:], source: source)
        months = try Self.parseField(fields[3], name: "month", range: 1...12, names: Self.monthNames, source: source)
        var weekdays = try Self.parseField(fields[4], name: "day of week", range: 0...7, names: Self.weekdayNames, source: source)
        if weekdays & (1 << 7) != 0 { weekdays = (weekdays | 1) & ~(1 << 7) }
        daysOfWeek = weekdays
        dayOfMonthRestricted = !fields[2].hasPrefix("*")
        dayOfWeekRestricted = !fields[4].hasPrefix("*")
    }

    public var description: String { source }

    static let monthNames = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
                             "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]
    static let weekdayNames = ["sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6]

    static func parseField(_ field: String, name: String, range: ClosedRange<Int>, names: [String: Int],
                           source: String) throws(CronError) -> UInt64 {
        var mask: UInt64 = 0
        for part in field.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard pieces.count <= 2, !pieces[0].isEmpty else { throw .invalidField(name, value: part, source: source) }
            var step = 1
            if pieces.count == 2 {
                guard let value = Int(pieces[1]), value >= 1 else { throw .invalidField(name, value: part, source: source) }
                step = value
            }
            var low = range.lowerBound, high = range.upperBound
            if pieces[0] != "*" {
                let bounds = pieces[0].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
                guard bounds.count <= 2 else { throw .invalidField(name, value: part, source: source) }
                guard let first = Int(bounds[0]) ?? names[bounds[0]] else { throw .invalidField(name, value: part, source: source) }
                low = first
                if bounds.count == 2 {
                    guard let last = Int(bounds[1]) ?? names[bounds[1]] else { throw .invalidField(name, value: part, source: source) }
                    high = last
                } else if pieces.count == 1 {
                    high = first
                }
            }
            guard range.contains(low), range.contains(high), low <= high else {
                throw .outOfRange(name, value: part, allowed: range, source: source)
            }
            for value in stride(from: low, through: high, by: step) { mask |= 1 << UInt64(value) }
        }
        return mask
    }

    /// The first fire time strictly after `date`, at a whole minute (UTC); nil if none within
    /// eight years (e.g. `0 0 30 2 *`).
    public func nextFireTime(after date: Date) -> Date? {
        let startMinute = Int((date.timeIntervalSince1970 / 60).rounded(.down)) + 1
        var day = Int((Double(startMinute) / 1440).rounded(.down))
        var minuteOfDay = startMinute - day * 1440
        for _ in 0..<(366 * 8) {
            let (_, month, dayOfMonth) = CivilDate.fromDays(day)
            let weekday = ((day % 7) + 11) % 7  // 1970-01-01 was a Thursday (4)
            if bit(months, month) && dayMatches(dayOfMonth: dayOfMonth, weekday: weekday) {
                for hour in (minuteOfDay / 60)..<24 where bit(hours, hour) {
                    let firstMinute = hour == minuteOfDay / 60 ? minuteOfDay % 60 : 0
                    for minute in firstMinute..<60 where bit(minutes, minute) {
                        return Date(timeIntervalSince1970: Double((day * 1440 + hour * 60 + minute) * 60))
                    }
                }
            }
            day += 1
            minuteOfDay = 0
        }
        return nil
    }

    func dayMatches(dayOfMonth: Int, weekday: Int) -> Bool {
        let domMatch = bit(daysOfMonth, dayOfMonth)
        let dowMatch = bit(daysOfWeek, weekday)
        if dayOfMonthRestricted && dayOfWeekRestricted { return domMatch || dowMatch }
        return domMatch && dowMatch
    }

    @inline(__always) func bit(_ mask: UInt64, _ value: Int) -> Bool { mask & (1 << UInt64(value)) != 0 }
}

/// A malformed cron expression.
public enum CronError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(String, reason: String)
    case invalidField(String, value: String, source: String)
    case outOfRange(String, value: String, allowed: ClosedRange<Int>, source: String)

    public var description: String {
        switch self {
        case let .invalid(source, reason): return "invalid cron expression \"\(source)\": \(reason)"
        case let .invalidField(field, value, source): return "invalid \(field) field \"\(value)\" in cron expression \"\(source)\""
        case let .outOfRange(field, value, allowed, source):
            return "\(field) \"\(value)\" outside \(allowed.lowerBound)-\(allowed.upperBound) in cron expression \"\(source)\""
        }
    }
}

extension CivilDate {
    /// `YYYY-MM-DDTHH:MMZ` for a date (UTC, minute precision).
    static func minuteString(_ date: Date) -> String {
        let minute = Int((date.timeIntervalSince1970 / 60).rounded(.down))
        let day = Int((Double(minute) / 1440).rounded(.down))
        let (y, m, d) = fromDays(day)
        let rest = minute - day * 1440
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d))T\(two(rest / 60)):\(two(rest % 60))Z"
    }
}
