import Foundation
@testable import SLAMNumerics
import Testing

@Suite struct PreprocessingTests {
    private func preprocess(
        _ s: PreprocessingSyntheticSpectrum, flux: [Float]? = nil, ivar: [Float]? = nil, mask: [Bool]? = nil,
        redshift: Double? = nil, settings: PreprocessingSettings = PreprocessingSettings()
    ) throws(PreprocessingError) -> PreprocessedSpectrum {
        try SpectrumPreprocessor(settings: settings).preprocess(
            wavelength: s.wavelength, flux: flux ?? s.flux, ivar: ivar ?? s.ivar, badMask: mask,
            redshift: redshift ?? s.redshift)
    }

    @Test(arguments: [(UInt64(1), 100.0), (2, 100), (3, 50), (4, 30)])
    func normalisesBackToUnityWithinNoiseInLineFreeRegions(seed: UInt64, snr: Double) throws {
        let s = PreprocessingSyntheticSpectrum(seed: seed, snr: snr)
        let out = try preprocess(s)
        #expect(out.badPixelCount == 0)
        #expect(out.flux.count == 1901 && out.ivar.count == 1901 && out.continuum.count == 1901)
        let grid = PreprocessingSettings().gridWavelengths
        // chi = (f - 1) sqrt(ivar) is standard normal where the continuum is right. The upper-percentile
        // selection biases the continuum by a fraction of the per-pixel noise, so allow each 80 A window
        // one sigma and all windows together half a sigma; the scatter must be the noise's.
        var all: [Double] = []
        for window in PreprocessingSyntheticSpectrum.lineFreeWindows {
            let chi = grid.indices.filter { window.contains(grid[$0]) }
                .map { (Double(out.flux[$0]) - 1) * Double(out.ivar[$0]).squareRoot() }
            let mean = chi.reduce(0, +) / Double(chi.count)
            #expect(abs(mean) < 1, "window \(window): mean chi \(mean)")
            all += chi
        }
        let mean = all.reduce(0, +) / Double(all.count)
        let rms = (all.map { $0 * $0 }.reduce(0, +) / Double(all.count)).squareRoot()
        #expect(abs(mean) < 0.5, "mean chi \(mean)")
        #expect(rms > 0.85 && rms < 1.25, "rms chi \(rms)")
        // Everywhere, line-crowded bins included, the continuum is within 4% of the truth (one line per
        // 22 A here: line blanketing, the paper's leading systematic, costs a few per cent at most).
        let worst = grid.indices.map { abs(Double(out.continuum[$0]) / PreprocessingSyntheticSpectrum.continuum(rest: grid[$0]) - 1) }.max()!
        #expect(worst < 0.04)
    }

    /// At S/N 10 the plain percentile puts the pseudo-continuum above the same spectrum's without noise
    /// (noise widens each bin's upper side); the noise-corrected level takes out most of that offset.
    @Test func theNoiseCorrectedLevelRemovesMostOfTheContinuumOffsetAtLowSNR() throws {
        var plain = PreprocessingSettings()
        plain.noiseCorrectedLevel = false
        var offsets: [Bool: [Double]] = [:]
        for seed in UInt64(40)..<UInt64(52) {
            // The same lines (drawn first from the seed); S/N 10^6 stands for no noise.
            let noisy = PreprocessingSyntheticSpectrum(seed: seed, snr: 10), clean = PreprocessingSyntheticSpectrum(seed: seed, snr: 1e6)
            for corrected in [false, true] {
                let settings = corrected ? PreprocessingSettings() : plain
                let a = try preprocess(noisy, settings: settings).continuum, b = try preprocess(clean, settings: settings).continuum
                let ratios = a.indices.map { Double(a[$0]) / Double(b[$0]) - 1 }.sorted()
                offsets[corrected, default: []].append(ratios[ratios.count / 2])
            }
        }
        let median = { (v: [Double]) in v.sorted()[v.count / 2] }
        let before = median(offsets[false] ?? []), after = median(offsets[true] ?? [])
        #expect(before > 0.005, "plain percentile offset \(before)")
        #expect(abs(after) < before / 2, "noise-corrected offset \(after) against \(before)")
    }

