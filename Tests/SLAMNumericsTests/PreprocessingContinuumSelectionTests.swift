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

    @Test func absorptionLinesAreNotContinuumPoints() {
        // Flat residuals with noise-like scatter, and a deep line in the middle of the only bin.
        var rng = SplitMix64(seed: 22)
        let x = (0..<200).map { 5000 + Double($0) * 0.5 }
        var residual = x.map { _ in rng.normal() }
        for i in 95..<105 { residual[i] -= 20 }
        let weight = [Double](repeating: 1, count: x.count)
        var scratch = [Double](repeating: 0, count: 2 * x.count)
        var keep = [Bool](repeating: false, count: x.count)
        let kept = x.withUnsafeBufferPointer { xp in
            residual.withUnsafeBufferPointer { rp in
                weight.withUnsafeBufferPointer { wp in
                    scratch.withUnsafeMutableBufferPointer { sp in
                        keep.withUnsafeMutableBufferPointer { kp in
                            ContinuumPointSelection.select(
                                x: xp, residual: rp, weight: wp, binWidth: 100, percentile: 0.7, madMultiple: 1,
                                scratch: sp, keep: kp)
                        }
                    }
                }
            }
        }
        #expect(kept == keep.filter { $0 }.count)
        #expect(kept > 40 && kept < 150)
        #expect(!keep[95..<105].contains(true))
    }
}
