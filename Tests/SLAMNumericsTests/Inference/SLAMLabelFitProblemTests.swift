import Foundation
@testable import SLAMNumerics
import Testing

/// The residuals and Jacobian MINPACK sees for one spectrum: weighted differences from the model, box
/// bounds by clamping, robust transforms, and the cached Jacobian.
@Suite struct SLAMLabelFitProblemTests {
    static let ln2 = log(2.0)

    /// The hand model of `SLAMKernelEvaluatorTests` observed as (2, 0.25) in grouped order with sqrt weights
    /// (2, 3). At theta = (1, 0) the model is (1.25, 0.5), so the residuals are 2 x 0.75 = 1.5 and
    /// 3 x -0.25 = -0.75, and the residual Jacobian is -sqrt(w) times the model's:
    /// rows (6 ln2, 2 ln2) and (3 ln2, -3 ln2).
    static func problem(upper: [Double] = [.infinity, .infinity], observed: [Double] = [2, 0.25])
        -> SLAMLabelFitProblem {
        let evaluator = SLAMKernelEvaluator(model: SLAMKernelEvaluatorTests.handModel(), precision: .double)
        let spectrum = SLAMPreparedSpectrum(flux: observed, sqrtWeight: [2, 3], used: [0, 1], rows: [[0..<1], [0..<1]])
        return SLAMLabelFitProblem(evaluator: evaluator, source: .direct(SLAMKernelBuffers()), spectrum: spectrum,
                                   lower: [-.infinity, -.infinity], upper: upper)
    }

    static func residuals(_ problem: SLAMLabelFitProblem, at theta: [Double]) -> (ok: Bool, values: [Double]) {
        var r = [Double](repeating: 0, count: problem.residualCount)
        let ok = r.withUnsafeMutableBufferPointer { problem.evaluate(theta: theta, residuals: $0.baseAddress!) }
        return (ok, r)
    }

    static func jacobian(_ problem: SLAMLabelFitProblem, at theta: [Double], ld: Int) -> [Double] {
        var fjac = [Double](repeating: .nan, count: ld * 2)
        _ = fjac.withUnsafeMutableBufferPointer { problem.jacobian(theta: theta, into: $0.baseAddress!, ld: ld) }
        return fjac
    }

    @Test func residualsAreWeightedDifferencesFromTheModel() {
        let problem = Self.problem()
        let (ok, r) = Self.residuals(problem, at: [1, 0])
        #expect(ok)
        #expect(abs(r[0] - 1.5) <= 1e-14 && abs(r[1] + 0.75) <= 1e-14)
        #expect(abs(problem.startChiSquare! - 2.8125) <= 1e-13)
        let expected = [6 * Self.ln2, 3 * Self.ln2, 2 * Self.ln2, -3 * Self.ln2]
        for k in 0..<4 { #expect(abs(problem.cachedJacobian[k] - expected[k]) <= 1e-13) }
    }

    @Test func startChiSquareIsTheFirstEvaluationOnly() {
        let problem = Self.problem()
        _ = Self.residuals(problem, at: [1, 0])
        _ = Self.residuals(problem, at: [0, 0])
        // At the origin the model is (3, 1.0625): residuals -2 and -2.4375, a larger chi-square.
        #expect(abs(problem.startChiSquare! - 2.8125) <= 1e-13)
        #expect(abs(problem.startPlainChiSquare! - 2.8125) <= 1e-13)
    }

    @Test func aLabelBeyondItsBoundIsEvaluatedAtTheBoundWithAZeroColumn() {
        let bounded = Self.problem(upper: [.infinity, 0])
        let (_, inside) = Self.residuals(Self.problem(), at: [1, 0])
        let (ok, outside) = Self.residuals(bounded, at: [1, 5])
        #expect(ok)
        #expect(outside == inside)
        let expected = [6 * Self.ln2, 3 * Self.ln2, 0, 0]
        for k in 0..<4 { #expect(abs(bounded.cachedJacobian[k] - expected[k]) <= 1e-13) }
    }

    @Test func jacobianIsWrittenWithTheLeadingDimensionAndRecomputedAwayFromTheCache() {
        let problem = Self.problem()
        _ = Self.residuals(problem, at: [1, 0])
        let cached = Self.jacobian(problem, at: [1, 0], ld: 3)
        let expected = [6 * Self.ln2, 3 * Self.ln2, 2 * Self.ln2, -3 * Self.ln2]
        for (k, index) in [0, 1, 3, 4].enumerated() { #expect(abs(cached[index] - expected[k]) <= 1e-13) }
        #expect(cached[2].isNaN && cached[5].isNaN)  // rows beyond m are left alone
        // Asked at the origin without an evaluation there: -sqrt(w) times (-ln2/2, -ln2/2) and (ln2/4, ln2/4).
        let fresh = Self.jacobian(problem, at: [0, 0], ld: 2)
        let atOrigin = [Self.ln2, -0.75 * Self.ln2, Self.ln2, -0.75 * Self.ln2]
        for k in 0..<4 { #expect(abs(fresh[k] - atOrigin[k]) <= 1e-13) }
    }

    @Test(arguments: [SLAMFitLoss.linear, .softL1(scale: 1), .huber(scale: 0.5)])
    func jacobianIsTheDerivativeOfTheResidualsLmderSees(loss: SLAMFitLoss) {
        let problem = Self.problem()
        problem.transform = loss
        let theta = [0.4, -0.3], h = 1e-6
        _ = Self.residuals(problem, at: theta)
        let analytic = problem.cachedJacobian
        for c in 0..<2 {
            var plus = theta, minus = theta
            plus[c] += h; minus[c] -= h
            let rp = Self.residuals(problem, at: plus).values, rm = Self.residuals(problem, at: minus).values
            for u in 0..<2 { #expect(abs((rp[u] - rm[u]) / (2 * h) - analytic[u + 2 * c]) <= 1e-7) }
        }
    }

    @Test func softL1ChiSquareIsTheRobustObjective() {
        let problem = Self.problem()
        problem.transform = .softL1(scale: 1)
        let (_, r) = Self.residuals(problem, at: [1, 0])
        // rho(r) = 2 (sqrt(1 + r^2) - 1) for the plain residuals 1.5 and -0.75.
        let objective = 2 * ((1 + 2.25).squareRoot() - 1) + 2 * ((1 + 0.5625).squareRoot() - 1)
        #expect(abs(r[0] * r[0] + r[1] * r[1] - objective) <= 1e-13)
        #expect(r[0] > 0 && r[1] < 0)
        #expect(abs(problem.startPlainChiSquare! - 2.8125) <= 1e-13)
        #expect(problem.cachedPlainResiduals.count == 2 && abs(problem.cachedPlainResiduals[0] - 1.5) <= 1e-14)
    }

    @Test func aNonFiniteResidualStopsTheFit() {
        let problem = Self.problem(observed: [.infinity, 0.25])
        let (ok, _) = Self.residuals(problem, at: [1, 0])
        #expect(!ok)
        #expect(problem.sawNonFinite)
    }
}
