import Catalogue
import Pages
import Testing

@Suite struct StarSearchTests {
    @Test func digitsAreAnObsidNumbersAPositionAnythingElseADesignation() throws {
        #expect(try StarSearch("  123456 ") == .obsid(123_456))
        #expect(try StarSearch("332.67024 -0.583389") == .cone(ra: 332.67024, dec: -0.583389, radiusArcmin: StarSearch.defaultRadiusArcmin))
        #expect(try StarSearch("10.5, -20, 2.5") == .cone(ra: 10.5, dec: -20, radiusArcmin: 2.5))
        #expect(try StarSearch("LAMOST J221040.85-003500.2") == .designation("LAMOST J221040.85-003500.2"))
        #expect(try StarSearch("J221040.85-003500.2") == .designation("J221040.85-003500.2"))
        #expect(try StarSearch("   ") == nil)
    }

    @Test(arguments: ["400 10", "-1 10", "10 95", "10 -90.5", "10 20 0", "10 20 61", "10 20 -3"])
    func anImpossiblePositionOrRadiusIsRefused(text: String) {
        #expect(throws: PageError.self) { try StarSearch(text) }
    }

    @Test func theSearchPageEchoesTheTextEscapedAndLinksEachHit() throws {
        let hostile = "\"><script>alert(1)</script>"
        let search = try #require(try StarSearch(hostile))
        let hit = StarSearchHit(obsid: 42, designation: "<b>J1</b>", ra: 1, dec: 2, snrg: 50, objectClass: "STAR", dateObs: "2012-01-01",
                                dataRelease: "DR5", separationArcsec: nil)
        let page = SearchPage.html(text: hostile, search: search, hits: [hit])
        #expect(!page.contains("<script>"))
        #expect(page.contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""))
        #expect(page.contains("<a href=\"/star/42\">42</a>"))
        #expect(page.contains("&lt;b&gt;J1&lt;/b&gt;"))
        #expect(page.contains("1 spectrum designation"))
    }

    @Test func aMalformedSearchShowsItsReason() {
        let page = SearchPage.html(text: "10 95", search: nil, hits: [], error: "declination must be in [-90, 90] degrees, not 95.0")
        #expect(page.contains("role=\"alert\">declination must be in [-90, 90] degrees, not 95.0</p>"))
    }
}