    @Test func scalingFluxLeavesNormalisedSpectrumUnchanged() throws {
        let s = PreprocessingSyntheticSpectrum(seed: 5, snr: 60)
        let base = try preprocess(s)
        for k in [Float(3.7), 1e-3, 250] {
            let scaled = try preprocess(s, flux: s.flux.map { $0 * k }, ivar: s.ivar.map { $0 / (k * k) })
            #expect(scaled.badPixelCount == base.badPixelCount)
            #expect(scaled.continuumPixelCount == base.continuumPixelCount)
            for p in base.flux.indices {
                #expect(abs(scaled.flux[p] - base.flux[p]) <= 1e-5 * abs(base.flux[p]))
                #expect(abs(scaled.ivar[p] - base.ivar[p]) <= 1e-4 * base.ivar[p])
                #expect(abs(scaled.continuum[p] / k - base.continuum[p]) <= 1e-5 * base.continuum[p])
            }
        }
    }

    @Test func nonFiniteInputNeverLeaksIntoOutput() throws {
        let s = PreprocessingSyntheticSpectrum(seed: 6)
        var flux = s.flux, ivar = s.ivar
        var mask = [Bool](repeating: false, count: flux.count)
        for i in [400, 401, 950] { flux[i] = .nan }
        for i in [1200, 1500] { flux[i] = .infinity }
        flux[1600] = -.infinity
        for i in [700, 1800] { ivar[i] = .nan }
        ivar[1300] = .infinity
        ivar[1400] = -5
        ivar[1401] = 0
        mask[1100] = true
        let out = try preprocess(s, flux: flux, ivar: ivar, mask: mask)
        #expect(out.flux.allSatisfy(\.isFinite) && out.ivar.allSatisfy(\.isFinite) && out.continuum.allSatisfy(\.isFinite))
        #expect(out.badPixelCount > 10 && out.badPixelCount <= 50)
        #expect(out.ivar.filter { $0 == 0 }.count == out.badPixelCount)
        #expect(zip(out.flux, out.ivar).allSatisfy { $1 > 0 || $0 == 1 })
    }

