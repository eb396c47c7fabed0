import Foundation
import Testing
@testable import Demo

@Suite struct GrowthExponentTests {
    @Test func recoversTheExponentOfAPowerLaw() throws {
        let sizes = [1e4, 1e5, 1e6]
        let linear = try #require(GrowthExponent.fit(sizes: sizes, seconds: sizes.map { 3e-3 * $0 }))
        #expect(abs(linear - 1) < 1e-12)
        let quadratic = try #require(GrowthExponent.fit(sizes: sizes, seconds: sizes.map { 1e-9 * $0 * $0 }))
        #expect(abs(quadratic - 2) < 1e-12)
        let constant = try #require(GrowthExponent.fit(sizes: [10, 1000], seconds: [4, 4]))
        #expect(abs(constant) < 1e-12)
    }

    @Test func fitsTheLeastSquaresSlopeOfNoisyTimes() throws {
        // ln N = 0, ln 10, ln 100 (x = 0, 1, 2 in units of ln 10); ln t = 0, 1.2, 1.8 (same units): slope 0.9.
        let times = [1, pow(10, 1.2), pow(10, 1.8)]
        let k = try #require(GrowthExponent.fit(sizes: [1, 10, 100], seconds: times))
        #expect(abs(k - 0.9) < 1e-12)
    }

    @Test func needsTwoDistinctPositiveSizes() {
        #expect(GrowthExponent.fit(sizes: [1000], seconds: [2]) == nil)
        #expect(GrowthExponent.fit(sizes: [1000, 1000], seconds: [2, 3]) == nil)
        #expect(GrowthExponent.fit(sizes: [1000, 10000], seconds: [0, 3]) == nil)
        #expect(GrowthExponent.fit(sizes: [], seconds: []) == nil)
    }
}
