@testable import SLAMNumerics
import Testing

@Suite("Precision statistics of predicted against reference labels")
struct PrecisionStatisticsTests {
    @Test func handComputedBiasScatterAndRobustScatter() throws {
        // One label, five spectra: residuals 1, 2, 3, 4, 100 (an outlier).
        let reference = [0.0, 0, 0, 0, 0]
        let predicted = [1.0, 2, 3, 4, 100]
        let stats = try PrecisionStatistics(predicted: predicted, reference: reference, snr: [50, 50, 50, 50, 50],
                                            count: 5, labelCount: 1, binEdges: [0, 100])
        let s = stats.bins[0].labels[0]
        #expect(s.count == 5)
        #expect(abs(s.bias - 22) < 1e-12)
        let sd = ([1.0, 2, 3, 4, 100].map { ($0 - 22) * ($0 - 22) }.reduce(0, +) / 4).squareRoot()
        #expect(abs(s.scatter - sd) < 1e-12)
        // median 3, |x - 3| = 2, 1, 0, 1, 97 -> MAD 1.
        #expect(abs(s.robustScatter - 1.4826) < 1e-12)
        #expect(s.pullCount == 0 && s.pullScatter.isNaN)
    }

    @Test func spectraFallIntoTheirSignalToNoiseBins() throws {
        let snr = [5.0, 15, 25, 150, .nan]
        let predicted = [1.0, 10, 20, 30, 40, 50, 60, 70, 80, 90]
        let reference = [Double](repeating: 0, count: 10)
        let stats = try PrecisionStatistics(predicted: predicted, reference: reference, snr: snr, count: 5,
                                            labelCount: 2, binEdges: [10, 20, 100])
        #expect(stats.bins.map(\.count) == [1, 1])
        #expect(stats.bins[0].labels[0].bias == 20)  // spectrum 1 (S/N 15): label 0 is predicted[2]
        #expect(stats.bins[1].labels[1].bias == 50)  // spectrum 2 (S/N 25): label 1 is predicted[5]
        #expect(stats.overall.count == 5)
        #expect(stats.overall.labels[0].count == 5)
    }

    @Test func pullsOfHonestGaussianErrorsHaveUnitScatter() throws {
        var rng = SplitMix64(seed: 12)
        let m = 4000
        var predicted: [Double] = [], reference: [Double] = [], errors: [Double] = []
        for _ in 0..<m {
            let sigma = 0.5 + rng.uniform()
            reference.append(4500)
            predicted.append(4500 + 30 + sigma * rng.normal())  // bias 30, formal errors honest
            errors.append(sigma)
        }
        let stats = try PrecisionStatistics(predicted: predicted, reference: reference, formalErrors: errors,
                                            snr: [Double](repeating: 60, count: m), count: m, labelCount: 1,
                                            binEdges: [50, 100])
        let s = stats.bins[0].labels[0]
        #expect(abs(s.bias - 30) < 0.1)
        #expect(abs(s.pullScatter - 1) < 0.05)
        #expect(abs(s.pullRobustScatter - 1) < 0.06)
        let halved = try PrecisionStatistics(predicted: predicted, reference: reference, formalErrors: errors.map { $0 / 2 },
                                             snr: [Double](repeating: 60, count: m), count: m, labelCount: 1,
                                             binEdges: [50, 100])
        #expect(abs(halved.bins[0].labels[0].pullScatter - 2) < 0.1)
    }

    @Test func failedFitsAndNonFiniteValuesAreLeftOut() throws {
        let fit = LabelFit(labels: [4510], covariance: [100], standardisedLabels: [0.1], standardisedCovariance: [1e-4],
                           firstGuess: [4500], templateIndex: 0, firstGuessChiSquare: 10, chiSquare: 9, pixelsUsed: 100,
                           functionEvaluations: 5, jacobianEvaluations: 4, status: .labelsConverged, flags: [])
        let results: [Result<LabelFit, InferenceError>] = [.success(fit), .failure(.allPixelsBad(spectrum: 1)), .success(fit)]
        let stats = try PrecisionStatistics(fits: results, reference: [4500, 4500, .nan], snr: [30, 30, 30],
                                            labelCount: 1, binEdges: [20, 40])
        let s = stats.bins[0].labels[0]
        #expect(stats.bins[0].count == 3)
        #expect(s.count == 1)
        #expect(s.bias == 10)
        #expect(s.pullBias == 1)
    }

    @Test func badArgumentsThrow() {
        #expect(throws: InferenceError.invalidBinEdges([10, 10])) {
            try PrecisionStatistics(predicted: [1], reference: [1], snr: [1], count: 1, labelCount: 1, binEdges: [10, 10])
        }
        #expect(throws: InferenceError.wrongLength(name: "snr", expected: 1, actual: 2)) {
            try PrecisionStatistics(predicted: [1], reference: [1], snr: [1, 2], count: 1, labelCount: 1, binEdges: [0, 10])
        }
        #expect(throws: InferenceError.wrongLength(name: "reference", expected: 2, actual: 1)) {
            try PrecisionStatistics(predicted: [1, 2], reference: [1], snr: [1], count: 1, labelCount: 2, binEdges: [0, 10])
        }
    }
}
