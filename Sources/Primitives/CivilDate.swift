/// Proleptic Gregorian civil dates from a day count (H. Hinnant's `civil_from_days` algorithm, exact for
/// any `Int` day count that does not overflow).
public enum CivilDate {
    /// The date `days` days after 1970-01-01 (negative: before it). Month 1-12, day 1-31.
    public static func fromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468  // days since 0000-03-01
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The date of Modified Julian Date `mjd` (MJD 0 is 1858-11-17; MJD 40587 is 1970-01-01).
    public static func fromMJD(_ mjd: Int) -> (year: Int, month: Int, day: Int) {
        fromDays(mjd - 40_587)
    }
}
