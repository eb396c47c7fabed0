import Foundation
import Testing
@testable import Simulator

@Suite struct CurveOfGrowthTests {
    @Test func weakLinesAreLinearInOpticalDepth() {
        let w1 = CurveOfGrowth.equivalentWidth(tau0: 1e-3, dopplerWidth: 0.05, lorentzWidth: 0.001)
        let w2 = CurveOfGrowth.equivalentWidth(tau0: 2e-3, dopplerWidth: 0.05, lorentzWidth: 0.001)
        #expect(abs(w1 - Double.pi.squareRoot() * 0.05 * 1e-3) / w1 < 1e-3)
        #expect(abs(w2 / w1 - 2) < 1e-3)
    }

    @Test func saturatedDopplerLinesGrowAsSquareRootOfLogTau() {
        // Pure Doppler: W = 2 dLambdaD sqrt(ln tau0) asymptotically.
        let w = CurveOfGrowth.equivalentWidth(tau0: 1e6, dopplerWidth: 0.05, lorentzWidth: 0)
        let asymptote = 2 * 0.05 * log(1e6).squareRoot()
        #expect(abs(w - asymptote) / asymptote < 0.05)
    }

    @Test func dampingWingsMakeStrongLinesGrowAsSquareRoot() {
        let w1 = CurveOfGrowth.equivalentWidth(tau0: 1e7, dopplerWidth: 0.05, lorentzWidth: 0.01)
        let w2 = CurveOfGrowth.equivalentWidth(tau0: 4e7, dopplerWidth: 0.05, lorentzWidth: 0.01)
        #expect(abs(w2 / w1 - 2) < 0.1)
        // More damping, wider line at the same strength.
        let w3 = CurveOfGrowth.equivalentWidth(tau0: 1e7, dopplerWidth: 0.05, lorentzWidth: 0.04)
        #expect(w3 > 1.8 * w1)
    }

    @Test func equivalentWidthIsMonotonicInOpticalDepth() {
        var last = 0.0
        for k in 0..<200 {
            let w = CurveOfGrowth.equivalentWidth(tau0: pow(10, -4 + 0.05 * Double(k)), dopplerWidth: 0.03,
                                                  lorentzWidth: 0.002)
            #expect(w > last)
            last = w
        }
    }
}
