extension SLAMPredictor {
    /// `predict` with the continuum correction of `options.continuumDegree` (see `ContinuumCorrection`):
    /// the labels and a multiplicative Legendre correction P of the pseudo-continuum are fitted in
    /// alternation. Round r fits P by linear least squares to the ORIGINAL flux against the model at the
    /// labels of round r - 1, then fits the labels (first guess and refinement) to flux / P (ivar P^2).
    /// `options.continuumRounds` rounds after the plain fit; each `LabelFit` carries the P of its last
    /// round (`continuumCorrection`), and its chi-squares are those of the corrected flux. A spectrum whose
    /// correction cannot be fitted (too few pixels, a failed fit) is refitted without one.
    ///
    /// `fits`: the plain fits of the same spectra (M results). Throws as `predict`.
    func continuumCorrected(fits plain: [Result<LabelFit, InferenceError>], flux: [Float], ivar: [Float], count m: Int,
                            degree: Int, templates: TemplateLibrary) throws(InferenceError) -> [Result<LabelFit, InferenceError>]
    {
        let p = pixelCount
        // The model's own variance in normalised flux units.
        let variance = (0..<p).map { j in modelVariance[j] * fluxScaler.scale[j] * fluxScaler.scale[j] }
        var fits = plain
        for _ in 0..<options.continuumRounds {
            var indices: [Int] = [], labels: [Double] = []
            for (i, result) in fits.enumerated() {
                if case .success(let fit) = result, fit.labels.allSatisfy(\.isFinite) { indices.append(i); labels += fit.labels }
            }
            let models = try modelSpectra(labels: labels, count: indices.count)
            var corrected = flux, correctedIvar = ivar
            var corrections = [ContinuumCorrection?](repeating: nil, count: m)
            for (k, i) in indices.enumerated() {
                guard let correction = try? ContinuumCorrection.fit(
                    flux: flux, ivar: ivar, offset: i * p, model: Array(models[(k * p)..<((k + 1) * p)]),
                    modelVariance: variance, degree: degree) else { continue }
                correction.apply(flux: &corrected, ivar: &correctedIvar, offset: i * p, count: p)
                corrections[i] = correction
            }
            let guesses = try firstGuesses(flux: corrected, ivar: correctedIvar, count: m, templates: templates)
            let next = try refine(flux: corrected, ivar: correctedIvar, count: m, firstGuesses: guesses, templates: templates)
            fits = zip(next, corrections).map { result, correction in
                result.map { fit in
                    var fit = fit
                    fit.continuumCorrection = correction?.coefficients ?? []
                    return fit
                }
            }
        }
        return fits
    }
}