    @Test func moreThanFiftyBadGridPixelsIsRejectedWithTheCount() throws {
        let s = PreprocessingSyntheticSpectrum(seed: 7)
        var mask = [Bool](repeating: false, count: s.flux.count)
        for i in 900..<960 { mask[i] = true }
        // Bad grid pixels: strictly between the good neighbours of the masked run (rest frame).
        let left = s.wavelength[899] / (1 + s.redshift), right = s.wavelength[960] / (1 + s.redshift)
        let expected = PreprocessingSettings().gridWavelengths.filter { $0 > left && $0 < right }.count
        #expect(expected > 50)
        #expect(throws: PreprocessingError.tooManyBadPixels(count: expected, limit: 50)) {
            try preprocess(s, mask: mask)
        }
        var lenient = PreprocessingSettings()
        lenient.maximumBadPixels = expected
        #expect(try preprocess(s, mask: mask, settings: lenient).badPixelCount == expected)
    }

    @Test func gridBeyondTheObservedRangeCountsAsBad() {
        // z = -0.3 puts the rest-frame spectrum at 5285.7 ... 12999 A: grid pixels 3900 ... 5285 are bad.
        let s = PreprocessingSyntheticSpectrum(seed: 8)
        #expect(throws: PreprocessingError.tooManyBadPixels(count: 1386, limit: 50)) {
            try preprocess(s, redshift: -0.3)
        }
    }

    @Test func tooFewGoodPixelsThrows() throws {
        let s = PreprocessingSyntheticSpectrum(seed: 9)
        let mask = s.flux.indices.map { $0 % 40 != 0 }
        let error = #expect(throws: PreprocessingError.self) { try preprocess(s, mask: mask) }
        guard case let .tooFewGoodPixels(count, required) = try #require(error) else {
            Issue.record("unexpected error \(String(describing: error))"); return
        }
        #expect(count > 0 && count < 100 && required == 100)
        let allBad = [Float](repeating: 0, count: s.ivar.count)
        #expect(throws: PreprocessingError.tooFewGoodPixels(count: 0, required: 100)) { try preprocess(s, ivar: allBad) }
    }

    @Test(arguments: [-9999.0, .nan, .infinity, -1, -2])
    func invalidRedshiftThrows(z: Double) {
        let s = PreprocessingSyntheticSpectrum(seed: 10, lineCount: 10)
        let error = #expect(throws: PreprocessingError.self) { try preprocess(s, redshift: z) }
        guard case let .invalidRedshift(value) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(value == z || (value.isNaN && z.isNaN))
    }

    @Test func malformedInputThrowsNamedErrors() throws {
        let s = PreprocessingSyntheticSpectrum(seed: 11, lineCount: 10)
        let p = try SpectrumPreprocessor()
        var wave = s.wavelength
        wave[2000] = wave[1999]
        #expect(throws: PreprocessingError.wavelengthNotMonotonic(index: 2000)) {
            try p.preprocess(wavelength: wave, flux: s.flux, ivar: s.ivar, badMask: nil, redshift: 0)
        }
        wave[2000] = .nan
        #expect(throws: PreprocessingError.self) {
            try p.preprocess(wavelength: wave, flux: s.flux, ivar: s.ivar, badMask: nil, redshift: 0)
        }
        #expect(throws: PreprocessingError.lengthMismatch(wavelength: 3909, flux: 3908, ivar: 3909, badMask: nil)) {
            try p.preprocess(wavelength: s.wavelength, flux: Array(s.flux.dropLast()), ivar: s.ivar, badMask: nil, redshift: 0)
        }
        #expect(throws: PreprocessingError.lengthMismatch(wavelength: 3909, flux: 3909, ivar: 3909, badMask: 3)) {
            try p.preprocess(wavelength: s.wavelength, flux: s.flux, ivar: s.ivar, badMask: [true, false, true], redshift: 0)
        }
    }

    @Test func negativeContinuumIsRejected() {
        let s = PreprocessingSyntheticSpectrum(seed: 12, lineCount: 10)
        let error = #expect(throws: PreprocessingError.self) { try preprocess(s, flux: s.flux.map { -$0 }) }
        guard case let .continuumNotPositive(wavelength) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(wavelength == 3900)
    }

    @Test func shiftsLinesToTheRestFrame() throws {
        // Flat continuum, one line at 5000 A rest, observed at z = 0.01; noise-free.
        let wave = (0..<3909).map { pow(10, 3.5682 + 1e-4 * Double($0)) }
        let flux = wave.map { Float(500 * (1 - 0.5 * exp(-0.5 * pow(($0 / 1.01 - 5000) / 2, 2)))) }
        let out = try SpectrumPreprocessor().preprocess(
            wavelength: wave, flux: flux, ivar: [Float](repeating: 1, count: wave.count), badMask: nil, redshift: 0.01)
        let deepest = out.flux.indices.min { out.flux[$0] < out.flux[$1] }!
        #expect(PreprocessingSettings().gridWavelengths[deepest] == 5000)
        #expect(abs(out.flux[deepest] - 0.5) < 0.01)
        #expect(out.continuum.allSatisfy { abs($0 - 500) < 1 })
    }

    @Test func versionRendersEverySetting() throws {
        let defaults = PreprocessingSettings()
        #expect(defaults.version
            == "slam-pp/2 grid=3900:5800:1 margin=200 smooth=50 knots=10 bin=100 q=0.7 mad=1 noise=1 iter=1 mingood=100 mincont=50 maxbad=50"
               + " andbits=0xffffffff orbits=0x0 dilate=1 fbounds=-0.5:2 manymasked=0.1")
        #expect(try SpectrumPreprocessor().version == defaults.version)
        let changes: [(inout PreprocessingSettings) -> Void] = [
            { $0.gridStart = 3901 }, { $0.gridEnd = 5700 }, { $0.gridStep = 0.5 }, { $0.continuumMargin = 100 },
            { $0.smoothingLength = 49.5 }, { $0.knotSpacing = 5 }, { $0.binWidth = 80 }, { $0.continuumPercentile = 0.75 },
            { $0.madMultiple = 1.5 }, { $0.noiseCorrectedLevel = false }, { $0.selectionIterations = 2 }, { $0.minimumGoodPixels = 200 },
            { $0.minimumContinuumPixels = 60 }, { $0.maximumBadPixels = 40 },
            { $0.maskPolicy.andMaskBits = 1 }, { $0.maskPolicy.orMaskBits = 4 }, { $0.maskPolicy.dilation = 2 },
            { $0.maskPolicy.minimumNormalisedFlux = 0 }, { $0.maskPolicy.maximumNormalisedFlux = 1.5 },
            { $0.maskPolicy.manyMaskedFraction = 0.2 },
        ]
        var seen: Set<String> = [defaults.version]
        for change in changes {
            var s = defaults
            change(&s)
            #expect(seen.insert(s.version).inserted, "\(s.version)")
        }
    }

    @Test func outOfRangeSettingsAreRejected() {
        var s = PreprocessingSettings()
        s.continuumPercentile = 1.5
        #expect(throws: PreprocessingError.invalidSetting(name: "continuumPercentile", value: 1.5)) {
            try SpectrumPreprocessor(settings: s)
        }
    }
}
