import Foundation
@testable import SLAMNumerics
import Testing

@Suite struct SmoothingSplineTests {
    /// Random abscissae on [4000, 5000] A with random positive weights.
    private func samples(seed: UInt64, count: Int = 400) -> (x: [Double], w: [Double], rng: SplitMix64) {
        var rng = SplitMix64(seed: seed)
        let x = (0..<count).map { _ in rng.uniform(4000, 5000) }
        let w = (0..<count).map { _ in rng.uniform(0.2, 5) }
        return (x, w, rng)
    }

    private func cubic(_ x: Double) -> Double {
        let u = (x - 4500) / 500
        return 3 - 2 * u + 1.5 * u * u - 0.7 * u * u * u
    }

    @Test func reproducesCubicExactlyAtZeroSmoothing() throws {
        let (x, w, _) = samples(seed: 1)
        let y = x.map(cubic)
        let spline = try SmoothingSpline(x: x, y: y, weights: w, smoothingLength: 0, knotSpacing: 25, domain: 4000...5000)
        for probe in stride(from: 4000.0, through: 5000, by: 7.3) {
            #expect(abs(spline(probe) - cubic(probe)) < 1e-9)
        }
    }

    @Test func tendsToWeightedStraightLineAtLargeSmoothing() throws {
        var (x, w, rng) = samples(seed: 2)
        let y = x.map { cubic($0) + 0.05 * rng.normal() }
        // Weighted least-squares line, closed form.
        let sw = w.reduce(0, +)
        let mx = zip(x, w).map { $0 * $1 }.reduce(0, +) / sw
        let my = zip(y, w).map { $0 * $1 }.reduce(0, +) / sw
        var sxy = 0.0, sxx = 0.0
        for i in x.indices { sxy += w[i] * (x[i] - mx) * (y[i] - my); sxx += w[i] * (x[i] - mx) * (x[i] - mx) }
        let slope = sxy / sxx
        func line(_ t: Double) -> Double { my + slope * (t - mx) }
        // The departure from the line shrinks like (range / L)^4 (the cubic's curvature is of order 1 here);
        // wide knots keep the normal equations well conditioned ((L / knotSpacing)^4 <= 1e8; beyond, rounding grows like eps * (L / knotSpacing)^4).
        var previous = Double.infinity
        for length in [100.0, 1_000, 10_000] {
            let spline = try SmoothingSpline(x: x, y: y, weights: w, smoothingLength: length, knotSpacing: 100, domain: 4000...5000)
            let distance = stride(from: 4000.0, through: 5000, by: 10).map { abs(spline($0) - line($0)) }.max()!
            #expect(distance < previous)
            previous = distance
        }
        #expect(previous < 1e-5)
    }

    @Test func smoothingLengthHalvesASinusoidOfPeriodTwoPiL() throws {
        // Dense, even, equally weighted sampling: the fit's transfer function is 1 / (1 + (L omega)^4).
        let length = 40.0
        let period = 2 * Double.pi * length
        let x = stride(from: 3000.0, through: 7000, by: 1).map { $0 }
        let y = x.map { sin(2 * Double.pi * $0 / period) }
        let spline = try SmoothingSpline(x: x, y: y, smoothingLength: length, knotSpacing: 5)
        var numerator = 0.0, denominator = 0.0
        for t in x where t > 4000 && t < 6000 {
            let truth = sin(2 * Double.pi * t / period)
            numerator += spline(t) * truth
            denominator += truth * truth
        }
        let gain = numerator / denominator
        #expect(abs(gain - 0.5) < 0.03)
        // A slow sinusoid passes almost untouched.
        let slow = x.map { sin(2 * Double.pi * $0 / (20 * period)) }
        let slowFit = try SmoothingSpline(x: x, y: slow, smoothingLength: length, knotSpacing: 5)
        #expect(zip(x, slow).filter { $0.0 > 4000 && $0.0 < 6000 }.allSatisfy { abs(slowFit($0.0) - $0.1) < 0.01 })
    }

    @Test func scalingValuesAndWeightsScalesTheFit() throws {
        var (x, w, rng) = samples(seed: 3)
        let y = x.map { cubic($0) + 0.1 * rng.normal() }
        let k = 37.5
        let a = try SmoothingSpline(x: x, y: y, weights: w, smoothingLength: 30, knotSpacing: 10)
        let b = try SmoothingSpline(
            x: x, y: y.map { $0 * k }, weights: w.map { $0 / (k * k) }, smoothingLength: 30, knotSpacing: 10)
        for probe in stride(from: 4000.0, through: 5000, by: 13) {
            #expect(abs(b(probe) / k - a(probe)) < 1e-10 * abs(a(probe)) + 1e-12)
        }
    }

    @Test func unpenalisedFitAcrossAGapIsSingular() {
        let x = stride(from: 4000.0, through: 4400, by: 1).map { $0 } + stride(from: 4700.0, through: 5000, by: 1).map { $0 }
        let y = x.map(cubic)
        #expect(throws: SmoothingSplineError.self) {
            try SmoothingSpline(x: x, y: y, smoothingLength: 0, knotSpacing: 10)
        }
        // A positive smoothing length bridges the gap.
        #expect(throws: Never.self) { try SmoothingSpline(x: x, y: y, smoothingLength: 20, knotSpacing: 10) }
    }

    @Test func badInputThrowsDescriptiveErrors() {
        #expect(throws: SmoothingSplineError.lengthMismatch(x: 3, y: 2, weights: 3)) {
            try SmoothingSpline(x: [1, 2, 3], y: [1, 2], weights: [1, 1, 1], smoothingLength: 1, knotSpacing: 1)
        }
        #expect(throws: SmoothingSplineError.tooFewPoints(count: 1)) {
            try SmoothingSpline(x: [1, 2, 3], y: [1, 2, 3], weights: [0, 1, 0], smoothingLength: 1, knotSpacing: 1)
        }
        #expect(throws: SmoothingSplineError.invalidPoint(index: 1)) {
            try SmoothingSpline(x: [1, 2, 3], y: [1, .nan, 3], smoothingLength: 1, knotSpacing: 1)
        }
        #expect(throws: SmoothingSplineError.pointOutsideDomain(index: 2, x: 3)) {
            try SmoothingSpline(x: [1, 2, 3], y: [1, 2, 3], smoothingLength: 1, knotSpacing: 1, domain: 0...2.5)
        }
        #expect(throws: SmoothingSplineError.invalidParameter(name: "knotSpacing", value: 0)) {
            try SmoothingSpline(x: [1, 2, 3], y: [1, 2, 3], smoothingLength: 1, knotSpacing: 0)
        }
    }
}
