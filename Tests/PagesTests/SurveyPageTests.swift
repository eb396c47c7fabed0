import Catalogue
import Foundation
import Pages
import Queue
import Testing

@Suite struct SurveyPageTests {
    static func summary(densities: [LabelDensity]) -> SurveySummary {
        SurveySummary(counts: SurveyCountsRow(spectra: 12, preprocessed: 11, rejections: 1, trainingSets: 1, models: 2),
                      rejections: [], labelSets: [], densities: densities, queue: [], workers: [], deadJobs: [], schedules: [],
                      computedAt: Date(timeIntervalSince1970: 1_800_000_000), seconds: 0.25)
    }

    @Test func aDensityPanelDrawsOneCellPerOccupiedBin() {
        let binning = LabelDensity.Binning(x: "teff", y: "logg", xRange: 3000...8000, yRange: 0...5.5, xBins: 4, yBins: 3)
        var unflagged = [Int](repeating: 0, count: 12), flagged = unflagged
        unflagged[0] = 5
        unflagged[5] = 100
        unflagged[11] = 1
        flagged[6] = 2
        let density = LabelDensity(labelSet: "apogee <dr17>", binning: binning, unflagged: unflagged, flagged: flagged, outside: 3)
        let page = SurveyPage.html(Self.summary(densities: [density]), refreshSeconds: 60)
        // Two panels (unflagged, flagged), each a group of cells (3, then 1) and a colour bar of 40 steps.
        let groups = page.components(separatedBy: "<g stroke=\"none\">\n").dropFirst().map { $0.components(separatedBy: "</g>")[0] }
        #expect(groups.map { $0.components(separatedBy: "<rect").count - 1 } == [3, 40, 1, 40])
        #expect(page.contains("unflagged stars: 106 in 4 × 3 bins, colour log10 of the count; 3 outside the ranges"))
        #expect(page.contains("flagged stars: 2 in 4 × 3 bins"))
        #expect(page.contains("apogee &lt;dr17&gt;"))
        #expect(!page.contains("<dr17>"))
        #expect(page.contains("role=\"img\""))
    }

    @Test func anEmptySurveySaysSoInWords() {
        let page = SurveyPage.html(Self.summary(densities: []), refreshSeconds: 30)
        #expect(page.contains("No current model has labelled the survey yet."))
        #expect(page.contains("The queue is empty."))
        #expect(page.contains("No job has failed for good."))
        #expect(page.contains("<th scope=\"row\">Spectra ingested</th><td>12</td>"))
        #expect(page.contains("2027-01-15 08:00:00 UTC"))
    }
}
