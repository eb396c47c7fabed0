import Dispatch
import Foundation
import Primitives

extension SLAMPredictor {
    /// Labels for `count` spectra: template-matching first guess, then Levenberg-Marquardt refinement
    /// (see `refine(flux:ivar:count:firstGuesses:templates:)` for how the work is spread over threads);
    /// with `options.continuumDegree`, rounds of the continuum correction fitted with the labels
    /// (`continuumCorrected`), from the first guess or from a plain fit (`options.continuumStart`); with `options.estimate` `.posteriorMean`, each fit's posterior mean under
    /// the training set's label density (`withPosteriorMean`).
    ///
    /// - `flux`, `ivar`: M x P row-major, normalised flux and its inverse variance in model pixel order
    ///   (bad pixels: non-finite flux or ivar, ivar <= 0).
    /// - Returns M results in input order: a `LabelFit`, or the spectrum's own error (`.allPixelsBad`,
    ///   `.tooFewPixels`, `.noTemplateOverlap`, ...).
    /// Throws only for batch-level problems: `.wrongLength`, `.invalidArgument`, `.templateMismatch`.
    public func predict(flux: [Float], ivar: [Float], count m: Int, templates: TemplateLibrary)
        throws(InferenceError) -> [Result<LabelFit, InferenceError>]
    {
        let guesses = try firstGuesses(flux: flux, ivar: ivar, count: m, templates: templates)
        var fits: [Result<LabelFit, InferenceError>]
        switch (options.continuumDegree, options.continuumStart) {
        case (nil, _):
            fits = try refine(flux: flux, ivar: ivar, count: m, firstGuesses: guesses, templates: templates)
        case let (degree?, .plainFit):
            let plain = try refine(flux: flux, ivar: ivar, count: m, firstGuesses: guesses, templates: templates)
            fits = options.continuumRounds == 0 ? plain
                : try continuumCorrected(start: plain.map(Self.finiteLabels), flux: flux, ivar: ivar, count: m,
                                         degree: degree, templates: templates)
        case let (degree?, .firstGuess):
            let l = labelCount
            let start = guesses.map { matches in
                matches.first.map { physical(labels: Array(templates.labels[($0.template * l)..<(($0.template + 1) * l)])) }
            }
            fits = try continuumCorrected(start: start, flux: flux, ivar: ivar, count: m, degree: degree, templates: templates)
        }
        return fits.map { $0.map(withPosteriorMean) }
    }

    /// `fit` with its posterior mean and covariance under the training set's label density
    /// (`TrainingSetPrior`) when `options.estimate` asks for them; unchanged otherwise, or when the fit's
    /// covariance is singular (the maximum-likelihood labels are then published). The fit's own labels,
    /// flags and chi-squares stay those of the maximum-likelihood fit.
    public func withPosteriorMean(_ fit: LabelFit) -> LabelFit {
        guard let prior, let posterior = prior.posterior(mean: fit.standardisedLabels, covariance: fit.standardisedCovariance)
        else { return fit }
        var fit = fit
        fit.posteriorMean = physical(labels: posterior.mean)
        fit.posteriorCovariance = physical(covariance: posterior.covariance)
        return fit
    }

    /// The first guesses alone: the best `options.starts` templates per spectrum (one batch of matrix
    /// products, see `TemplateLibrary.bestMatches`), with the fit weights w_j of the refinement.
    /// Throws `.wrongLength`, `.invalidArgument` or `.templateMismatch`.
    public func firstGuesses(flux: [Float], ivar: [Float], count m: Int, templates: TemplateLibrary)
        throws(InferenceError) -> [[TemplateMatch]]
    {
        try check(templates: templates)
        let (z, w) = try standardisedObservations(flux: flux, ivar: ivar, count: m)
        return try templates.bestMatches(flux: z, weights: w, count: m, best: options.starts)
    }

