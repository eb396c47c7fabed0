import Foundation
@testable import SLAMNumerics
import Testing

@Suite struct ResamplingTests {
    /// LAMOST's log-linear grid (observed frame), Angstrom.
    private let lamost = (0..<3909).map { pow(10, 3.5682 + 1e-4 * Double($0)) }
    private let modelGrid = (0..<1901).map { 3900 + Double($0) }

    @Test func linearFunctionIsConservedExactly() {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<5 {
            let a = rng.uniform(-100, 100), b = rng.uniform(-0.1, 0.1)
            let flux = lamost.map { a + b * $0 }
            let ivar = lamost.map { _ in rng.uniform(0.5, 2) }
            let out = FluxResampler.resample(wavelength: lamost, flux: flux, ivar: ivar, onto: modelGrid)
            #expect(out.badCount == 0)
            for (lambda, f) in zip(modelGrid, out.flux) {
                #expect(abs(f - (a + b * lambda)) <= 1e-12 * (abs(a) + abs(b * lambda)))
            }
        }
    }

    @Test func inverseVarianceFollowsTheInterpolationWeights() {
        var rng = SplitMix64(seed: 12)
        let ivar = lamost.map { _ in rng.uniform(0.1, 10) }
        let flux = lamost.map { _ in rng.normal() }
        let out = FluxResampler.resample(wavelength: lamost, flux: flux, ivar: ivar, onto: modelGrid)
        for (g, lambda) in modelGrid.enumerated() {
            let b = lamost.firstIndex { $0 > lambda }!, a = b - 1
            let t = (lambda - lamost[a]) / (lamost[b] - lamost[a])
            let variance = (1 - t) * (1 - t) / ivar[a] + t * t / ivar[b]
            #expect(abs(out.ivar[g] * variance - 1) < 1e-12)
            #expect(abs(out.flux[g] - ((1 - t) * flux[a] + t * flux[b])) < 1e-12)
        }
        // Midway between two pixels of equal ivar the variance halves.
        let mid = FluxResampler.resample(wavelength: [1, 2], flux: [0, 0], ivar: [4, 4], onto: [1.5])
        #expect(mid.ivar == [8])
    }

    @Test func gridPixelTouchingABadInputPixelIsBad() {
        let x = [1.0, 2, 3, 4, 5]
        let ivar = [1.0, 1, 0, 1, 1]
        let out = FluxResampler.resample(
            wavelength: x, flux: [1, 1, 1, 1, 1], ivar: ivar, onto: [1.5, 2, 2.5, 3.5, 4, 4.5])
        // 2.0 and 4.0 coincide with good pixels and take no weight from pixel 3.
        #expect(out.ivar.map { $0 > 0 } == [true, true, false, false, true, true])
        #expect(out.badCount == 2)
        #expect(out.flux[2] == 0 && out.ivar[2] == 0)
    }

    @Test func gridOutsideTheObservedRangeIsBad() {
        let out = FluxResampler.resample(wavelength: [10, 11, 12], flux: [1, 2, 3], ivar: [1, 1, 1], onto: [9, 10, 12, 12.5])
        #expect(out.ivar.map { $0 > 0 } == [false, true, true, false])
        #expect(out.flux == [0, 1, 3, 0])
        #expect(out.badCount == 2)
    }

    @Test func nonFiniteInputIsTreatedAsBad() {
        let out = FluxResampler.resample(
            wavelength: [1, 2, 3, 4], flux: [1, .nan, 1, 1], ivar: [1, 1, .infinity, 1], onto: [1.5, 2.5, 3.5])
        #expect(out.badCount == 3)
        #expect(out.flux.allSatisfy(\.isFinite) && out.ivar.allSatisfy(\.isFinite))
    }
}
