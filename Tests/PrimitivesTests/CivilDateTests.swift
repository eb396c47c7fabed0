import Primitives
import Testing

/// Civil dates from day counts and MJDs, against dates known independently.
@Suite struct CivilDateTests {
    @Test(arguments: [
        (0, 1970, 1, 1), (-1, 1969, 12, 31), (11_016, 2000, 2, 29), (19_723, 2024, 1, 1),
        (10_956, 1999, 12, 31), (-25_567, 1900, 1, 1), (-40_587, 1858, 11, 17),
    ])
    func daysSince1970(days: Int, year: Int, month: Int, day: Int) {
        let date = CivilDate.fromDays(days)
        #expect(date.year == year && date.month == month && date.day == day)
    }

    @Test func modifiedJulianDates() {
        #expect(CivilDate.fromMJD(0) == (1858, 11, 17))
        #expect(CivilDate.fromMJD(51_544) == (2000, 1, 1))
        #expect(CivilDate.fromMJD(55_927) == (2012, 1, 1))
    }
}