    /// The refinement alone, from first guesses given as template matches (`firstGuesses`: M arrays,
    /// each tried as a start; an empty array gives `.noTemplateOverlap`).
    ///
    /// With `options.batchSize` > 1, up to that many fits run in lockstep on their own threads and their
    /// model evaluations share one matrix product per round (`SLAMLockstepBatch`), in `options.workers`
    /// independent groups (default one per core; spectrum i goes to group i % groups); with 1,
    /// `options.workers` threads (default one per core) each fit one spectrum at a time, evaluating only
    /// its good pixels. Lockstep results depend on the batch size and worker count at the level of
    /// rounding only (BLAS sums a wider product in another order), and never on thread timing: a given
    /// configuration gives identical results run after run.
    /// Throws `.wrongLength`, `.invalidArgument` or `.templateMismatch` for batch-level problems.
    public func refine(flux: [Float], ivar: [Float], count m: Int, firstGuesses: [[TemplateMatch]],
                       templates: TemplateLibrary) throws(InferenceError) -> [Result<LabelFit, InferenceError>]
    {
        let p = pixelCount, l = labelCount
        try check(templates: templates)
        guard m >= 0 else { throw .invalidArgument(name: "count", value: m) }
        guard flux.count == m * p else { throw .wrongLength(name: "flux", expected: m * p, actual: flux.count) }
        guard ivar.count == m * p else { throw .wrongLength(name: "ivar", expected: m * p, actual: ivar.count) }
        guard firstGuesses.count == m else { throw .wrongLength(name: "firstGuesses", expected: m, actual: firstGuesses.count) }
        for matches in firstGuesses {
            for match in matches where !(0..<templates.count).contains(match.template) {
                throw .invalidArgument(name: "firstGuesses.template", value: match.template)
            }
        }
        let work = { @Sendable (index: Int, source: SLAMLabelFitProblem.Source) -> Result<LabelFit, InferenceError> in
            Result { () throws(InferenceError) -> LabelFit in
                let prepared = try self.prepare(flux: flux, ivar: ivar, offset: index * p, index: index)
                let matches = firstGuesses[index]
                guard !matches.isEmpty else { throw .noTemplateOverlap(spectrum: index) }
                let starts = matches.map { match in
                    (theta: Array(templates.labels[(match.template * l)..<((match.template + 1) * l)]),
                     template: Optional(match.template))
                }
                return try self.fit(prepared: prepared, starts: starts, index: index, source: source)
            }
        }
        let slots = SharedSlots<Result<LabelFit, InferenceError>?>(repeating: nil, count: m)
        if options.batchSize > 1 && m > 1 {
            // Lockstep: one thread per fit slot, model evaluations of all slots in one product per round;
            // `workers` independent lockstep groups (spectrum i goes to group i % groups).
            let groups = max(1, min(options.workers ?? ProcessInfo.processInfo.activeProcessorCount, m))
            DispatchQueue.concurrentPerform(iterations: groups) { group in
                let indices = Array(stride(from: group, to: m, by: groups))
                let batch = SLAMLockstepBatch(slots: min(options.batchSize, indices.count), evaluator: evaluator)
                for slot in 0..<batch.slots {
                    let thread = Thread {
                        for k in stride(from: slot, to: indices.count, by: batch.slots) {
                            slots[indices[k]] = work(indices[k], .lockstep(batch, slot: slot))
                        }
                        batch.finish(slot: slot)
                    }
                    thread.stackSize = 1 << 20
                    thread.start()
                }
                batch.serve()
            }
        } else {
            let workers = max(1, min(options.workers ?? ProcessInfo.processInfo.activeProcessorCount, m))
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let buffers = SLAMKernelBuffers()
                for index in stride(from: worker, to: m, by: workers) {
                    slots[index] = work(index, .direct(buffers))
                }
            }
        }
        return slots.array.map { $0 ?? .failure(.invalidArgument(name: "unfinished slot", value: -1)) }
    }

    private func check(templates: TemplateLibrary) throws(InferenceError) {
        guard templates.pixelCount == pixelCount else {
            throw .templateMismatch(what: "pixels", library: templates.pixelCount, model: pixelCount)
        }
        guard templates.labelCount == labelCount else {
            throw .templateMismatch(what: "labels", library: templates.labelCount, model: labelCount)
        }
    }
}
