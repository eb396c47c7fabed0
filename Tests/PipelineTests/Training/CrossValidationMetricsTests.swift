import Foundation
@testable import Pipeline
import SLAMNumerics
import Store
import Testing

/// A model's validation summary as stored in `model.cv_metrics`: bins from the precision statistics,
/// open edges and undefined statistics as missing, so that it always encodes as JSON.
@Suite struct CrossValidationMetricsTests {
    /// Three spectra at S/N 10, 30 and 80 with Teff residuals +10, -10, +30 K (formal error 5 K) and
    /// log g residuals 0.1, -0.1 and a failed fit; bins 0-50 and 50-open.
    static func statistics() throws -> PrecisionStatistics {
        try PrecisionStatistics(predicted: [4510, 2.6, 4490, 2.4, 4530, .nan], reference: [4500, 2.5, 4500, 2.5, 4500, 2.5],
                                formalErrors: [5, 0.1, 5, 0.1, 5, 0.1], snr: [10, 30, 80], count: 3, labelCount: 2,
                                binEdges: [0, 50, ModelTrainingSettings.openUpperEdge])
    }

    @Test func binsKeepTheirEdgesAndStatisticsWithOpenEdgesMissing() throws {
        let table = CrossValidationMetrics.Table(try Self.statistics(), labels: ["teff", "logg"])
        #expect(table.bins.map(\.snrMin) == [0, 50])
        #expect(table.bins.map(\.snrMax) == [50, nil])
        #expect(table.overall.snrMin == nil)
        #expect(table.overall.snrMax == nil)
        let teff = table.bins[0].labels[0]
        #expect(teff.label == "teff")
        #expect(teff.count == 2)
        #expect(teff.bias == 0)
        // Residuals +-10: sample sd sqrt(200), 1.4826 x MAD 14.826; pulls about the bias +-2: sd sqrt(8).
        #expect(teff.scatter == 200.0.squareRoot())
        #expect(teff.robustScatter == 1.4826 * 10)
        #expect(teff.errorCalibration == 8.0.squareRoot())
        #expect(table.overall.labels.map(\.count) == [3, 2])
    }

    @Test func statisticsThatAreUndefinedAreMissing() throws {
        let table = CrossValidationMetrics.Table(try Self.statistics(), labels: ["teff", "logg"])
        let lone = table.bins[1].labels[0]
        #expect(lone.count == 1)
        #expect(lone.bias == 30)
        #expect(lone.scatter == nil)
        #expect(lone.errorCalibration == nil)
        let failed = table.bins[1].labels[1]
        #expect(failed == CrossValidationMetrics.Entry(label: "logg", count: 0, bias: nil, scatter: nil, robustScatter: nil,
                                                       errorCalibration: nil))
    }

    @Test func theMetricsRoundTripThroughTheStoredJSON() throws {
        let table = CrossValidationMetrics.Table(try Self.statistics(), labels: ["teff", "logg"])
        let metrics = CrossValidationMetrics(labelNames: ["teff", "logg"], crossValidation: table, validation: nil, heldOutCount: 0)
        let json = try JSONB(encoding: metrics)
        #expect(try json.decode(CrossValidationMetrics.self) == metrics)
        #expect(!json.text.contains("NaN"))
        #expect(json.text.hasPrefix(#"{"crossValidation":{"bins":[{"labels":[{"bias":0,"count":2,"errorCalibration":"#))
    }

    @Test func heldOutValidationIsKeptBesideTheCrossValidation() throws {
        let table = CrossValidationMetrics.Table(try Self.statistics(), labels: ["teff", "logg"])
        let metrics = CrossValidationMetrics(labelNames: ["teff", "logg"], crossValidation: table, validation: table, heldOutCount: 3)
        let decoded = try JSONB(encoding: metrics).decode(CrossValidationMetrics.self)
        #expect(decoded.validation == table)
        #expect(decoded.heldOutCount == 3)
    }
}
