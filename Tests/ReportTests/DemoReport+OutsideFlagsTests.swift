import Report
import Testing

/// The flag table and the flagged stars drawn apart in the catalogue diagrams.
@Suite("DemoReport outside the training set")
struct DemoReportOutsideFlagsTests {
    @Test func theFlagTableShowsRecallAndFalseFlagRatesPerBin() {
        let html = DemoReport.render(DemoReportTests.data(), run: DemoReportTests.run())
        #expect(html.contains("<th>outside_training_set recall</th><th>false</th><th>far_from_training_set recall</th>"))
        #expect(html.contains("<tr><td class=\"l\">10-20</td><td>2</td><td>1</td><td>50.0%</td><td>0.0%</td><td>0.0%</td><td>100.0%</td>"))
        #expect(html.contains("<tr><td class=\"l\">all</td><td>4</td><td>3</td><td>50.0%</td><td>33.3%</td>"))
    }

    @Test func flaggedStarsAreDrawnApartInBothDiagrams() {
        let html = DemoReport.render(DemoReportTests.data(), run: DemoReportTests.run())
        // 7 of the 100 catalogue spectra are flagged: grey points in the Kiel and [α/M]-[M/H] diagrams.
        #expect(html.components(separatedBy: "7 flagged <code>outside_training_set</code> drawn apart in grey").count - 1 == 2)
        #expect(html.components(separatedBy: "fill=\"#9a9a9a\"").count - 1 == 2)  // one group of grey points per diagram
        var run = DemoReportTests.run()
        run.outsideFlags = nil
        #expect(!DemoReport.render(DemoReportTests.data(), run: run).contains("id=\"outside-training-set\""))
    }
}
