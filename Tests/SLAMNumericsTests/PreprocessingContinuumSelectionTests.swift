@testable import SLAMNumerics
import Testing

@Suite struct PreprocessingContinuumSelectionTests {
    /// numpy's default percentile: linear interpolation between order statistics of the sorted values.
    private func reference(_ values: [Double], _ q: Double) -> Double {
        let sorted = values.sorted()
        let position = q * Double(sorted.count - 1)
        let k = Int(position), f = position - Double(k)
        return k + 1 < sorted.count ? sorted[k] + f * (sorted[k + 1] - sorted[k]) : sorted[k]
    }

    @Test func percentileMatchesSortedReference() {
        var rng = SplitMix64(seed: 21)
        for count in [1, 2, 3, 4, 7, 100, 101] {
            // Include ties: values rounded to a coarse step.
            let values = (0..<count).map { _ in (rng.normal() * 4).rounded() / 4 }
            for q in [0.0, 0.1, 0.5, 0.7, 0.9, 1.0] {
                var copy = values
                let direct = copy.withUnsafeMutableBufferPointer { ContinuumPointSelection.percentile($0, count: count, q: q) }
                #expect(direct == reference(values, q))
                // Median first, then an upper percentile searched only above it, as the selection does.
                copy = values
                let (median, upper) = copy.withUnsafeMutableBufferPointer { buffer in
                    let m = ContinuumPointSelection.percentile(buffer, count: count, q: 0.5)
                    return (m, ContinuumPointSelection.percentile(buffer, count: count, q: max(q, 0.5), knownMedianRank: (count - 1) / 2))
                }
                #expect(median == reference(values, 0.5))
                #expect(upper == reference(values, max(q, 0.5)))
            }
        }
    }

    /// The selection on one bin of residuals `residual` (0.5 A apart from 5000 A) with noise variance `variance`
    /// per pixel: the count it returns and the points it marks.
    private func select(_ residual: [Double], variance: Double, noiseCorrected: Bool) -> (count: Int, keep: [Bool]) {
        let x = residual.indices.map { 5000 + Double($0) * 0.5 }
        let weight = [Double](repeating: 1 / variance, count: x.count)
        var scratch = [Double](repeating: 0, count: 2 * x.count)
        var keep = [Bool](repeating: false, count: x.count)
        let count = x.withUnsafeBufferPointer { xp in
            residual.withUnsafeBufferPointer { rp in
                weight.withUnsafeBufferPointer { wp in
                    scratch.withUnsafeMutableBufferPointer { sp in
                        keep.withUnsafeMutableBufferPointer { kp in
                            ContinuumPointSelection.select(
                                x: xp, residual: rp, weight: wp, binWidth: 100, percentile: 0.7, madMultiple: 1,
                                noiseCorrected: noiseCorrected, scratch: sp, keep: kp)
                        }
                    }
                }
            }
        }
        return (count, keep)
    }

    /// The residuals the selection keeps.
    private func kept(_ residual: [Double], variance: Double, noiseCorrected: Bool) -> [Double] {
        let keep = select(residual, variance: variance, noiseCorrected: noiseCorrected).keep
        return residual.indices.filter { keep[$0] }.map { residual[$0] }
    }

    @Test func absorptionLinesAreNotContinuumPoints() {
        // Flat residuals with noise-like scatter, and a deep line in the middle of the only bin.
        var rng = SplitMix64(seed: 22)
        var residual = (0..<200).map { _ in rng.normal() }
        for i in 95..<105 { residual[i] -= 20 }
        for noiseCorrected in [false, true] {
            let (kept, keep) = select(residual, variance: 1, noiseCorrected: noiseCorrected)
            #expect(kept == keep.filter { $0 }.count)
            #expect(kept > 40 && kept < 150)
            #expect(!keep[95..<105].contains(true))
        }
    }

    @Test func standardNormalQuantileKnownValues() {
        // Φ⁻¹ to 15 digits (scipy.stats.norm.ppf).
        #expect(abs(ContinuumPointSelection.standardNormalQuantile(0.7) - 0.524400512708041) < 1e-10)
        #expect(abs(ContinuumPointSelection.standardNormalQuantile(0.975) - 1.959963984540054) < 1e-10)
        #expect(abs(ContinuumPointSelection.standardNormalQuantile(0.5)) < 1e-10)
    }

    /// Where the noise is all the spread, the plain 70th percentile keeps points about 0.52 sigma above the
    /// true level and the noise-corrected one keeps them around it; with no noise the two agree.
    @Test func theNoiseCorrectedLevelTakesOutWhatTheNoiseAdds() {
        var rng = SplitMix64(seed: 23)
        var plainMeans: [Double] = [], correctedMeans: [Double] = []
        for _ in 0..<50 {
            let residual = (0..<200).map { _ in rng.normal() }
            let mean = { (v: [Double]) in v.reduce(0, +) / Double(v.count) }
            plainMeans.append(mean(kept(residual, variance: 1, noiseCorrected: false)))
            correctedMeans.append(mean(kept(residual, variance: 1, noiseCorrected: true)))
        }
        let plain = plainMeans.reduce(0, +) / 50, corrected = correctedMeans.reduce(0, +) / 50
        #expect(abs(plain - 0.52) < 0.1, "plain level \(plain)")
        #expect(abs(corrected) < 0.1, "noise-corrected level \(corrected)")
        // No noise (tiny variance): a line-blanketed bin's level is the plain percentile's (continuous values,
        // so that no point sits exactly on the window's edge).
        let structured: [Double] = (0..<200).map { (i: Int) -> Double in
            let u = rng.uniform(0, 1)
            return i % 3 == 0 ? -0.3 * u : 0.02 * u
        }
        #expect(kept(structured, variance: 1e-12, noiseCorrected: true) == kept(structured, variance: 1e-12, noiseCorrected: false))
    }
}
