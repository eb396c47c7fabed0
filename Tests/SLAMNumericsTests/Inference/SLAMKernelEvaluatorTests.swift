import Foundation
@testable import SLAMNumerics
import Testing

/// The evaluator regroups a model's pixels by gamma (stably) and keeps the maps between model and grouped order.
@Suite struct SLAMKernelEvaluatorTests {
    /// A hand-sized model: two labels, training stars at (0, 0) and (1, 1) (standardised), pixel 0 with
    /// gamma ln 4, coefficients (1, 1), intercept 0; pixel 1 with gamma ln 2, coefficients (3, -1),
    /// intercept `intercept1`. At theta = (1, 0) every squared distance is 1, so the kernel values are
    /// 1/4 (pixel 0) and 1/2 (pixel 1).
    static func handModel(intercept1: Double = 0.25) -> SLAMModel {
        SLAMModel(
            labelNames: ["a", "b"], wavelength: [5000, 5001],
            labelScaler: Standardiser(mean: [0, 0], scale: [1, 1]),
            fluxScaler: Standardiser(mean: [0, 0], scale: [1, 1]),
            trainingLabels: [0, 0, 1, 1], coefficients: [1, 1, 3, -1], intercept: [0, intercept1],
            hyperparameters: [SVRHyperparameters(c: 1, epsilon: 0.1, gamma: log(4)),
                              SVRHyperparameters(c: 1, epsilon: 0.1, gamma: log(2))],
            crossValidatedMSE: [0, 0])
    }

    /// Four pixels with gammas 0.5, 0.25, 0.5, 0.25 and coefficient rows (j, 10 j) on two training stars.
    static func interleavedModel() -> SLAMModel {
        let gammas = [0.5, 0.25, 0.5, 0.25]
        return SLAMModel(
            labelNames: ["a"], wavelength: [1, 2, 3, 4],
            labelScaler: Standardiser(mean: [0], scale: [1]),
            fluxScaler: Standardiser(mean: [0, 0, 0, 0], scale: [1, 1, 1, 1]),
            trainingLabels: [0, 1], coefficients: (0..<4).flatMap { [Double($0), 10 * Double($0)] },
            intercept: [100, 101, 102, 103],
            hyperparameters: gammas.map { SVRHyperparameters(c: 1, epsilon: 0.1, gamma: $0) },
            crossValidatedMSE: [0, 0, 0, 0])
    }

    @Test func pixelsAreGroupedByGammaKeepingModelOrderWithinAGroup() {
        let evaluator = SLAMKernelEvaluator(model: Self.interleavedModel(), precision: .double)
        #expect(evaluator.order == [1, 3, 0, 2])
        #expect(evaluator.position == [2, 0, 3, 1])
        #expect(evaluator.groups.map(\.gamma) == [0.25, 0.5])
        #expect(evaluator.groups.map(\.start) == [0, 2])
        #expect(evaluator.groups.map(\.count) == [2, 2])
        #expect(evaluator.intercept == [101, 103, 100, 102])
        #expect((evaluator.trainingCount, evaluator.labelCount, evaluator.pixelCount) == (2, 1, 4))
    }

    @Test func coefficientRowsFollowTheirPixelsInBothPrecisions() {
        let model = Self.interleavedModel()
        let double = SLAMKernelEvaluator(model: model, precision: .double)
        let single = SLAMKernelEvaluator(model: model, precision: .single)
        let expected: [Double] = [1, 10, 3, 30, 0, 0, 2, 20]
        guard case .double(let d) = double.coefficients, case .single(let s) = single.coefficients else {
            Issue.record("precision not kept")
            return
        }
        #expect(d == expected)
        #expect(s == expected.map(Float.init))
    }

    @Test func orderAndPositionAreInversePermutations() {
        var rng = SplitMix64(seed: 3)
        let p = 37
        let gammas = (0..<p).map { _ in [0.1, 0.2, 0.4][Int(rng.uniform() * 3) % 3] }
        let model = SLAMModel(
            labelNames: ["a"], wavelength: (0..<p).map(Double.init),
            labelScaler: Standardiser(mean: [0], scale: [1]),
            fluxScaler: Standardiser(mean: [Double](repeating: 0, count: p), scale: [Double](repeating: 1, count: p)),
            trainingLabels: [0], coefficients: [Double](repeating: 1, count: p), intercept: [Double](repeating: 0, count: p),
            hyperparameters: gammas.map { SVRHyperparameters(c: 1, epsilon: 0.1, gamma: $0) },
            crossValidatedMSE: [Double](repeating: 0, count: p))
        let evaluator = SLAMKernelEvaluator(model: model, precision: .single)
        for q in 0..<p { #expect(evaluator.position[evaluator.order[q]] == q) }
        for group in evaluator.groups {
            let members = evaluator.order[group.start..<(group.start + group.count)]
            #expect(members.allSatisfy { gammas[$0] == group.gamma })
            #expect(Array(members) == members.sorted())
        }
        #expect(evaluator.groups.map(\.count).reduce(0, +) == p)
        #expect(evaluator.groups.map(\.gamma) == evaluator.groups.map(\.gamma).sorted())
    }
}
