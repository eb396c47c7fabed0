import Foundation
@testable import SLAMNumerics
import Testing

@Suite struct ContinuumCorrectionTests {
    /// A model spectrum with lines, P pixels.
    static func model(_ p: Int) -> [Double] {
        (0..<p).map { j in 1 - 0.4 * exp(-0.5 * pow(Double(j % 37 - 18) / 2.5, 2)) }
    }

    @Test func legendrePolynomialsMatchTheirClosedForms() {
        for x in [-1.0, -0.3, 0, 0.55, 1] {
            let v = ContinuumCorrection.legendre(x, degree: 3)
            #expect(v[0] == 1)
            #expect(v[1] == x)
            #expect(abs(v[2] - (3 * x * x - 1) / 2) < 1e-15)
            #expect(abs(v[3] - (5 * x * x * x - 3 * x) / 2) < 1e-15)
        }
    }

    @Test func recoversAKnownPolynomialFromNoiselessFlux() throws {
        let p = 400, m = Self.model(p)
        let truth = ContinuumCorrection(coefficients: [1.04, -0.02, 0.01, 0.005])
        let values = truth.values(count: p)
        let flux = (0..<p).map { Float(values[$0] * m[$0]) }
        let ivar = [Float](repeating: 1e4, count: p)
        let fitted = try ContinuumCorrection.fit(flux: flux, ivar: ivar, model: m,
                                                 modelVariance: [Double](repeating: 0, count: p), degree: 3)
        for k in 0...3 { #expect(abs(fitted.coefficients[k] - truth.coefficients[k]) < 1e-5, "a_\(k)") }
    }

    @Test func leavesOutBadPixelsAndClipsOutliers() throws {
        let p = 300, m = Self.model(p)
        var flux = m.map { Float(0.97 * $0) }, ivar = [Float](repeating: 1e4, count: p)
        flux[10] = .nan
        ivar[20] = 0
        flux[30] += 0.5  // a cosmic ray: 50 sigma
        flux[31] = -3; ivar[31] = .infinity
        let fitted = try ContinuumCorrection.fit(flux: flux, ivar: ivar, model: m,
                                                 modelVariance: [Double](repeating: 0, count: p), degree: 1)
        #expect(abs(fitted.coefficients[0] - 0.97) < 1e-5)
        #expect(abs(fitted.coefficients[1]) < 1e-5)
    }

    @Test func weightsCombineObservedAndModelVariance() throws {
        // Two halves disagree on the scale; the half with the huge model variance barely counts.
        let p = 200, m = [Double](repeating: 1, count: p)
        let flux = (0..<p).map { Float($0 < 100 ? 1.1 : 0.9) }
        let variance = (0..<p).map { $0 < 100 ? 1e6 : 0.0 }
        let fitted = try ContinuumCorrection.fit(flux: flux, ivar: [Float](repeating: 1e4, count: p), model: m,
                                                 modelVariance: variance, degree: 0, clip: .infinity)
        #expect(abs(fitted.coefficients[0] - 0.9) < 1e-6)
    }

    @Test func applyDividesFluxAndScalesIvar() {
        let correction = ContinuumCorrection(coefficients: [2, 0.5])
        var flux: [Float] = [9, 4, 6, 8], ivar: [Float] = [9, 1, 1, 1]
        correction.apply(flux: &flux, ivar: &ivar, offset: 1, count: 3)
        // P at x = -1, 0, 1: 1.5, 2, 2.5.
        #expect(flux == [9, 4 / 1.5, 3, 3.2])
        #expect(ivar == [9, 2.25, 4, 6.25])
    }

    @Test func tooFewPixelsOrANegativeDegreeIsAnError() {
        let m = Self.model(10)
        #expect(throws: InferenceError.self) {
            _ = try ContinuumCorrection.fit(flux: [Float](repeating: 1, count: 10), ivar: [Float](repeating: 0, count: 10),
                                            model: m, modelVariance: [Double](repeating: 0, count: 10), degree: 2)
        }
        #expect(throws: InferenceError.self) {
            _ = try ContinuumCorrection.fit(flux: [Float](repeating: 1, count: 10), ivar: [Float](repeating: 1, count: 10),
                                            model: m, modelVariance: [Double](repeating: 0, count: 10), degree: -1)
        }
    }
}
