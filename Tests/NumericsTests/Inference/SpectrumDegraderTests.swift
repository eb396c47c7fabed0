import Testing
@testable import Numerics

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
