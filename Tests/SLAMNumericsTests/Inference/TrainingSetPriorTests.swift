import Foundation
@testable import SLAMNumerics
import Testing

@Suite struct TrainingSetPriorTests {
    /// Standardised training labels, N x 2: a curved, tilted band of stars.
    static func band(_ n: Int) -> [Double] {
        var rng = SplitMix64(seed: 7)
        var out: [Double] = []
        for _ in 0..<n {
            let t = rng.uniform(-1.5, 1.5)
            out += [t, 0.5 * t + 0.6 * t * t - 0.5 + 0.15 * rng.normal()]
        }
        return out
    }

    /// Posterior mean and covariance by brute force on a grid: likelihood N(theta; mean, s^2 Sigma) times the
    /// kernel density (kernel covariance H), summed over a 2-D grid (independent of the closed form).
    static func gridPosterior(prior: TrainingSetPrior, mean: [Double], covariance: [Double])
        -> (mean: [Double], covariance: [Double]) {
        let s2 = prior.likelihoodScale * prior.likelihoodScale
        let a = covariance[0] * s2, b = covariance[1] * s2, d = covariance[3] * s2
        let det = a * d - b * b
        let h = prior.kernelCovariance, hDet = h[0] * h[3] - h[1] * h[2]
        var total = 0.0, m0 = 0.0, m1 = 0.0, s00 = 0.0, s01 = 0.0, s11 = 0.0
        let step = 0.02
        for x in stride(from: -4.0, through: 4.0, by: step) {
            for y in stride(from: -4.0, through: 4.0, by: step) {
                let u = x - mean[0], v = y - mean[1]
                let likelihood = exp(-0.5 * (d * u * u - 2 * b * u * v + a * v * v) / det)
                guard likelihood > 1e-14 else { continue }
                var density = 0.0
                for i in 0..<prior.count {
                    let p = x - prior.labels[2 * i], q = y - prior.labels[2 * i + 1]
                    density += exp(-0.5 * (h[3] * p * p - 2 * h[1] * p * q + h[0] * q * q) / hDet)
                }
                let w = likelihood * density
                total += w; m0 += w * x; m1 += w * y
                s00 += w * x * x; s01 += w * x * y; s11 += w * y * y
            }
        }
        let mx = m0 / total, my = m1 / total
        return ([mx, my], [s00 / total - mx * mx, s01 / total - mx * my, s01 / total - mx * my, s11 / total - my * my])
    }

