@testable import Demo
import Testing

/// SLAM against the mock survey's truth: which true column a label is compared with, and the table.
@Suite struct DemoEvaluationTests {
    @Test func lasPsIronAbundanceIsComparedWithTheTrueMetallicity() {
        #expect(DemoEvaluation.truthColumn("feh") == "m_h")
        #expect(DemoEvaluation.truthColumn("fe_h") == "m_h")
        for label in ["teff", "logg", "m_h", "alpha_m"] {
            #expect(DemoEvaluation.truthColumn(label) == label)
        }
    }

    @Test func theTableShowsNonEmptyBinsThenAllSpectra() throws {
        // Bin 20-40: Teff 20, -10 (mean 5, sd 21.2); [M/H] 0.25, -0.0625 (mean 0.094, sd 0.221).
        // Bin >= 150: Teff 8, 6 (7, 1.41); [M/H] 0.5, 0 (0.250, 0.354). All: Teff (6, 12.3); [M/H] (0.172, 0.257).
        let evaluation = try DemoFactories.evaluation()
        #expect(evaluation.text == """
            S/N_g\tn\tteff\tm_h
            20-40\t2\t5 ± 21\t0.094 ± 0.221
            >= 150\t2\t7 ± 1\t0.250 ± 0.354
            all\t4\t6 ± 12\t0.172 ± 0.257
            """)
    }

    @Test func aStatisticABinCannotGiveIsADashAsInTheCrossValidationTable() throws {
        // One spectrum at S/N 90 has no scatter; bin 20-40 and all spectra are as usual.
        let evaluation = try DemoFactories.evaluation(snr: [25, 35, 90], residuals: [[20, 0.25], [-10, -0.0625], [4, 0.5]])
        #expect(evaluation.text == """
            S/N_g\tn\tteff\tm_h
            20-40\t2\t5 ± 21\t0.094 ± 0.221
            80-100\t1\t-\t-
            all\t3\t5 ± 15\t0.229 ± 0.282
            """)
    }
}
