extension SLAMPredictor {
    /// `predict` with the continuum correction of `options.continuumDegree` (see `ContinuumCorrection`):
    /// the labels and a multiplicative Legendre correction P of the pseudo-continuum are fitted in
    /// alternation. Round r fits P by linear least squares to the ORIGINAL flux against the model at the
    /// labels of round r - 1 (round 1: at `start`), then fits the labels (first guess and refinement) to
    /// flux / P (ivar P^2). `options.continuumRounds` rounds; each `LabelFit` carries the P of its last
    /// round (`continuumCorrection`), and its chi-squares are those of the corrected flux. A spectrum whose
    /// correction cannot be fitted (too few pixels) is refitted without one.
    ///
    /// `start`: physical labels of the first round, M entries (`options.continuumStart`: the first
    /// guess's template or the plain fit); nil for a spectrum without (its rounds fit without a correction
    /// until a round has labels for it). Throws as `predict`.
    func continuumCorrected(start: [[Double]?], flux: [Float], ivar: [Float], count m: Int, degree: Int,
                            templates: TemplateLibrary) throws(InferenceError) -> [Result<LabelFit, InferenceError>]
    {
        let p = pixelCount
        // The model's own variance in normalised flux units.
        let variance = (0..<p).map { j in modelVariance[j] * fluxScaler.scale[j] * fluxScaler.scale[j] }
        // Replaced by the first round (callers ask for at least one; `SLAMPredictor.init` checks it).
        var fits = [Result<LabelFit, InferenceError>](
            repeating: .failure(.invalidArgument(name: "options.continuumRounds", value: options.continuumRounds)), count: m)
        var start = start
        for round in 0..<options.continuumRounds {
            if round > 0 { start = fits.map(Self.finiteLabels) }
            var indices: [Int] = [], labels: [Double] = []
            for (i, theta) in start.enumerated() {
                if let theta { indices.append(i); labels += theta }
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

    /// The physical labels of a successful fit when all are finite, else nil.
    static func finiteLabels(_ result: Result<LabelFit, InferenceError>) -> [Double]? {
        guard case .success(let fit) = result, fit.labels.allSatisfy(\.isFinite) else { return nil }
        return fit.labels
    }
}
