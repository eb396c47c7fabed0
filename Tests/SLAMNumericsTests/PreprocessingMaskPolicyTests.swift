import Foundation
@testable import SLAMNumerics
import Testing

@Suite struct PreprocessingMaskPolicyTests {
    @Test func maskBitsSelectPixelsAndDilationWidensThem() {
        var andMask = [Int32](repeating: 0, count: 20), orMask = [Int32](repeating: 0, count: 20)
        andMask[5] = 1; orMask[5] = 1
        orMask[12] = 4
        andMask[19] = 4
        var policy = LamostMaskPolicy()
        let defaults = policy.maskedPixels(andMask: andMask, orMask: orMask, count: 20)
        #expect(defaults.indices.filter { defaults[$0] } == [4, 5, 6, 18, 19])
        policy.andMaskBits = 1
        policy.orMaskBits = 4
        policy.dilation = 2
        let custom = policy.maskedPixels(andMask: andMask, orMask: orMask, count: 20)
        #expect(custom.indices.filter { custom[$0] } == [3, 4, 5, 6, 7, 10, 11, 12, 13, 14])
        policy.dilation = 0
        let bare = policy.maskedPixels(andMask: andMask, orMask: nil, count: 20)
        #expect(bare.indices.filter { bare[$0] } == [5])
    }

    @Test func maskedStretchGetsZeroWeightAndIsCounted() throws {
        let s = PreprocessingSyntheticSpectrum(seed: 31, snr: 80)
        var andMask = [Int32](repeating: 0, count: s.wavelength.count)
        let stretch = s.wavelength.indices.filter { s.wavelength[$0] > 5000 && s.wavelength[$0] < 5020 }
        for i in stretch { andMask[i] = 1 }
        let out = try SpectrumPreprocessor().preprocess(
            wavelength: s.wavelength, flux: s.flux, ivar: s.ivar, andMask: andMask, orMask: andMask, redshift: s.redshift)
        let grid = PreprocessingSettings().gridWavelengths
        for p in grid.indices where grid[p] > 5001 && grid[p] < 5018 { #expect(out.ivar[p] == 0 && out.flux[p] == 1) }
        // About 20 A of 1 A pixels plus the dilation: the masked count is the stretch's grid pixels.
        #expect(out.maskedPixelCount >= 19 && out.maskedPixelCount <= 24, "\(out.maskedPixelCount)")
        #expect(out.badPixelCount >= out.maskedPixelCount)
        #expect(!out.flags.contains(.manyMaskedPixels))
        var strict = PreprocessingSettings()
        strict.maskPolicy.manyMaskedFraction = 0.005
        let flagged = try SpectrumPreprocessor(settings: strict).preprocess(
            wavelength: s.wavelength, flux: s.flux, ivar: s.ivar, andMask: andMask, orMask: nil, redshift: s.redshift)
        #expect(flagged.flags.contains(.manyMaskedPixels))
        #expect(flagged.flags.rawValue & (1 << 11) != 0)
    }

    @Test func fluxOutsideTheBoundsGetsZeroWeight() throws {
        let s = PreprocessingSyntheticSpectrum(seed: 32, snr: 80)
        var flux = s.flux
        let spike = s.wavelength.indices.first { s.wavelength[$0] / (1 + s.redshift) > 5230.4 }!
        flux[spike] *= 6
        let out = try SpectrumPreprocessor().preprocess(
            wavelength: s.wavelength, flux: flux, ivar: s.ivar, andMask: nil, orMask: nil, redshift: s.redshift)
        let touched = PreprocessingSettings().gridWavelengths.indices.filter { out.ivar[$0] == 0 }
        #expect(!touched.isEmpty && touched.count <= 2, "\(touched)")
        #expect(out.maskedPixelCount == touched.count && out.badPixelCount == touched.count)
        #expect(out.flux.allSatisfy { $0 <= 2 })
        var lenient = PreprocessingSettings()
        lenient.maskPolicy.maximumNormalisedFlux = 100
        let kept = try SpectrumPreprocessor(settings: lenient).preprocess(
            wavelength: s.wavelength, flux: flux, ivar: s.ivar, andMask: nil, orMask: nil, redshift: s.redshift)
        #expect(kept.maskedPixelCount == 0 && kept.badPixelCount == 0)
        #expect(kept.version != out.version)
    }

    @Test func failedContinuumSelectionFallsBackToTheFirstPassAndIsFlagged() throws {
        let s = PreprocessingSyntheticSpectrum(seed: 33, snr: 50)
        var settings = PreprocessingSettings()
        settings.minimumContinuumPixels = 100_000
        let out = try SpectrumPreprocessor(settings: settings).preprocess(
            wavelength: s.wavelength, flux: s.flux, ivar: s.ivar, andMask: nil, orMask: nil, redshift: s.redshift)
        #expect(out.normalisationFallback)
        #expect(out.flags == [.normalisationFallback])
        #expect(out.flags.rawValue == 1 << 10)
        #expect((out.flux + out.ivar + out.continuum).allSatisfy { $0.isFinite })
        // The first pass goes through the lines too, so it sits below the true continuum, within 10%.
        let grid = settings.gridWavelengths
        let ratio = grid.indices.map { Double(out.continuum[$0]) / PreprocessingSyntheticSpectrum.continuum(rest: grid[$0]) }
        #expect(ratio.allSatisfy { $0 > 0.85 && $0 < 1.03 }, "continuum / truth \(ratio.min()!) ... \(ratio.max()!)")
        let normal = try SpectrumPreprocessor().preprocess(
            wavelength: s.wavelength, flux: s.flux, ivar: s.ivar, andMask: nil, orMask: nil, redshift: s.redshift)
        #expect(!normal.normalisationFallback && normal.flags.isEmpty)
    }

    @Test func maskOfTheWrongLengthIsALengthMismatch() {
        let s = PreprocessingSyntheticSpectrum(seed: 34)
        #expect(throws: PreprocessingError.lengthMismatch(wavelength: 3909, flux: 3909, ivar: 3909, badMask: 2)) {
            try SpectrumPreprocessor().preprocess(wavelength: s.wavelength, flux: s.flux, ivar: s.ivar,
                                                  andMask: [0, 1], orMask: nil, redshift: 0)
        }
    }

    @Test func invalidMaskPolicyIsRejected() {
        var s = PreprocessingSettings()
        s.maskPolicy.dilation = -1
        #expect(throws: PreprocessingError.invalidSetting(name: "maskPolicy.dilation", value: -1)) {
            try SpectrumPreprocessor(settings: s)
        }
    }
}