    @Test func closedFormMatchesAGridIntegration() throws {
        let labels = Self.band(60)
        let prior = try TrainingSetPrior(standardisedLabels: labels, count: 60, labelCount: 2, bandwidth: 0.3, likelihoodScale: 1.5)
        #expect(prior.kernelCovariance[1] > 0.02, "the band's labels are correlated, so is the kernel")
        for (mean, covariance) in [([0.4, -0.2], [0.04, 0.012, 0.012, 0.09]), ([1.2, 0.3], [0.2, -0.05, -0.05, 0.1]),
                                   ([-0.8, 0.9], [0.01, 0, 0, 0.01])] {
            let closed = try #require(prior.posterior(mean: mean, covariance: covariance))
            let grid = Self.gridPosterior(prior: prior, mean: mean, covariance: covariance)
            for c in 0..<2 { #expect(abs(closed.mean[c] - grid.mean[c]) < 2e-3, "mean[\(c)] at \(mean)") }
            for k in 0..<4 { #expect(abs(closed.covariance[k] - grid.covariance[k]) < 2e-3, "covariance[\(k)] at \(mean)") }
        }
    }

    @Test func aPreciseFitKeepsItsLabelsAndAFlatLikelihoodGivesTheTrainingMean() throws {
        let labels = Self.band(80)
        let prior = try TrainingSetPrior(standardisedLabels: labels, count: 80, labelCount: 2)
        let theta = [0.3, -0.1]
        let precise = try #require(prior.posterior(mean: theta, covariance: [1e-8, 0, 0, 1e-8]))
        for c in 0..<2 { #expect(abs(precise.mean[c] - theta[c]) < 1e-6) }
        let flat = try #require(prior.posterior(mean: theta, covariance: [1e8, 0, 0, 1e8]))
        for c in 0..<2 {
            let trainingMean = stride(from: c, to: labels.count, by: 2).map { labels[$0] }.reduce(0, +) / 80
            #expect(abs(flat.mean[c] - trainingMean) < 1e-3)
        }
    }

    @Test func shrinksTowardTheTrainingStarsMoreAsTheFitGetsLessPrecise() throws {
        // One cluster of training stars about (1, 1): a fit at the origin moves toward it, more with a wider likelihood.
        let labels = [1.0, 1.0, 1.3, 1.0, 0.7, 1.0, 1.0, 1.3, 1.0, 0.7]
        let prior = try TrainingSetPrior(standardisedLabels: labels, count: 5, labelCount: 2, bandwidth: 0.5)
        let narrow = try #require(prior.posterior(mean: [0, 0], covariance: [0.01, 0, 0, 0.01]))
        let wide = try #require(prior.posterior(mean: [0, 0], covariance: [0.5, 0, 0, 0.5]))
        #expect(narrow.mean[0] > 0 && narrow.mean[0] < wide.mean[0] && wide.mean[0] < 1)
        #expect(wide.covariance[0] < 0.1)  // the prior adds information to a wide likelihood
    }

    @Test func givesNoPosteriorForNonFiniteOrIndefiniteInput() throws {
        let prior = try TrainingSetPrior(standardisedLabels: [0, 0, 1, 1], count: 2, labelCount: 2)
        #expect(prior.posterior(mean: [.nan, 0], covariance: [1, 0, 0, 1]) == nil)
        #expect(prior.posterior(mean: [0, 0], covariance: [.nan, .nan, .nan, .nan]) == nil)
        #expect(prior.posterior(mean: [0, 0], covariance: [-10, 0, 0, 1]) == nil)
        #expect(prior.posterior(mean: [0], covariance: [1]) == nil)
    }

    @Test func refusesBadConstruction() {
        #expect(throws: InferenceError.emptyModel(trainingStars: 0, labels: 2, pixels: 0)) {
            try TrainingSetPrior(standardisedLabels: [], count: 0, labelCount: 2)
        }
        #expect(throws: InferenceError.wrongLength(name: "standardisedLabels", expected: 4, actual: 3)) {
            try TrainingSetPrior(standardisedLabels: [0, 0, 1], count: 2, labelCount: 2)
        }
        #expect(throws: InferenceError.nonFiniteTemplateLabel(template: 1, label: 0)) {
            try TrainingSetPrior(standardisedLabels: [0, 0, .infinity, 1], count: 2, labelCount: 2)
        }
        #expect(throws: InferenceError.invalidOption(name: "bandwidth", value: 0)) {
            try TrainingSetPrior(standardisedLabels: [0, 0], count: 1, labelCount: 2, bandwidth: 0)
        }
        #expect(throws: InferenceError.invalidOption(name: "likelihoodScale", value: -1)) {
            try TrainingSetPrior(standardisedLabels: [0, 0], count: 1, labelCount: 2, likelihoodScale: -1)
        }
    }

    @Test func theKernelIsShapedAsTheTrainingLabelsScatter() throws {
        // Two labels perfectly in step plus one without spread: covariance h^2 [[v, v, 0], [v, v, 0], [0, 0, 1]].
        let labels: [Double] = [0, 0, 5, 1, 1, 5, 2, 2, 5]
        let prior = try TrainingSetPrior(standardisedLabels: labels, count: 3, labelCount: 3, bandwidth: 0.5)
        let expected: [Double] = [0.25, 0.25, 0, 0.25, 0.25, 0, 0, 0, 0.25]
        for k in 0..<9 { #expect(abs(prior.kernelCovariance[k] - expected[k]) < 1e-12, "H[\(k)]") }
    }

    @Test func scottBandwidthFollowsTheRule() {
        #expect(abs(TrainingSetPrior.scottBandwidth(count: 1725, dimension: 6) - pow(1725, -0.1)) < 1e-12)
    }

    @Test func estimateNamesRoundTrip() {
        for estimate in [LabelEstimate.maximumLikelihood, .posteriorMean(likelihoodScale: 1.5), .posteriorMean(likelihoodScale: 2)] {
            #expect(LabelEstimate(name: estimate.name) == estimate)
        }
        #expect(LabelEstimate.posteriorMean(likelihoodScale: 2).name == "posterior_mean:2")
        for bad in ["", "map", "posterior_mean", "posterior_mean:0", "posterior_mean:-1", "posterior_mean:nan", "ml:1"] {
            #expect(LabelEstimate(name: bad) == nil, "\(bad)")
        }
    }
}
