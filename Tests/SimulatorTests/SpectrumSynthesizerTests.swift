import Foundation
import Testing
@testable import Simulator

/// The physics responds in the right direction, on noiseless spectra.
@Suite struct SpectrumSynthesizerTests {
    typealias S = SimulatorTestSupport
    static let ironI = S.synthesizer { $0.element == .fe && $0.ionStage == 1 }

    @Test func solarFeI5250HasItsObservedEquivalentWidth() {
        let line = SpectralLine.air(5250.209, .fe, 1, 0.121, -4.938)
        let w = SpectrumSynthesizer().equivalentWidth(of: line, in: MockAtmosphere(labels: .sun))
        #expect(abs(w - 0.062) < 0.003)
    }

    @Test func ironLinesGrowWithMetallicity() {
        let absorption = [-1.5, -0.8, -0.3, 0.0, 0.3].map { m in
            S.absorption(Self.ironI.normalisedFlux(StellarLabels(teff: 4700, logg: 2.5, mH: m)), from: 3700, to: 9100)
        }
        #expect(S.isIncreasing(absorption))
        // Non-linear: lines saturate on the curve of growth, so d log W / d[M/H] falls at high metallicity
        // (it would be 1 for weak lines everywhere).
        let slopeMetalPoor = log10(absorption[1] / absorption[0]) / 0.7
        let slopeMetalRich = log10(absorption[4] / absorption[3]) / 0.3
        #expect(slopeMetalRich < 0.8 * slopeMetalPoor)
        #expect(slopeMetalPoor < 1)
    }

    @Test func ironLinesWeakenWithTemperature() {
        let giants = [4000.0, 4400, 4800, 5200].map { t in
            S.absorption(Self.ironI.normalisedFlux(StellarLabels(teff: t, logg: 2.5, mH: 0)), from: 3700, to: 9100)
        }
        let dwarfs = [4800.0, 5500, 6200, 7000].map { t in
            S.absorption(Self.ironI.normalisedFlux(StellarLabels(teff: t, logg: 4.3, mH: 0)), from: 3700, to: 9100)
        }
        #expect(S.isIncreasing(giants.reversed()))
        #expect(S.isIncreasing(dwarfs.reversed()))
    }

    @Test func gBandGrowsWithCarbon() {
        let synth = S.synthesizer(lines: { _ in false }, bands: true)
        let gBand = [-0.4, -0.2, 0.0, 0.2, 0.4].map { c in
            S.absorption(synth.normalisedFlux(StellarLabels(teff: 4700, logg: 2.4, mH: -0.2, cM: c)),
                         from: 4200, to: 4320)
        }
        #expect(S.isIncreasing(gBand))
        #expect(gBand[0] > 0.5)  // a visible band, Angstrom of absorption
    }

    @Test func cnBandsGrowWithNitrogen() {
        let synth = S.synthesizer(lines: { _ in false }, bands: true)
        let cn = [-0.2, 0.2, 0.6].map { n in
            S.absorption(synth.normalisedFlux(StellarLabels(teff: 4400, logg: 1.8, mH: -0.3, cM: -0.2, nM: n)),
                         from: 3800, to: 3885)
        }
        #expect(S.isIncreasing(cn))
    }

    @Test func balmerLinesPeakAmongAAndFStars() {
        let balmer = S.synthesizer { $0.element == .h }
        let temperatures = [4500.0, 5500, 6500, 7500, 8500, 9500, 11000, 13000]
        let hBeta = temperatures.map { t in
            S.absorption(balmer.normalisedFlux(StellarLabels(teff: t, logg: 4.1, mH: 0)), from: 4780, to: 4950)
        }
        let peak = temperatures[hBeta.indices.max { hBeta[$0] < hBeta[$1] } ?? 0]
        #expect((7000...10000).contains(peak))
        #expect(hBeta[0] < 0.3 * (hBeta.max() ?? 0))
        #expect(hBeta.last ?? 0 < hBeta.max() ?? 0)
    }

    @Test func higherGravityWidensDampingWings() {
        let magnesium = S.synthesizer { $0.element == .mg && $0.ionStage == 1 }
        let dwarf = magnesium.normalisedFlux(StellarLabels(teff: 5000, logg: 4.6, mH: 0))
        let giant = magnesium.normalisedFlux(StellarLabels(teff: 5000, logg: 2.0, mH: 0))
        // Far wings of Mg b (5185 A, vacuum) between 5190 and 5200 A: deeper in the dwarf.
        let wingDwarf = S.absorption(dwarf, from: 5192, to: 5205), wingGiant = S.absorption(giant, from: 5192, to: 5205)
        #expect(wingDwarf > 2 * wingGiant)
    }

    @Test func titaniumOxideAppearsInCoolStars() {
        let synth = S.synthesizer(lines: { _ in false }, bands: true)
        let tio = [4600.0, 4200, 3900, 3700].map { t in
            S.absorption(synth.normalisedFlux(StellarLabels(teff: t, logg: 1.2, mH: 0)), from: 7056, to: 7200)
        }
        #expect(S.isIncreasing(tio))
        #expect(tio[0] < 0.5 && tio[3] > 10)
    }

    @Test func radialVelocityShiftsTheSpectrum() {
        let synth = S.synthesizer { $0.element == .h }
        let rest = synth.normalisedFlux(StellarLabels(teff: 7500, logg: 4.0, mH: 0))
        // 5 pixels: 5 * 69.03 km/s.
        let shifted = synth.normalisedFlux(StellarLabels(teff: 7500, logg: 4.0, mH: 0),
                                           radialVelocity: 5 * synth.grid.pixelVelocity)
        let i = rest.indices.min { rest[$0] < rest[$1] } ?? 0
        let j = shifted.indices.min { shifted[$0] < shifted[$1] } ?? 0
        #expect(j - i == 5)
    }

    @Test func fullSpectraArePositiveAndNormalised() {
        let synth = SpectrumSynthesizer()
        for labels in [StellarLabels(teff: 3700, logg: 0.9, mH: 0.3), StellarLabels(teff: 7500, logg: 4.0, mH: -2.5)] {
            let flux = synth.normalisedFlux(labels)
            #expect(flux.count == 3909)
            #expect(flux.allSatisfy { $0.isFinite && $0 > 0 && $0 <= 1 + 1e-12 })
        }
    }
}
