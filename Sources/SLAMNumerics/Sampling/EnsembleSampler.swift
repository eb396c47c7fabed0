import Foundation

/// Settings of the affine-invariant ensemble sampler (`EnsembleSampler`).
public struct EnsembleSamplerSettings: Sendable, Equatable, Codable {
    /// Walkers W: even, at least 2 x the dimension D (and 4). Default 32.
    public var walkers: Int = 32
    /// Steps per walker, burn-in included. Default 2000: on the mock survey's 6-label model the
    /// autocorrelation time is ~35 steps, so 1,500 kept steps are ~40 tau (emcee advises >= 50 tau for a
    /// precise tau, far fewer for percentiles).
    public var steps: Int = 2000
    /// Leading steps dropped before the percentiles. Default 500.
    public var burnIn: Int = 500
    /// Stretch-move scale a > 1 (Goodman & Weare 2010 recommend 2). Default 2.
    public var stretch: Double = 2
    /// SplitMix64 seed: a given seed and start give the same chain, run after run.
    public var seed: UInt64 = 1

    /// Default settings.
    public init() {}

    /// Throws `.invalidSampler` naming the first bad setting for dimension `d`.
    public func validate(dimension d: Int) throws(InferenceError) {
        guard walkers >= max(4, 2 * d), walkers % 2 == 0 else {
            throw .invalidSampler(reason: "walkers = \(walkers): need an even number >= max(4, 2 x dimension \(d))")
        }
        guard steps >= 2 else { throw .invalidSampler(reason: "steps = \(steps): need at least 2") }
        guard burnIn >= 0, burnIn < steps else { throw .invalidSampler(reason: "burnIn = \(burnIn): need 0 <= burnIn < steps \(steps)") }
        guard stretch.isFinite, stretch > 1 else { throw .invalidSampler(reason: "stretch = \(stretch): need a finite value > 1") }
    }
}

/// The chain of an ensemble run after burn-in.
public struct EnsembleChain: Sendable, Equatable {
    /// Dimension D.
    public var dimension: Int
    /// Walkers W.
    public var walkers: Int
    /// Kept steps per walker (steps - burn-in), T.
    public var keptSteps: Int
    /// Positions after burn-in, T x W x D row-major (step-major).
    public var samples: [Double]
    /// Accepted proposals / all proposals over every step (burn-in included); 0.2-0.5 is healthy.
    public var acceptanceFraction: Double
    /// Integrated autocorrelation time per dimension, in steps (D entries): the walker-averaged
    /// autocorrelation function summed with Sokal's automatic window (M >= 5 tau), as emcee does.
    /// NaN for a dimension that never moved.
    public var autocorrelationTime: [Double]

    /// The q-quantile (0...1) of dimension `d` over every kept sample (linear interpolation).
    public func quantile(_ q: Double, dimension d: Int) -> Double {
        var values = stride(from: d, to: samples.count, by: dimension).map { samples[$0] }
        values.sort()
        guard !values.isEmpty else { return .nan }
        let x = min(max(q, 0), 1) * Double(values.count - 1)
        let i = Int(x.rounded(.down)), f = x - Double(i)
        return i + 1 < values.count ? values[i] * (1 - f) + values[i + 1] * f : values[i]
    }

    /// Mean of dimension `d` over every kept sample.
    public func mean(dimension d: Int) -> Double {
        let values = stride(from: d, to: samples.count, by: dimension).map { samples[$0] }
        return values.reduce(0, +) / Double(max(1, values.count))
    }
}

