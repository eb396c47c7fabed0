extension SLAMPredictor {
    /// The strongest-line pixels (model pixel order, ascending): the `OutsideTrainingSetStatistics.linePixelFraction`
    /// of the pixels with the largest training flux spread `fluxScaler.scale` (at least one).
    public var strongLinePixels: [Int] {
        let p = pixelCount
        let count = max(1, Int((OutsideTrainingSetStatistics.linePixelFraction * Double(p)).rounded()))
        return Array((0..<p).sorted { fluxScaler.scale[$0] > fluxScaler.scale[$1] || (fluxScaler.scale[$0] == fluxScaler.scale[$1] && $0 < $1) }
            .prefix(count)).sorted()
    }

    /// The statistics of the `outside_training_set` decision for the fits of `count` spectra.
    ///
    /// - `fits`: one result per spectrum (as `predict` returns them); a failed fit gives nil.
    /// - `flux`, `ivar`: M x P row-major, normalised flux and inverse variance, model pixel order (the
    ///   arrays the fits were made from). A fit with a continuum correction is judged against the flux
    ///   divided by it (ivar times its square), the flux it fitted, so that a pseudo-continuum error the
    ///   correction removed does not count as a residual.
    /// Throws `.wrongLength` when the arrays are not M x P.
    public func outsideStatistics(fits: [Result<LabelFit, InferenceError>], flux: [Float], ivar: [Float])
        throws(InferenceError) -> [OutsideTrainingSetStatistics?]
    {
        let p = pixelCount, l = labelCount, m = fits.count
        guard flux.count == m * p else { throw .wrongLength(name: "flux", expected: m * p, actual: flux.count) }
        guard ivar.count == m * p else { throw .wrongLength(name: "ivar", expected: m * p, actual: ivar.count) }
        let lines = strongLinePixels
        var out = [OutsideTrainingSetStatistics?](repeating: nil, count: m)
        var start = 0
        while start < m {
            let end = min(m, start + Self.evaluationBlock)
            var block: [Int] = [], thetas: [Double] = []
            for k in start..<end {
                guard case let .success(fit) = fits[k], fit.standardisedLabels.count == l,
                      fit.standardisedLabels.allSatisfy(\.isFinite) else { continue }
                block.append(k)
                thetas += fit.standardisedLabels
            }
            if !block.isEmpty {
                let model = try standardisedModel(labels: thetas, count: block.count, jacobian: false).flux
                for (s, k) in block.enumerated() {
                    guard case let .success(fit) = fits[k] else { continue }
                    let spectrum = (k * p)..<((k + 1) * p), fitted = model[(s * p)..<((s + 1) * p)]
                    guard !fit.continuumCorrection.isEmpty else {
                        out[k] = outsideStatistics(fit: fit, model: fitted, flux: flux[spectrum], ivar: ivar[spectrum], lines: lines)
                        continue
                    }
                    // The flux the fit saw: divided by its continuum correction.
                    var f = Array(flux[spectrum]), v = Array(ivar[spectrum])
                    ContinuumCorrection(coefficients: fit.continuumCorrection).apply(flux: &f, ivar: &v, offset: 0, count: p)
                    out[k] = outsideStatistics(fit: fit, model: fitted, flux: f[...], ivar: v[...], lines: lines)
                }
            }
            start = end
        }
        return out
    }

    /// The statistics of one fit: `model` is its standardised model spectrum, `flux` and `ivar` its
    /// spectrum (P entries each, model pixel order), `lines` the strongest-line pixels.
    func outsideStatistics(fit: LabelFit, model: ArraySlice<Double>, flux: ArraySlice<Float>, ivar: ArraySlice<Float>,
                           lines: [Int]) -> OutsideTrainingSetStatistics {
        let p = pixelCount
        let m0 = model.startIndex, f0 = flux.startIndex, i0 = ivar.startIndex
        var residuals: [Double] = [], snr: [Double] = []
        residuals.reserveCapacity(p)
        var normalised = [Double](repeating: .nan, count: p)
        for j in 0..<p {
            let w = weight(flux: flux[f0 + j], ivar: ivar[i0 + j], pixel: j)
            guard w > 0 else { continue }
            let r = w.squareRoot() * (fluxScaler.forward(Double(flux[f0 + j]), column: j) - model[m0 + j])
            normalised[j] = r
            residuals.append(r)
            snr.append(abs(Double(flux[f0 + j])) * Double(ivar[i0 + j]).squareRoot())
        }
        var lineSum = 0.0, lineCount = 0
        for j in lines where normalised[j].isFinite { lineSum += normalised[j] * normalised[j]; lineCount += 1 }
        snr.sort()
        let medianSNR = snr.isEmpty ? .nan
            : (snr.count % 2 == 1 ? snr[snr.count / 2] : 0.5 * (snr[snr.count / 2 - 1] + snr[snr.count / 2]))
        return OutsideTrainingSetStatistics(
            neighbourDistance: fit.neighbourDistance, reducedChiSquare: fit.reducedChiSquare,
            lineChiSquare: lineCount > 0 ? lineSum / Double(lineCount) : .nan,
            residualTrend: OutsideTrainingSetStatistics.residualTrend(residuals),
            firstGuessRatio: fit.chiSquare > 0 ? fit.firstGuessChiSquare / fit.chiSquare : .nan, snr: medianSNR)
    }
}
