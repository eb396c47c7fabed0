@testable import SLAMNumerics
import Testing

@Suite struct CalibrationTests {
    /// Pairs whose true noise is `factor` times the formal errors.
    private func pairs(count: Int, factor: Double, seed: UInt64, snr: ClosedRange<Double> = 10...100) -> [RepeatPair] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let e1 = rng.uniform(20, 80), e2 = rng.uniform(20, 80)
            return RepeatPair(value1: 4500 + factor * e1 * rng.normal(), error1: e1,
                              value2: 4500 + factor * e2 * rng.normal(), error2: e2, snr: rng.uniform(snr.lowerBound, snr.upperBound))
        }
    }

    @Test(arguments: [1.0, 1.7, 3.0])
    func repeatPairsRecoverTheUnderestimateOfTheFormalErrors(factor: Double) throws {
        let found = try #require(RepeatPairCalibration.inflation(pairs(count: 4000, factor: factor, seed: 7)))
        #expect(abs(found / factor - 1) < 0.05, "found \(found) for \(factor)")
    }

    @Test func aFewCatastrophicPairsBarelyMoveTheFactor() throws {
        var sample = pairs(count: 1000, factor: 2, seed: 8)
        for k in 0..<20 { sample[k].value1 += 5000 }
        let found = try #require(RepeatPairCalibration.inflation(sample))
        #expect(abs(found / 2 - 1) < 0.1)
    }

    @Test func binsWithFewPairsTakeTheOverallFactor() throws {
        let sample = pairs(count: 600, factor: 1.5, seed: 9, snr: 10...50) + pairs(count: 600, factor: 3, seed: 10, snr: 50...100)
            + pairs(count: 3, factor: 10, seed: 11, snr: 150...160)
        let result = RepeatPairCalibration.inflation(sample, bins: [(0, 50), (50, 100), (100, .infinity)])
        #expect(result.allCount == 1203)
        #expect(abs(result.bins[0].inflation / 1.5 - 1) < 0.1 && result.bins[0].ownFactor)
        #expect(abs(result.bins[1].inflation / 3 - 1) < 0.1 && result.bins[1].ownFactor)
        #expect(!result.bins[2].ownFactor && result.bins[2].pairCount == 3)
        #expect(result.bins[2].inflation == result.all)
    }

    @Test func unusablePairsAreSkippedAndNoPairsGiveNoFactor() {
        let bad = [RepeatPair(value1: .nan, error1: 1, value2: 0, error2: 1, snr: 20),
                   RepeatPair(value1: 1, error1: 0, value2: 0, error2: 0, snr: 20)]
        #expect(bad.allSatisfy { $0.pull == nil })
        #expect(RepeatPairCalibration.inflation(bad) == nil)
        let result = RepeatPairCalibration.inflation(bad, bins: [(0, 100)])
        #expect(result.all == nil && result.bins[0].inflation == 1 && !result.bins[0].ownFactor)
    }

    @Test func errorFloorRecoversTheSystematicTerm() {
        var rng = SplitMix64(seed: 12)
        var residuals: [Double] = [], errors: [Double] = [], reference: [Double] = []
        for _ in 0..<5000 {
            let e = rng.uniform(10, 60), ref = 30.0
            residuals.append((e * e + 40 * 40 + ref * ref).squareRoot() * rng.normal())
            errors.append(e)
            reference.append(ref)
        }
        let floor = ErrorFloorEstimator.floor(residuals: residuals, inflatedErrors: errors, referenceErrors: reference)
        #expect(abs(floor / 40 - 1) < 0.1, "floor \(floor)")
        // Errors that already explain the residuals need no floor.
        #expect(ErrorFloorEstimator.floor(residuals: residuals.map { $0 / 10 }, inflatedErrors: errors.map { $0 * 3 }, referenceErrors: nil) == 0)
    }

    /// A catalogue without an error column (NULL, -9999 or NaN errors): the floor is estimated with the
    /// reference errors taken as 0, so it holds the reference's own error too, and the count says so.
    @Test func errorFloorWithoutReferenceErrorsAbsorbsThemAndCountsThem() {
        var rng = SplitMix64(seed: 13)
        var residuals: [Double] = [], errors: [Double] = []
        for _ in 0..<5000 {
            let e = rng.uniform(10, 60)
            residuals.append((e * e + 40 * 40 + 30 * 30).squareRoot() * rng.normal())
            errors.append(e)
        }
        for unknown in [Double.nan, -9999, .infinity] {
            let floor = ErrorFloorEstimator.floor(residuals: residuals, inflatedErrors: errors,
                                                  referenceErrors: [Double](repeating: unknown, count: residuals.count))
            #expect(abs(floor / 50 - 1) < 0.1, "unknown reference error \(unknown): floor \(floor), expected about sqrt(40^2 + 30^2)")
        }
        // Half of the stars with their reference error, half without: every star counts.
        let mixed: [Double?] = residuals.indices.map { $0 % 2 == 0 ? 30 : nil }
        let estimate = ErrorFloorEstimator.estimate(residuals: residuals, inflatedErrors: errors, referenceErrors: mixed)
        #expect(estimate.used == 5000 && estimate.missingReferenceErrors == 2500)
        #expect(estimate.floor > 40 && estimate.floor < 50, "floor \(estimate.floor)")
        let none = ErrorFloorEstimator.estimate(residuals: residuals, inflatedErrors: errors, referenceErrors: nil)
        #expect(none.missingReferenceErrors == 0 && abs(none.floor / 50 - 1) < 0.1)
    }

    @Test func calibratedErrorsCombineInflationAndFloorInTheirBin() {
        let model = CalibratedErrorModel(
            bins: [[.init(snrMin: 0, snrMax: 50, inflation: 2, floor: 30), .init(snrMin: 50, snrMax: .infinity, inflation: 1.5, floor: 0)],
                   []],
            overall: [.init(snrMin: 0, snrMax: .infinity, inflation: 1, floor: 0), nil])
        let low = model.errors(formal: [20, 0.1], snr: 20)
        #expect(low[0] == 50)
        #expect(low[1] == nil)
        #expect(model.errors(formal: [20, 0.1], snr: 80)[0] == 30)
        #expect(model.errors(formal: [20, 0.1], snr: nil)[0] == 20)
        #expect(model.errors(formal: [.nan, 0.1], snr: 20)[0] == nil)
    }
}