/// The affine-invariant ensemble sampler of Goodman & Weare (2010, CAMCoS 5, 65) with the parallel
/// stretch move of emcee (Foreman-Mackey et al. 2013): the walkers are split in two halves; each walker
/// X_k of one half proposes Y = X_j + z (X_k - X_j) with X_j a random walker of the other half and z
/// drawn from g(z) ~ 1/sqrt(z) on [1/a, a], accepted with probability min(1, z^(D-1) p(Y) / p(X_k)).
/// A half's proposals are evaluated in one call of the log-probability (one batch of model spectra).
/// Deterministic: every random number comes from one SplitMix64 in a fixed order.
public enum EnsembleSampler {
    /// Runs the sampler.
    ///
    /// - `start`: W x D row-major initial positions (finite, with finite log-probability, not all equal).
    /// - `logProbability`: given M x D positions (row-major) and M, returns M log-probabilities
    ///   (-infinity outside the support).
    /// Throws `.invalidSampler` for bad settings or starts, or what `logProbability` throws.
    public static func run(start: [Double], dimension d: Int, settings: EnsembleSamplerSettings,
                           logProbability: ([Double], Int) throws(InferenceError) -> [Double]) throws(InferenceError) -> EnsembleChain {
        try settings.validate(dimension: d)
        let w = settings.walkers
        guard d >= 1, start.count == w * d else {
            throw .invalidSampler(reason: "start has \(start.count) values, expected walkers \(w) x dimension \(d)")
        }
        guard start.allSatisfy(\.isFinite) else { throw .invalidSampler(reason: "start has a non-finite value") }
        var x = start
        var lp = try logProbability(x, w)
        guard lp.count == w, lp.allSatisfy({ $0.isFinite }) else {
            throw .invalidSampler(reason: "the log-probability of a starting walker is not finite")
        }
        var rng = SplitMix64(seed: settings.seed)
        let a = settings.stretch, half = w / 2
        let kept = settings.steps - settings.burnIn
        var samples = [Double](); samples.reserveCapacity(kept * w * d)
        var accepted = 0
        var proposal = [Double](repeating: 0, count: half * d), z = [Double](repeating: 0, count: half)
        for step in 0..<settings.steps {
            for side in 0..<2 {
                let active = side * half, other = (1 - side) * half
                for k in 0..<half {
                    let j = other + Int(rng.next() % UInt64(half))
                    let u = rng.uniform()
                    z[k] = ((a - 1) * u + 1) * ((a - 1) * u + 1) / a
                    for c in 0..<d {
                        let xj = x[j * d + c]
                        proposal[k * d + c] = xj + z[k] * (x[(active + k) * d + c] - xj)
                    }
                }
                let lq = try logProbability(proposal, half)
                guard lq.count == half else {
                    throw .invalidSampler(reason: "the log-probability returned \(lq.count) values for \(half) positions")
                }
                for k in 0..<half {
                    let logRatio = Double(d - 1) * Foundation.log(z[k]) + lq[k] - lp[active + k]
                    let u = rng.uniform()
                    if lq[k].isFinite, logRatio >= 0 || Foundation.log(max(u, 1e-300)) < logRatio {
                        for c in 0..<d { x[(active + k) * d + c] = proposal[k * d + c] }
                        lp[active + k] = lq[k]
                        accepted += 1
                    }
                }
            }
            if step >= settings.burnIn { samples += x }
        }
        let tau = (0..<d).map { autocorrelationTime(samples, steps: kept, walkers: w, dimension: d, column: $0) }
        return EnsembleChain(dimension: d, walkers: w, keptSteps: kept, samples: samples,
                             acceptanceFraction: Double(accepted) / Double(settings.steps * w), autocorrelationTime: tau)
    }

    /// Integrated autocorrelation time of one column: rho(t) averaged over walkers, tau(M) = 1 + 2 sum
    /// rho(1...M), with the smallest M >= 5 tau(M) (Sokal 1997); NaN for a constant column.
    static func autocorrelationTime(_ samples: [Double], steps t: Int, walkers w: Int, dimension d: Int, column c: Int) -> Double {
        guard t >= 2 else { return .nan }
        var chains = [[Double]](repeating: [], count: w)
        for k in 0..<w {
            var chain = (0..<t).map { samples[($0 * w + k) * d + c] }
            let mean = chain.reduce(0, +) / Double(t)
            for i in chain.indices { chain[i] -= mean }
            chains[k] = chain
        }
        let variance = chains.reduce(0.0) { $0 + $1.reduce(0) { $0 + $1 * $1 } }
        guard variance > 0 else { return .nan }
        var tau = 1.0
        for lag in 1..<t {
            var s = 0.0
            for chain in chains { for i in 0..<(t - lag) { s += chain[i] * chain[i + lag] } }
            tau += 2 * s / variance
            if Double(lag) >= 5 * tau { return tau }
        }
        return tau
    }
}
