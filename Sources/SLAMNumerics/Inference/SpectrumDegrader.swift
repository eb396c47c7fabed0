import Foundation

/// Noisier copies of a spectrum, to judge fits of stars like the training stars at S/N lower than theirs
/// (the inside fits an `OutsideTrainingSetRule` is calibrated on: training stars have S/N_g > 100 or so,
/// survey spectra go down to 10).
///
/// A copy at S/N s of a spectrum at S/N s0 > s (both the per-pixel median of |flux| sqrt(ivar), as in
/// `OutsideTrainingSetStatistics.snr`) scales every pixel's sigma by a = s0 / s: Gaussian noise of
/// standard deviation sigma_j sqrt(a^2 - 1) is added to the flux and ivar becomes ivar / a^2. The
/// spectrum's own noise stays in, so the copy's noise is exactly as large as its ivar says.
public enum SpectrumDegrader {
    /// The lowest S/N a copy is made at (the open lower end of the first bin).
    public static let lowestSNR = 8.0

    /// The S/N of a spectrum as `OutsideTrainingSetStatistics.snr` measures it: median over pixels with
    /// finite flux and positive finite ivar of |flux_j| sqrt(ivar_j); NaN without such a pixel.
    public static func snr(flux: ArraySlice<Float>, ivar: ArraySlice<Float>) -> Double {
        var values: [Double] = []
        values.reserveCapacity(flux.count)
        for (f, v) in zip(flux, ivar) where f.isFinite && v.isFinite && v > 0 {
            values.append(abs(Double(f)) * Double(v).squareRoot())
        }
        guard !values.isEmpty else { return .nan }
        values.sort()
        let n = values.count
        return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2])
    }

    /// A copy of `flux`, `ivar` (normalised, P entries) with every sigma scaled by `factor` (>= 1): see the
    /// type's description. Bad pixels (non-finite, ivar <= 0) are copied unchanged. Draws one normal
    /// deviate per good pixel from `rng`.
    public static func degrade(flux: ArraySlice<Float>, ivar: ArraySlice<Float>, sigmaFactor factor: Double,
                               rng: inout SplitMix64) -> (flux: [Float], ivar: [Float]) {
        let a = max(1, factor)
        let extra = (a * a - 1).squareRoot()
        var f = Array(flux), v = Array(ivar)
        for j in f.indices where f[j].isFinite && v[j].isFinite && v[j] > 0 {
            let sigma = 1 / Double(v[j]).squareRoot()
            f[j] = Float(Double(f[j]) + extra * sigma * rng.normal())
            v[j] = Float(Double(v[j]) / (a * a))
        }
        return (f, v)
    }

    /// A copy of `flux` (normalised, P entries) with the model's own error added: Gaussian noise of
    /// standard deviation sqrt(mse_j) x scale_j per pixel (`mse` the model's cross-validated MSE in
    /// standardised flux units, `scale` the flux scaler's scale), so that a spectrum the model was trained
    /// on fits as badly, in expectation, as an unseen star's (whose residuals hold that error; the fit's
    /// weights already count it). Pixels with a non-finite mse or flux are copied unchanged.
    public static func withModelError(flux: [Float], mse: [Double], scale: [Double], rng: inout SplitMix64) -> [Float] {
        var f = flux
        for j in f.indices where j < mse.count && j < scale.count && f[j].isFinite && mse[j].isFinite && mse[j] > 0 {
            f[j] = Float(Double(f[j]) + mse[j].squareRoot() * scale[j] * rng.normal())
        }
        return f
    }

    /// A degraded copy normalised again by `preprocessor` on the model grid `wavelength` (rest frame,
    /// redshift 0): the pseudo-continuum of a noisy spectrum is itself noisy, and a copy degraded after
    /// normalisation lacks that error unless its continuum is fitted again at its own S/N. Nil when the
    /// preprocessor rejects the copy.
    public static func renormalised(flux: [Float], ivar: [Float], wavelength: [Double],
                                    preprocessor: SpectrumPreprocessor) -> (flux: [Float], ivar: [Float])? {
        guard flux.count == wavelength.count, ivar.count == wavelength.count,
              let result = try? preprocessor.preprocess(wavelength: wavelength, flux: flux, ivar: ivar, badMask: nil, redshift: 0),
              result.flux.count == flux.count else { return nil }
        return (result.flux, result.ivar)
    }

    /// The S/N targets of the copies of a spectrum at S/N `snr`: one per bin of `edges` (ascending lower
    /// edges, last bin open) that lies at least partly below `snr` but does not hold it, drawn
    /// log-uniformly in [max(edge, lowestSNR), min(next edge, snr)). The bin holding `snr` gets the
    /// spectrum itself, not a copy. Empty for a non-finite or non-positive `snr`.
    public static func targets(snr: Double, edges: [Double], rng: inout SplitMix64) -> [Double] {
        guard snr.isFinite, snr > 0 else { return [] }
        var out: [Double] = []
        for (b, edge) in edges.enumerated() {
            let upper = b + 1 < edges.count ? edges[b + 1] : .infinity
            guard upper <= snr else { continue }  // the bin holding snr, and those above, get no copy
            let lo = max(edge, lowestSNR), hi = min(upper, snr)
            guard hi > lo else { continue }
            out.append(Foundation.exp(rng.uniform(Foundation.log(lo), Foundation.log(hi))))
        }
        return out
    }
}
