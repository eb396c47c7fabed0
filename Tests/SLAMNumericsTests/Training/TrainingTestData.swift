import Foundation
import SLAMNumerics

/// Small synthetic SLAM training sets for the trainer tests.
enum TrainingTestData {
    /// N stars, L labels, P pixels; flux a smooth non-linear function of the labels plus noise.
    static func make(stars n: Int, labels l: Int, pixels p: Int, seed: UInt64) -> SLAMTrainingData {
        var rng = SplitMix64(seed: seed)
        let labels = (0..<(n * l)).map { k in 1000 * Double(k % l) + (k % l == 0 ? 400 : 0.5) * rng.normal() }
        var flux = [Float](repeating: 0, count: n * p), ivar = [Float](repeating: 1e4, count: n * p)
        for j in 0..<p {
            let a = (0..<l).map { _ in rng.normal() }
            for i in 0..<n {
                var u = 0.0
                for c in 0..<l { u += a[c] * (labels[i * l + c] - 1000 * Double(c)) / (c == 0 ? 400 : 0.5) }
                flux[i * p + j] = Float(1 - 0.2 / (1 + exp(-u)) + 0.01 * rng.normal())
                ivar[i * p + j] = 1e4
            }
        }
        return SLAMTrainingData(labels: labels, labelNames: (0..<l).map { "label\($0)" }, flux: flux, ivar: ivar,
                                wavelength: (0..<p).map { 4000 + Double($0) })
    }
}
