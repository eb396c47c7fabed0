@testable import SLAMNumerics
import Testing

/// The residual-pattern statistic and the names of the statistics.
@Suite struct OutsideTrainingSetStatisticsTests {
    @Test func alternatingResidualsHaveNoPattern() {
        let r = (0..<64).map { $0 % 2 == 0 ? 1.0 : -1.0 }
        #expect(OutsideTrainingSetStatistics.residualTrend(r) == 0)
    }

    @Test func aConstantOffsetIsAPatternGrowingWithTheBlockLength() {
        // 64 residuals of 2 in 16 blocks of 4: (4 x 2)^2 / 4 = 16 per block, over mean r^2 = 4 -> 4.
        #expect(OutsideTrainingSetStatistics.residualTrend([Double](repeating: 2, count: 64)) == 4)
        // Scaling all residuals changes nothing: the statistic is about shape, not amplitude.
        #expect(OutsideTrainingSetStatistics.residualTrend([Double](repeating: 0.25, count: 64)) == OutsideTrainingSetStatistics.residualTrend([Double](repeating: 8, count: 64)))
    }

    @Test func tooFewOrZeroResidualsGiveNaN() {
        #expect(OutsideTrainingSetStatistics.residualTrend([1, 2, 3]).isNaN)
        #expect(OutsideTrainingSetStatistics.residualTrend([Double](repeating: 0, count: 32)).isNaN)
    }

    @Test func valuesAreFoundByTheirStoredNames() {
        let s = OutsideTrainingSetStatistics(neighbourDistance: 1, reducedChiSquare: 2, lineChiSquare: 3, residualTrend: 4,
                                             firstGuessRatio: 5, snr: 6)
        #expect(OutsideTrainingSetStatistics.names.compactMap(s.value(named:)) == [1, 2, 3, 4, 5])
        #expect(s.value(named: "snr") == nil)
    }
}
