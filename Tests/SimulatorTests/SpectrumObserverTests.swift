import Foundation
import Testing
@testable import Simulator

@Suite struct SpectrumObserverTests {
    let observer = SpectrumObserver(instrument: InstrumentModel())
    let normalised = SpectrumSynthesizer().normalisedFlux(StellarLabels(teff: 4800, logg: 2.5, mH: -0.2))

    func observe(snr: Double, seed: UInt64) -> MockSpectrum {
        var rng = MockRandom(seed: seed)
        return observer.observe(normalised: normalised, teff: 4800, ebv: 0.1, radialVelocity: 20, spid: 5, snrg: snr,
                                using: &rng)
    }

    @Test func measuredSignalToNoiseFollowsTheTarget() {
        for snr in [15.0, 60.0, 200.0] {
            let s = observe(snr: snr, seed: 3)
            #expect(abs(s.snr.g - snr) / snr < 0.15)
            #expect(s.snr.u > 0 && s.snr.u < s.snr.g)  // little blue flux in a K giant
        }
    }

    @Test func maskedPixelsFollowTheLamostConventions() {
        for seed in UInt64(0)..<20 {
            let s = observe(snr: 50, seed: seed)
            for i in 0..<s.pixelCount where s.andMask[i] != 0 {
                #expect(s.inverseVariance[i] == 0 && s.flux[i] == 0)
                #expect(s.orMask[i] & s.andMask[i] == s.andMask[i])
            }
            #expect(s.andMask.allSatisfy { $0 == 0 || $0 == 1 })
            #expect(s.orMask.allSatisfy { [0, 1, 4, 5].contains($0) })
            #expect(s.inverseVariance.allSatisfy { $0 >= 0 && $0.isFinite })
        }
    }

    @Test func someSpectraHaveDeadStretchesAndUnmaskedZeroIvarPixels() {
        let spectra = (UInt64(0)..<60).map { observe(snr: 50, seed: $0) }
        let dead = spectra.filter { s in
            (0..<(s.pixelCount - 8)).contains { i in (i..<(i + 8)).allSatisfy { s.andMask[$0] != 0 } }
        }
        #expect(!dead.isEmpty)
        let unmaskedZero = spectra.filter { s in s.inverseVariance.indices.contains { s.inverseVariance[$0] == 0 && s.andMask[$0] == 0 } }
        #expect(unmaskedZero.count > 30)
    }

    @Test func sameGeneratorStateGivesTheSameSpectrum() {
        #expect(observe(snr: 40, seed: 9) == observe(snr: 40, seed: 9))
        #expect(observe(snr: 40, seed: 9) != observe(snr: 40, seed: 10))
    }

    @Test func spectrographsHaveDifferentSmoothThroughputs() {
        let instrument = InstrumentModel()
        let a = instrument.throughputs[0], b = instrument.throughputs[7]
        #expect(a.count == 3909 && b.count == 3909)
        #expect(zip(a, b).contains { abs($0 - $1) > 0.02 })
        // Smooth: no pixel-to-pixel jumps above 2 %.
        #expect(zip(a, a.dropFirst()).allSatisfy { abs($1 - $0) < 0.02 * max($0, 0.05) })
    }
}
