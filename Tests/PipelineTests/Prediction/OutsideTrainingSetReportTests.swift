import Catalogue
@testable import Pipeline
import SLAMNumerics
import Store
import Testing

/// The text `slam model show` prints of a model's outside_training_set decision. (Loading needs a database.)
@Suite struct OutsideTrainingSetReportTests {
    static let rule = OutsideTrainingSetRule(statistics: ["neighbour_distance", "line_chi2"], targetRate: 0.05, bins: [
        .init(snrMin: 0, snrMax: 20, thresholds: [4.31, 1.284], insideFits: 100, falseFlagRate: 0.04, quantile: 0.97, borrowed: false),
        .init(snrMin: 20, snrMax: nil, thresholds: [4.31, nil], insideFits: 100, falseFlagRate: nil, quantile: 0.97, borrowed: true),
    ])

    static func row(recall: Double?) -> OutsideTrainingSetRow {
        OutsideTrainingSetRow(modelID: 3, version: 1, rule: JSONB("{}"), insideSpectra: 100, insideFits: 670, falseFlagRate: 0.039,
                              targetRate: 0.05, method: "m", recall: recall, recallNote: recall == nil ? nil : "demo")
    }

    @Test func binsThresholdsAndRatesAreShown() {
        #expect(OutsideTrainingSetReport.text(Self.row(recall: 0.923), rule: Self.rule) == """
            outside_training_set (flag bit 12, rule version 1): 670 inside fits from 100 member spectra, false-flag rate 3.9% (aim 5.0% per S/N bin); recall 92.3% (demo)
            S/N\tinside\tfalse\tneighbour_distance\tline_chi2
            0-20\t100\t4.0%\t4.31\t1.28
            >= 20\t100*\t-\t4.31\t-
            * too few inside fits: thresholds of the nearest bin with enough
            """)
    }

    @Test func aRecallNotMeasuredSaysWhereToMeasureIt() {
        #expect(OutsideTrainingSetReport.text(Self.row(recall: nil), rule: Self.rule).contains("recall not measured (needs a truth: slam demo)"))
    }
}
