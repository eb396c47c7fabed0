import Foundation

/// The label posterior of one spectrum sampled by `SLAMPredictor.samplePosterior`.
public struct LabelPosterior: Sendable, Equatable {
    /// 16th percentile per label, physical units (K, dex), L entries.
    public var percentile16: [Double]
    /// Median per label, physical units, L entries.
    public var median: [Double]
    /// 84th percentile per label, physical units, L entries.
    public var percentile84: [Double]
    /// Accepted / proposed stretch moves (0.2-0.5 is healthy).
    public var acceptanceFraction: Double
    /// Integrated autocorrelation time per label, in steps, L entries (NaN: the label never moved).
    public var autocorrelationTime: [Double]
    /// The sampler settings used (walkers, steps, burn-in, seed).
    public var settings: EnsembleSamplerSettings

    /// Half the 16-84 percentile range per label: the posterior's 1-sigma equivalent, L entries.
    public var halfWidth: [Double] { zip(percentile84, percentile16).map { ($0 - $1) / 2 } }
    /// Kept samples over the largest autocorrelation time: roughly the independent samples per walker
    /// times walkers. Emcee advises chains of at least 50 tau.
    public var effectiveSamples: Double {
        let kept = Double((settings.steps - settings.burnIn) * settings.walkers)
        let tau = autocorrelationTime.filter(\.isFinite).max() ?? .nan
        return kept / tau
    }
}

extension SLAMPredictor {
    /// Samples the label posterior of one spectrum with the affine-invariant ensemble sampler
    /// (`EnsembleSampler`, Goodman & Weare 2010), starting from the Levenberg-Marquardt solution `fit`.
    ///
    /// log p(theta) = -objective(theta) / 2 inside the prior box, -infinity outside, with objective the
    /// fit's weighted chi-square under `options.loss` (plain chi-square for `.linear`; weights
    /// w_j = 1 / (sigma_obs^2 + sigma_model^2) as the fit). The flat prior spans the training range
    /// +- `options.runawayMargin` of it in every label (whether or not the fit bounds its labels).
    /// The walkers start in a small Gaussian ball around `fit` (0.1 formal sigma, or 1e-3 standardised
    /// units where the covariance is singular), kept inside the box.
    ///
    /// - `flux`, `ivar`: P entries each, normalised flux and inverse variance, model pixel order; when
    ///   `fit` carries a continuum correction, the flux is divided by it first (held fixed).
    /// - Returns the 16/50/84 percentiles per label (physical units), acceptance and autocorrelation.
    /// Throws `.wrongLength`, `.allPixelsBad`, `.tooFewPixels`, `.nonFiniteLabels` (fit labels),
    /// `.invalidSampler` for bad settings.
    public func samplePosterior(flux observedFlux: [Float], ivar observedIvar: [Float], from fit: LabelFit,
                                settings: EnsembleSamplerSettings = EnsembleSamplerSettings()) throws(InferenceError) -> LabelPosterior {
        let p = pixelCount, l = labelCount
        guard observedFlux.count == p else { throw .wrongLength(name: "flux", expected: p, actual: observedFlux.count) }
        guard observedIvar.count == p else { throw .wrongLength(name: "ivar", expected: p, actual: observedIvar.count) }
        // The likelihood of the flux the fit saw: divided by its continuum correction P, if it had one
        // (P is held fixed at the fit's).
        let (flux, ivar) = { () -> ([Float], [Float]) in
            var flux = observedFlux, ivar = observedIvar
            if !fit.continuumCorrection.isEmpty {
                ContinuumCorrection(coefficients: fit.continuumCorrection).apply(flux: &flux, ivar: &ivar, offset: 0, count: p)
            }
            return (flux, ivar)
        }()
        guard fit.labels.count == l else { throw .wrongLength(name: "fit.labels", expected: l, actual: fit.labels.count) }
        if let i = fit.labels.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteLabels(name: "fit.labels", index: i) }
        try settings.validate(dimension: l)
        _ = try prepare(flux: flux, ivar: ivar, offset: 0, index: 0)  // the same pixel checks as the fit
        var z = [Double](repeating: 0, count: p), w = z
        for j in 0..<p {
            w[j] = weight(flux: flux[j], ivar: ivar[j], pixel: j)
            if w[j] > 0 { z[j] = fluxScaler.forward(Double(flux[j]), column: j) }
        }
        let margin = options.runawayMargin
        let lower = (0..<l).map { trainingMinimum[$0] - margin * (trainingMaximum[$0] - trainingMinimum[$0]) }
        let upper = (0..<l).map { trainingMaximum[$0] + margin * (trainingMaximum[$0] - trainingMinimum[$0]) }
        let loss = options.loss
        let logProbability = { (thetas: [Double], m: Int) throws(InferenceError) -> [Double] in
            var out = [Double](repeating: -.infinity, count: m)
            var inside: [Int] = []
            for s in 0..<m where (0..<l).allSatisfy({ thetas[s * l + $0] >= lower[$0] && thetas[s * l + $0] <= upper[$0] }) {
                inside.append(s)
            }
            guard !inside.isEmpty else { return out }
            let labels = inside.flatMap { thetas[($0 * l)..<(($0 + 1) * l)] }
            let model = try self.standardisedModel(labels: labels, count: inside.count, jacobian: false).flux
            for (k, s) in inside.enumerated() {
                var objective = 0.0
                for j in 0..<p where w[j] > 0 {
                    objective += loss.objective(residual: w[j].squareRoot() * (z[j] - model[k * p + j]))
                }
                out[s] = objective.isFinite ? -0.5 * objective : -.infinity
            }
            return out
        }
        var rng = SplitMix64(seed: settings.seed ^ 0x5EED_BA11)
        let centre = clampedInto(standardise(labels: fit.labels), lower, upper)
        let sigma = fit.standardisedFormalErrors.map { $0.isFinite && $0 > 0 ? 0.1 * $0 : 1e-3 }
        var start = [Double]()
        for _ in 0..<settings.walkers {
            start += clampedInto((0..<l).map { centre[$0] + sigma[$0] * rng.normal() }, lower, upper)
        }
        let chain = try EnsembleSampler.run(start: start, dimension: l, settings: settings, logProbability: logProbability)
        let physicalAt = { (q: Double) in (0..<l).map { self.labelScaler.inverse(chain.quantile(q, dimension: $0), column: $0) } }
        return LabelPosterior(percentile16: physicalAt(0.16), median: physicalAt(0.5), percentile84: physicalAt(0.84),
                              acceptanceFraction: chain.acceptanceFraction, autocorrelationTime: chain.autocorrelationTime,
                              settings: settings)
    }

    private func clampedInto(_ theta: [Double], _ lower: [Double], _ upper: [Double]) -> [Double] {
        theta.indices.map { min(max(theta[$0], lower[$0]), upper[$0]) }
    }
}
