import Foundation
@testable import SLAMNumerics
import Testing

@Suite("Affine-invariant ensemble sampler")
struct EnsembleSamplerTests {
    /// A correlated 2-D Gaussian: mean (1, -2), sigmas (0.5, 2), correlation 0.8.
    static func gaussian(_ x: [Double], _ m: Int) -> [Double] {
        let rho = 0.8
        return (0..<m).map { s in
            let a = (x[s * 2] - 1) / 0.5, b = (x[s * 2 + 1] + 2) / 2
            return -0.5 * (a * a - 2 * rho * a * b + b * b) / (1 - rho * rho)
        }
    }

    static func start(walkers: Int) -> [Double] {
        var rng = SplitMix64(seed: 9)
        return (0..<(walkers * 2)).map { _ in 0.01 * rng.normal() }
    }

    @Test func recoversTheMeanAndSpreadOfAKnownGaussian() throws {
        var settings = EnsembleSamplerSettings()
        settings.walkers = 32
        settings.steps = 3000
        settings.burnIn = 500
        settings.seed = 42
        let chain = try EnsembleSampler.run(start: Self.start(walkers: 32), dimension: 2, settings: settings,
                                            logProbability: Self.gaussian)
        #expect(abs(chain.mean(dimension: 0) - 1) < 0.05)
        #expect(abs(chain.mean(dimension: 1) + 2) < 0.2)
        let sd0 = (chain.quantile(0.84, dimension: 0) - chain.quantile(0.16, dimension: 0)) / 2
        let sd1 = (chain.quantile(0.84, dimension: 1) - chain.quantile(0.16, dimension: 1)) / 2
        #expect(abs(sd0 / 0.5 - 1) < 0.1, "sigma 0 \(sd0)")
        #expect(abs(sd1 / 2 - 1) < 0.1, "sigma 1 \(sd1)")
        #expect(chain.acceptanceFraction > 0.2 && chain.acceptanceFraction < 0.9)
        for tau in chain.autocorrelationTime { #expect(tau > 1 && tau < 200) }
    }

    @Test func theSameSeedGivesTheSameChainAndAnotherSeedAnother() throws {
        var settings = EnsembleSamplerSettings()
        settings.steps = 200
        settings.burnIn = 50
        let a = try EnsembleSampler.run(start: Self.start(walkers: 32), dimension: 2, settings: settings, logProbability: Self.gaussian)
        let b = try EnsembleSampler.run(start: Self.start(walkers: 32), dimension: 2, settings: settings, logProbability: Self.gaussian)
        settings.seed = 2
        let c = try EnsembleSampler.run(start: Self.start(walkers: 32), dimension: 2, settings: settings, logProbability: Self.gaussian)
        #expect(a == b)
        #expect(a.samples != c.samples)
    }

    @Test func badSettingsAndStartsThrowClearErrors() throws {
        var settings = EnsembleSamplerSettings()
        settings.walkers = 3
        #expect(throws: InferenceError.self) {
            try EnsembleSampler.run(start: [Double](repeating: 0, count: 6), dimension: 2, settings: settings, logProbability: Self.gaussian)
        }
        settings = EnsembleSamplerSettings()
        settings.burnIn = settings.steps
        #expect(throws: InferenceError.self) {
            try EnsembleSampler.run(start: Self.start(walkers: 32), dimension: 2, settings: settings, logProbability: Self.gaussian)
        }
        settings = EnsembleSamplerSettings()
        #expect(throws: InferenceError.self) {  // every walker outside the support
            try EnsembleSampler.run(start: Self.start(walkers: 32), dimension: 2, settings: settings) { _, m in
                [Double](repeating: -.infinity, count: m)
            }
        }
        #expect(throws: InferenceError.self) {
            try EnsembleSampler.run(start: [1, 2, 3], dimension: 2, settings: settings, logProbability: Self.gaussian)
        }
    }
}
