import Foundation

/// UWS and DALI times: ISO 8601 in UTC (`2026-12-05T17:00:00.000Z`), written with milliseconds and read
/// with or without fractional seconds or zone (a time without zone is UTC, as DALI says).
public enum TapTimestamp {
    public static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// A timestamp cell of a result as DALI 1.1 writes it: `yyyy-MM-ddTHH:mm:ss.SSS`, UTC, no zone.
    public static func formatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate, .withFractionalSeconds]
        return formatter
    }

    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingSpaces
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime]] {
            formatter.formatOptions = options
            if let date = formatter.date(from: trimmed) { return date }
            if let date = formatter.date(from: trimmed + "Z") { return date }
        }
        return nil
    }
}
