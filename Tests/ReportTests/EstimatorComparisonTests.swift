@testable import Report
import Testing

@Suite struct EstimatorComparisonTests {
    @Test func mediansAndRobustScattersPerBinForPublishedAndFirstGuess() {
        // Two labels; bin 0-20: three spectra, bin >= 40 (open): one; bin 20-40 is empty and left out.
        let truth: [Double] = [4000, 0, 4000, 0, 4000, 0, 4500, -1]
        let published: [Double] = [4010, 0.1, 3990, 0.0, 4030, 0.3, 4500, -1]
        let firstGuess: [Double] = [4100, .nan, 3900, 0.2, 4000, 0.4, 4400, -1.2]
        let table = EstimatorComparison(labelNames: ["teff", "m_h"], published: published, firstGuess: firstGuess,
                                       truth: truth, snr: [5, 10, 15, 80], binEdges: [0, 20, 40, 1e6])
        #expect(table.rows.map(\.count) == [3, 1])
        // Published Teff offsets 10, -10, 30: median 10, MAD 20; [M/H] 0.1, 0, 0.3: median 0.1, MAD 0.1.
        #expect(table.rows[0].published[0] == .init(median: 10, robustScatter: 1.4826 * 20))
        #expect(abs(table.rows[0].published[1].median - 0.1) < 1e-12)
        #expect(abs(table.rows[0].published[1].robustScatter - 0.14826) < 1e-12)
        // First guess [M/H]: the NaN is left out; 0.2, 0.4: median 0.3, MAD 0.1.
        #expect(abs(table.rows[0].firstGuess[1].median - 0.3) < 1e-12)
        #expect(table.rows[1].firstGuess[0] == .init(median: -100, robustScatter: 0))
        #expect(table.text == """
            S/N_g\tn\testimate\tteff\tm_h
            0-20\t3\tpublished\t+10 / 30\t+0.100 / 0.148
            0-20\t3\tfirst guess\t+0 / 148\t+0.300 / 0.148
            >= 40\t1\tpublished\t+0 / 0\t+0.000 / 0.000
            >= 40\t1\tfirst guess\t-100 / 0\t-0.200 / 0.000
            """)
    }

    @Test func aLabelWithoutAnyValueIsADash() {
        let table = EstimatorComparison(labelNames: ["teff"], published: [4000], firstGuess: [.nan], truth: [4000], snr: [50],
                                       binEdges: [0, 100])
        #expect(table.text.hasSuffix("0-100\t1\tfirst guess\t-"))
    }

    @Test func theFitHasItsOwnLineWhenThePublishedLabelsAreAnotherEstimate() throws {
        let truth: [Double] = [4000, 4000, 4000]
        let table = EstimatorComparison(labelNames: ["teff"], published: [4010, 3990, 4000], maximumLikelihood: [4050, 3950, 4000],
                                       firstGuess: [4100, 3900, 4000], truth: truth, snr: [5, 10, 15], binEdges: [0, 20])
        #expect(table.showsMaximumLikelihood)
        #expect(table.rows[0].maximumLikelihood[0] == .init(median: 0, robustScatter: 1.4826 * 50))
        #expect(table.text == """
            S/N_g\tn\testimate\tteff
            0-20\t3\tpublished\t+0 / 15
            0-20\t3\tML fit\t+0 / 74
            0-20\t3\tfirst guess\t+0 / 148
            """)
        let html = DemoReport.estimatorSection(table)
        #expect(html.contains("<h3>Published labels, ML fit and first guess − true labels"))
        #expect(html.contains("<td class=\"l\">published</td><td><b>+0 / 15</b></td>"))  // the smallest of the three
        #expect(html.contains("<td class=\"l\">ML fit</td><td>+0 / 74</td>"))
        // Without the fit's own values the table has two lines, as before the posterior mean.
        let plain = EstimatorComparison(labelNames: ["teff"], published: [4010, 3990, 4000], firstGuess: [4100, 3900, 4000],
                                       truth: truth, snr: [5, 10, 15], binEdges: [0, 20])
        #expect(!plain.showsMaximumLikelihood && !plain.text.contains("ML fit"))
    }

    /// The training set's reference labels against the truth: the scale the model learns, printed below the
    /// bins, so that a bias every bin shares reads as the reference catalogue's.
    @Test func theReferenceOffsetIsTheMembersReferenceMinusTruth() {
        // Three members, two labels: Teff offsets +40, +30, +50 (median 40, MAD 10); log g +0.12, +0.12, NaN
        // (the NaN left out: median 0.12, MAD 0).
        let offset = EstimatorComparison.ReferenceOffset(reference: [4540, 2.62, 4830, 2.12, 5050, .nan],
                                                         truth: [4500, 2.5, 4800, 2.0, 5000, 3.0], labelCount: 2)
        #expect(offset.count == 3)
        #expect(offset.cells[0] == .init(median: 40, robustScatter: 1.4826 * 10))
        #expect(abs(offset.cells[1].median - 0.12) < 1e-12 && abs(offset.cells[1].robustScatter) < 1e-12)
        var table = EstimatorComparison(labelNames: ["teff", "logg"], published: [4545, 2.6], firstGuess: [4540, 2.62],
                                        truth: [4500, 2.5], snr: [15], binEdges: [0, 20])
        #expect(!table.text.contains("reference"))
        table.referenceOffset = offset
        #expect(table.text.hasSuffix("\n0-20\t1\tfirst guess\t+40 / 0\t+0.120 / 0.000\nmembers\t3\treference\t+40 / 15\t+0.120 / 0.000"))
        let html = DemoReport.estimatorSection(table)
        #expect(html.contains("<tr><td class=\"l\">training members</td><td>3</td><td class=\"l\">reference</td><td>+40 / 15</td><td>+0.120 / 0.000</td></tr>"))
        #expect(html.contains("The last row compares the training set's reference labels with the truth"))
    }
}
