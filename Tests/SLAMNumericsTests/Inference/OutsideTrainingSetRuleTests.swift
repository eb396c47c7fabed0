import Foundation
@testable import SLAMNumerics
import Testing

/// The max-of-ranks decision and its calibration on inside fits laid out by hand.
@Suite struct OutsideTrainingSetRuleTests {
    /// A fit with every statistic NaN except those given.
    static func fit(snr: Double, chi2: Double = .nan, distance: Double = .nan, trend: Double = .nan) -> OutsideTrainingSetStatistics {
        OutsideTrainingSetStatistics(neighbourDistance: distance, reducedChiSquare: chi2, lineChiSquare: .nan, residualTrend: trend,
                                     firstGuessRatio: .nan, snr: snr)
    }

    @Test func quantileInterpolatesLinearly() {
        let v: [Double] = [1, 2, 3, 4, 5]
        #expect(OutsideTrainingSetRule.quantile(sorted: v, 0) == 1)
        #expect(OutsideTrainingSetRule.quantile(sorted: v, 0.5) == 3)
        #expect(OutsideTrainingSetRule.quantile(sorted: v, 0.875) == 4.5)
        #expect(OutsideTrainingSetRule.quantile(sorted: v, 1) == 5)
    }

    @Test func oneStatisticFlagsExactlyTheTargetFractionOfItsInsideFits() throws {
        let inside = (1...100).map { Self.fit(snr: 50, chi2: Double($0)) }
        let rule = try OutsideTrainingSetRule.calibrate(inside: inside, snrEdges: [0], targetRate: 0.05, statistics: ["reduced_chi2"])
        let threshold = try #require(rule.bins[0].thresholds[0])
        #expect(threshold >= 95 && threshold < 96)  // 96...100 exceed it: five of 100
        #expect(rule.bins[0].falseFlagRate == 0.05)
        #expect(rule.bins[0].snrMax == nil)
        #expect(rule.isOutside(Self.fit(snr: 50, chi2: 96)))
        #expect(!rule.isOutside(Self.fit(snr: 50, chi2: 95)))
    }

    @Test func severalStatisticsShareTheFalseFlagBudget() throws {
        // Two statistics with independent ranks: each alone at its 95th percentile would flag up to 10% together.
        var rng = SplitMix64(seed: 3)
        let other = (1...200).map { Double($0) }.shuffled(using: &rng)
        let inside = (1...200).map { Self.fit(snr: 30, chi2: Double($0), trend: other[$0 - 1]) }
        let rule = try OutsideTrainingSetRule.calibrate(inside: inside, snrEdges: [0], targetRate: 0.05,
                                                        statistics: ["reduced_chi2", "residual_trend"])
        let flagged = inside.filter(rule.isOutside).count
        #expect(flagged <= 10 && flagged >= 8)  // at most 5%, and the search does not stop far below it
        #expect(try #require(rule.bins[0].quantile) > 0.95)
        #expect(OutsideTrainingSetRule.falseFlagRate(of: rule, inside: inside) == Double(flagged) / 200)
    }

    @Test func aFlooredStatisticNeverFlagsBelowItsFloorAndLeavesTheBudgetToTheOthers() throws {
        // Distances 1...200 and chi2 1...200 in independent order; the distance floored at 250, above them all.
        var rng = SplitMix64(seed: 3)
        let other = (1...200).map { Double($0) }.shuffled(using: &rng)
        let inside = (1...200).map { Self.fit(snr: 30, chi2: Double($0), distance: other[$0 - 1]) }
        let rule = try OutsideTrainingSetRule.calibrate(inside: inside, snrEdges: [0], targetRate: 0.05,
                                                        statistics: ["neighbour_distance", "reduced_chi2"],
                                                        floors: ["neighbour_distance": 250])
        let thresholds = rule.bins[0].thresholds
        #expect(thresholds[0] == 250)
        // The whole 5% goes to chi2: its threshold is its own 95th percentile, as if it were alone.
        let chi2 = try #require(thresholds[1])
        #expect(chi2 >= 190 && chi2 < 191)
        #expect(inside.filter(rule.isOutside).count == 10)
        #expect(!rule.isOutside(Self.fit(snr: 30, chi2: 1, distance: 249)) && rule.isOutside(Self.fit(snr: 30, chi2: 1, distance: 251)))
        // A floor below the quantile changes nothing.
        let low = try OutsideTrainingSetRule.calibrate(inside: inside, snrEdges: [0], targetRate: 0.05,
                                                       statistics: ["neighbour_distance", "reduced_chi2"], floors: ["neighbour_distance": 0.5])
        let free = try OutsideTrainingSetRule.calibrate(inside: inside, snrEdges: [0], targetRate: 0.05,
                                                        statistics: ["neighbour_distance", "reduced_chi2"])
        #expect(low.bins == free.bins)
    }

