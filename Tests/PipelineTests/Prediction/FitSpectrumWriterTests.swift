@testable import Pipeline
import Report
import SLAMNumerics
import Testing

@Suite struct FitSpectrumWriterTests {
    @Test func theModelIsMultipliedByTheContinuumCorrectionTheFitSaw() {
        // P = 1 + 0.1 x at x = -1, 0, 1: 0.9, 1, 1.1.
        let model = FitSpectrum.corrected([0.5, 0.8, 1.0], by: [1, 0.1])
        #expect(zip(model, [0.45, 0.8, 1.1]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(FitSpectrum.corrected([0.5, 0.8], by: []) == [0.5, 0.8])
    }
}
