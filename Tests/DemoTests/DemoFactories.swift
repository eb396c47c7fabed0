@testable import Demo
@testable import Pipeline
import Report
import SLAMNumerics

/// Hand-made demo values with overridable defaults: precision tables, evaluations, applications.
enum DemoFactories {
    /// A cross-validation table of one 50-100 bin and all spectra (8 spectra), values label units.
    static func precisionTable(labels: [String] = ["teff", "logg", "m_h"]) -> PrecisionTable {
        func row(_ min: Double, _ max: Double) -> PrecisionTable.Row {
            PrecisionTable.Row(snrMin: min, snrMax: max, count: 8, values: labels.map { $0 == "teff" ? (12, 61, 55) : (0.02, 0.11, 0.1) })
        }
        return PrecisionTable(labelNames: labels, rows: [row(50, 100)], overall: row(0, ModelTrainingSettings.openUpperEdge))
    }

    /// Spectra at S/N_g `snr` with (Teff, metallicity) `residuals` against 4500 K and -0.5 dex, in the demo's
    /// S/N bins. By default four spectra at S/N_g 25, 35, 200 and 500 with Teff residuals 20, -10, 8, 6 K
    /// and metallicity residuals 0.25, -0.0625, 0.5, 0 dex (exact in binary).
    static func evaluation(labels: [String] = ["teff", "m_h"], snr: [Double] = [25, 35, 200, 500],
                           residuals: [[Double]] = [[20, 0.25], [-10, -0.0625], [8, 0.5], [6, 0]]) throws -> DemoEvaluation {
        let reference: [Double] = Array(repeating: [4500, -0.5], count: snr.count).flatMap { $0 }
        let predicted = zip(residuals.flatMap { $0 }, reference).map { $0 + $1 }
        let statistics = try PrecisionStatistics(predicted: predicted, reference: reference, snr: snr, count: snr.count,
                                                 labelCount: 2, binEdges: ModelTrainingSettings().binEdges)
        return DemoEvaluation(labelNames: labels, statistics: statistics, count: snr.count, outsideFlags: outsideFlags())
    }

    /// Flag rates of six spectra: at S/N_g 15, two outside (one flagged bit 12, one bit 3) and one inside
    /// (bit 7); at S/N_g 150, one outside (bits 12 and 3) and two inside (one bit 12).
    static func outsideFlags() -> OutsideFlagRates {
        OutsideFlagRates(snr: [15, 15, 15, 150, 150, 150], outside: [true, true, false, true, false, false],
                         flags: [4096, 8, 128, 4096 | 8, 4096, 0], edges: [10, 20, 100])
    }

    static func trainingSet(members: Int, source: String? = nil) -> TrainingSetReport {
        TrainingSetReport(trainingSetID: 1, name: "demo", version: 1, crossmatchRunID: source == nil ? 1 : nil, candidates: members,
                          cuts: [], members: members, heldOut: 0, labelSpans: [], source: source)
    }

    static func application(_ kind: DemoApplication.Kind, modelID: Int, labels: [String], members: Int) throws -> DemoApplication {
        DemoApplication(kind: kind, labelSet: kind == .apogee ? "apogee-dr17" : DemoApplication.laspLabelSet, modelID: modelID,
                        trainingSet: trainingSet(members: members, source: kind == .lasp ? "label catalogue lasp-dr5 v1" : nil),
                        crossValidation: precisionTable(labels: labels), truth: try evaluation(labels: [labels[0], labels[2]]))
    }
}