    @Test func eachSNRBinHasItsOwnThresholdsAndSparseBinsBorrow() throws {
        // Low S/N: chi2 1...100; high S/N: chi2 101...200; the middle bin has 3 fits and borrows from the nearest full bin.
        let inside = (1...100).map { Self.fit(snr: 10, chi2: Double($0)) } + (101...200).map { Self.fit(snr: 100, chi2: Double($0)) }
            + [Self.fit(snr: 40, chi2: 1), Self.fit(snr: 40, chi2: 2), Self.fit(snr: 40, chi2: 3)]
        let rule = try OutsideTrainingSetRule.calibrate(inside: inside, snrEdges: [0, 30, 50], targetRate: 0.05,
                                                        statistics: ["reduced_chi2"], minimumPerBin: 20)
        #expect(rule.bins.map(\.borrowed) == [false, true, false])
        #expect(rule.bins[1].thresholds == rule.bins[0].thresholds)  // equally near: the lower-S/N bin
        #expect(rule.bins[1].falseFlagRate == 0)  // its own three fits
        #expect(rule.isOutside(Self.fit(snr: 10, chi2: 99)))
        #expect(!rule.isOutside(Self.fit(snr: 100, chi2: 190)))
        #expect(rule.isOutside(Self.fit(snr: 500, chi2: 199)))  // beyond the last edge: the open bin
    }

    @Test func nanStatisticsAndNanSNRNeverFlag() throws {
        let inside = (1...50).map { Self.fit(snr: 20, chi2: Double($0)) }
        let rule = try OutsideTrainingSetRule.calibrate(inside: inside, snrEdges: [5], statistics: ["reduced_chi2", "neighbour_distance"])
        #expect(rule.bins[0].thresholds[1] == nil)  // no finite distance: that statistic never flags
        #expect(!rule.isOutside(Self.fit(snr: 20, chi2: .nan, distance: 1e9)))
        #expect(!rule.isOutside(Self.fit(snr: .nan, chi2: 1e9)))
        #expect(rule.isOutside(Self.fit(snr: 1, chi2: 1e9)))  // below the first edge: the first bin
    }

    @Test func noInsideFitsFlagsNothing() throws {
        let rule = try OutsideTrainingSetRule.calibrate(inside: [], snrEdges: [0, 20])
        #expect(rule.bins.allSatisfy { $0.thresholds.allSatisfy { $0 == nil } && $0.falseFlagRate == nil })
        #expect(!rule.isOutside(Self.fit(snr: 30, chi2: 1e9, distance: 1e9)))
    }

    @Test func badSettingsAreRefused() {
        #expect(throws: InferenceError.invalidOption(name: "targetRate", value: 0)) {
            try OutsideTrainingSetRule.calibrate(inside: [], targetRate: 0)
        }
        #expect(throws: InferenceError.invalidBinEdges([0, 20, 10])) {
            try OutsideTrainingSetRule.calibrate(inside: [], snrEdges: [0, 20, 10])
        }
        #expect(throws: InferenceError.invalidArgument(name: "statistics[1] (unknown name)", value: 1)) {
            try OutsideTrainingSetRule.calibrate(inside: [], statistics: ["reduced_chi2", "colour"])
        }
    }

    @Test func ruleRoundTripsThroughJSON() throws {
        let inside = (1...60).map { Self.fit(snr: Double($0), chi2: Double($0 % 7)) }
        let rule = try OutsideTrainingSetRule.calibrate(inside: inside, snrEdges: [0, 30], targetRate: 0.1, statistics: ["reduced_chi2", "line_chi2"])
        let data = try JSONEncoder().encode(rule)
        #expect(try JSONDecoder().decode(OutsideTrainingSetRule.self, from: data) == rule)
    }
}
