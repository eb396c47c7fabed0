import Foundation
@testable import SLAMNumerics
import Testing

/// Noisier copies of a spectrum for the inside fits of the outside-training-set calibration.
@Suite struct SpectrumDegraderTests {
    @Test func snrIsTheMedianOverGoodPixels() {
        let flux: [Float] = [1, 1, 1, 0.5, .nan, 1]
        let ivar: [Float] = [400, 400, 400, 400, 400, 0]
        // Good pixels: 20, 20, 20, 10 -> median 20.
        #expect(SpectrumDegrader.snr(flux: flux[...], ivar: ivar[...]) == 20)
        #expect(SpectrumDegrader.snr(flux: [Float(1)][...], ivar: [Float(0)][...]).isNaN)
    }

    @Test func aCopyHasTheNoiseItsInverseVarianceSays() {
        let n = 20_000
        let flux = [Float](repeating: 1, count: n), ivar = [Float](repeating: 400, count: n)
        var rng = SplitMix64(seed: 9)
        let copy = SpectrumDegrader.degrade(flux: flux[...], ivar: ivar[...], sigmaFactor: 2, rng: &rng)
        #expect(copy.ivar.allSatisfy { $0 == 100 })
        // Added noise: sigma sqrt(a^2 - 1) = 0.05 sqrt(3) = 0.0866; its sample deviation within 3%.
        let d = copy.flux.map { Double($0) - 1 }
        let sd = (d.reduce(0) { $0 + $1 * $1 } / Double(n)).squareRoot()
        #expect(abs(sd - 0.05 * 3.0.squareRoot()) < 0.03 * 0.0866)
        #expect(SpectrumDegrader.degrade(flux: [Float.nan][...], ivar: [Float(4)][...], sigmaFactor: 3, rng: &rng).ivar == [4])
    }

    @Test func theModelsOwnErrorIsAddedWhereTheModelHasOne() {
        let n = 20_000
        var rng = SplitMix64(seed: 4)
        let mse = (0..<n).map { $0 == 0 ? Double.infinity : 0.04 }, scale = [Double](repeating: 0.5, count: n)
        let f = SpectrumDegrader.withModelError(flux: [Float](repeating: 1, count: n), mse: mse, scale: scale, rng: &rng)
        #expect(f[0] == 1)  // a pixel the model could not fit keeps its flux
        // sqrt(0.04) x 0.5 = 0.1; the sample deviation within 3%.
        let sd = (f.dropFirst().reduce(0) { $0 + pow(Double($1) - 1, 2) } / Double(n - 1)).squareRoot()
        #expect(abs(sd - 0.1) < 0.003)
    }

    @Test func aCopyIsNormalisedAgainOnTheModelGrid() throws {
        let preprocessor = try SpectrumPreprocessor()
        let grid = preprocessor.gridWavelengths
        var rng = SplitMix64(seed: 5)
        // A normalised spectrum at S/N 10 whose level is 1.1: the new continuum takes the level out (to within
        // the few per cent a pseudo-continuum through noisy points leaves: the error the copy is meant to have).
        let flux = grid.map { _ in Float(1.1 + 0.11 * rng.normal()) }, ivar = [Float](repeating: 100, count: grid.count)
        let again = try #require(SpectrumDegrader.renormalised(flux: flux, ivar: ivar, wavelength: grid, preprocessor: preprocessor))
        #expect(again.flux.count == grid.count && again.ivar.count == grid.count)
        let mean = again.flux.reduce(0.0) { $0 + Double($1) } / Double(grid.count)
        #expect(abs(mean - 1) < 0.05)
        #expect(SpectrumDegrader.renormalised(flux: [1, 1], ivar: [1, 1], wavelength: grid, preprocessor: preprocessor) == nil)
    }

    @Test func targetsFallInEveryBinBelowTheSpectrumsOwn() {
        var rng = SplitMix64(seed: 1)
        let edges = [0.0, 15, 20, 30, 45, 70, 110]
        let targets = SpectrumDegrader.targets(snr: 100, edges: edges, rng: &rng)
        // Bins [0,15) .. [45,70) lie below 100; [70,110) holds it and gets the spectrum itself.
        #expect(targets.count == 5)
        for (t, (lo, hi)) in zip(targets, [(8.0, 15.0), (15, 20), (20, 30), (30, 45), (45, 70)]) { #expect(t >= lo && t < hi) }
        #expect(SpectrumDegrader.targets(snr: 12, edges: edges, rng: &rng).isEmpty)
        #expect(SpectrumDegrader.targets(snr: .nan, edges: edges, rng: &rng).isEmpty)
    }
}
