import Foundation
import Testing
@testable import Simulator

/// The synthesiser's oversampled grid: its geometry, conservation of a line's equivalent width through
/// convolution and pixel averaging, the edge margins, and the Doppler shift.
@Suite struct FineSpectrumTests {
    /// 60 pixels from 5011.9 A (log10 = 3.7), 1.15 A each.
    static let grid = LamostWavelengthGrid(coeff0: 3.7, coeff1: 1e-4, pixelCount: 60)

    static func fine(dopplerFactor: Double = 1) -> FineSpectrum {
        FineSpectrum(grid: grid, oversampling: 5, sigmaPixels: 1, dopplerFactor: dopplerFactor)
    }

    /// Every value 1 up to the rounding of the normalised kernel's sum.
    static func isContinuum(_ flux: some Collection<Double>) -> Bool { flux.allSatisfy { abs($0 - 1) < 1e-14 } }

    @Test func geometryFollowsTheOversamplingAndKernelWidth() {
        let f = Self.fine()
        // sigma = 5 fine pixels, half-width ceil(4 sigma) = 20, margin 22.
        #expect(f.kernel.count == 41 && f.margin == 22 && f.count == 60 * 5 + 44)
        #expect(abs(f.kernel.reduce(0, +) - 1) < 1e-14)
        #expect(f.kernel == Array(f.kernel.reversed()) && f.kernel.max() == f.kernel[20])
        #expect(abs(f.fineStep - log(10) * 1e-4 / 5) < 1e-18)
        // Output pixel i's centre is the middle of its five sub-pixels: margin + 5 i + 2.
        for i in [0, 17, 59] {
            #expect(abs(f.position(Self.grid.wavelength(Double(i))) - Double(22 + 5 * i + 2)) < 1e-9)
        }
    }

    @Test func anEmptySpectrumIsTheContinuum() {
        let flux = Self.fine().observe()
        #expect(flux.count == 60 && Self.isContinuum(flux))
    }

    @Test func aWeakNarrowLineKeepsItsEquivalentWidth() {
        var f = Self.fine()
        f.addNarrow(center: Self.grid.wavelength(30.3), equivalentWidth: 0.001)
        let flux = f.observe()
        let w = SimulatorTestSupport.absorption(flux, grid: Self.grid, from: 0, to: 1e9)
        #expect(abs(w - 0.001) < 1e-6)
        #expect(flux.firstIndex(of: flux.min()!) == 30)
    }

    @Test func aLineWithResolvedWingsKeepsItsEquivalentWidth() {
        var f = Self.fine()
        f.addLine(center: Self.grid.wavelength(30), equivalentWidth: 0.06, area: 0.05, gamma: 0.5, maxWing: 10)
        #expect(f.tau.contains { $0 > 0 })
        let w = SimulatorTestSupport.absorption(f.observe(), grid: Self.grid, from: 0, to: 1e9)
        #expect(abs(w - 0.06) < 0.06 * 0.02)
    }

    @Test func marginsKeepLinesJustBeyondTheEdgesAndDropFarOnes() {
        var edge = Self.fine()
        edge.addNarrow(center: Self.grid.wavelength(-1), equivalentWidth: 0.01)
        let flux = edge.observe()
        #expect(flux[0] < 1 && flux[0] < flux[1] && Self.isContinuum(flux[5...]))
        var far = Self.fine()
        far.addNarrow(center: 4000, equivalentWidth: 1)
        far.addLine(center: 9000, equivalentWidth: 1, area: 1, gamma: 0.5, maxWing: 5)
        #expect(Self.isContinuum(far.observe()))
    }

    @Test func aDopplerFactorOfOnePixelShiftsTheSpectrumByOnePixel() {
        var rest = Self.fine(), moving = Self.fine(dopplerFactor: pow(10, 1e-4))
        rest.addNarrow(center: Self.grid.wavelength(20.2), equivalentWidth: 0.02)
        moving.addNarrow(center: Self.grid.wavelength(20.2), equivalentWidth: 0.02)
        let a = rest.observe(), b = moving.observe()
        #expect(Self.isContinuum(b[..<10]) && b[22] < b[20])
        for i in 0..<59 { #expect(abs(b[i + 1] - a[i]) < 1e-12) }
    }
}
