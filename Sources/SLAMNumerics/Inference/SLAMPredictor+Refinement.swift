import CMinpack

/// The outcome of one Levenberg-Marquardt run (or one IRLS sequence of runs) from one start,
/// standardised units.
struct SLAMRefinement {
    var theta: [Double]
    var start: [Double]
    var template: Int?
    /// Sum of squares of the residuals lmder saw: chi-square under the IRLS weights (`.reweighting`), or
    /// the robust objective (`.transform`).
    var chiSquare: Double
    var startChiSquare: Double
    var functionEvaluations: Int
    var jacobianEvaluations: Int
    var info: Int
    var keptStart: Bool
    /// Residual Jacobian at `theta`, m x L column-major.
    var jacobian: [Double]
    /// Residuals at `theta` under the weights the run used, m entries.
    var residuals: [Double]
}

extension SLAMPredictor {
    /// Fits one spectrum from a start given by the caller (no template match).
    ///
    /// - `flux`, `ivar`: P entries each, normalised flux and its inverse variance, model pixel order; a
    ///   pixel with non-finite flux or ivar, or ivar <= 0, is left out.
    /// - `start`: L physical labels (K, dex); a start beyond the label bounds is moved onto them.
    /// Throws `.wrongLength`, `.nonFiniteLabels`, `.allPixelsBad`, `.tooFewPixels`,
    /// `.nonFiniteModel` (the start itself evaluates to a non-finite model) or `.minpackImproperInput`.
    public func fit(flux: [Float], ivar: [Float], start: [Double]) throws(InferenceError) -> LabelFit {
        try fit(flux: flux, ivar: ivar, starts: [start])
    }

    /// Fits one spectrum from several starts given by the caller (L physical labels each); the lowest
    /// objective wins and distinct minima are counted (`LabelFit.distinctMinima`, flag `severalMinima`).
    /// Throws as `fit(flux:ivar:start:)`, and `.invalidArgument` for no start.
    public func fit(flux: [Float], ivar: [Float], starts: [[Double]]) throws(InferenceError) -> LabelFit {
        let p = pixelCount, l = labelCount
        guard !starts.isEmpty else { throw .invalidArgument(name: "starts.count", value: 0) }
        guard flux.count == p else { throw .wrongLength(name: "flux", expected: p, actual: flux.count) }
        guard ivar.count == p else { throw .wrongLength(name: "ivar", expected: p, actual: ivar.count) }
        for start in starts {
            guard start.count == l else { throw .wrongLength(name: "start", expected: l, actual: start.count) }
            if let i = start.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteLabels(name: "start", index: i) }
        }
        let prepared = try prepare(flux: flux, ivar: ivar, offset: 0, index: 0)
        return try fit(prepared: prepared, starts: starts.map { (standardise(labels: $0), nil) }, index: 0,
                       source: .direct(SLAMKernelBuffers()))
    }

    /// Fits a prepared spectrum from each start (Levenberg-Marquardt under the loss, as
    /// `options.robustSolver` says) and keeps the lowest objective.
    func fit(prepared: SLAMPreparedSpectrum, starts: [(theta: [Double], template: Int?)], index: Int,
             source: SLAMLabelFitProblem.Source) throws(InferenceError) -> LabelFit {
        precondition(!starts.isEmpty, "at least one start")
        let problem = SLAMLabelFitProblem(evaluator: evaluator, source: source, spectrum: prepared,
                                          lower: boundMinimum, upper: boundMaximum)
        var runs: [SLAMRobustRun] = []
        var nfev = 0, njev = 0
        for start in starts {
            problem.spectrum.sqrtWeight = prepared.sqrtWeight
            let run = try robustRefine(problem: problem, start: start.theta, template: start.template, index: index)
            nfev += run.refinement.functionEvaluations
            njev += run.refinement.jacobianEvaluations
            runs.append(run)
        }
        var best = 0
        for k in runs.indices where runs[k].objective < runs[best].objective { best = k }
        return labelFit(runs[best], among: runs, pixelsUsed: prepared.used.count,
                        functionEvaluations: nfev, jacobianEvaluations: njev)
    }

    /// One MINPACK `lmder` run from `start` (standardised, clamped into the bounds); a run that ends
    /// beyond a bound is restarted once from the bound (outside it the model is flat along that label, so
    /// the fit could not see a way back). Never returns a chi-square above the start's.
    func refine(problem: SLAMLabelFitProblem, start unclampedStart: [Double], template: Int?, index: Int)
        throws(InferenceError) -> SLAMRefinement
    {
        let m = problem.residualCount
        let start = clamped(unclampedStart)
        problem.startChiSquare = nil
        problem.startPlainChiSquare = nil
        problem.sawNonFinite = false
        var x = start
        var fvec = [Double](repeating: 0, count: m), fjac = [Double](repeating: 0, count: m * labelCount)
        var (info, nfev, njev) = try runLevenbergMarquardt(problem: problem, x: &x, fvec: &fvec, fjac: &fjac, index: index)
        guard let startChi2 = problem.startChiSquare, startChi2.isFinite else {
            throw .nonFiniteModel(spectrum: index, labels: start)
        }
        if info > 0, x.allSatisfy(\.isFinite), clamped(x) != x {
            x = clamped(x)
            let again = try runLevenbergMarquardt(problem: problem, x: &x, fvec: &fvec, fjac: &fjac, index: index)
            info = again.info
            nfev += again.nfev
            njev += again.njev
        }
        var chi2 = fvec.reduce(0) { $0 + $1 * $1 }
        var keptStart = false
        if info < 0 || !chi2.isFinite || !(chi2 <= startChi2) || x.contains(where: { !$0.isFinite }) {
            // The fit must never make its start worse (the reference code does at low S/N).
            x = start
            chi2 = startChi2
            keptStart = true
        }
        x = clamped(x)
        // Residuals and their Jacobian at the reported labels, for the covariance and the IRLS weights.
        problem.sawNonFinite = false
        guard fvec.withUnsafeMutableBufferPointer({ problem.evaluate(theta: x, residuals: $0.baseAddress!) }),
              problem.jacobian(theta: x, into: &fjac, ld: m) else { throw .nonFiniteModel(spectrum: index, labels: x) }
        return SLAMRefinement(theta: x, start: start, template: template, chiSquare: chi2, startChiSquare: startChi2,
                              functionEvaluations: nfev, jacobianEvaluations: njev, info: info,
                              keptStart: keptStart, jacobian: fjac, residuals: fvec)
    }

    /// `lmder` from `x` (updated in place); returns its info code and evaluation counts.
    private func runLevenbergMarquardt(problem: SLAMLabelFitProblem, x: inout [Double], fvec: inout [Double],
                                       fjac: inout [Double], index: Int) throws(InferenceError)
        -> (info: Int, nfev: Int, njev: Int)
    {
        let m = problem.residualCount, n = labelCount
        var diag = [Double](repeating: 1, count: n), qtf = diag, wa1 = diag, wa2 = diag, wa3 = diag
        var wa4 = fvec
        var ipvt = [Int32](repeating: 0, count: n)
        var nfev: Int32 = 0, njev: Int32 = 0
        let info = withExtendedLifetime(problem) {
            lmder({ p, _, _, x, fvec, fjac, ldfjac, iflag in
                guard let p, let x else { return -1 }
                let problem = Unmanaged<SLAMLabelFitProblem>.fromOpaque(p).takeUnretainedValue()
                switch iflag {
                case 1:
                    guard let fvec else { return -1 }
                    return problem.evaluate(theta: x, residuals: fvec) ? 0 : -1
                case 2:
                    guard let fjac else { return -1 }
                    return problem.jacobian(theta: x, into: fjac, ld: Int(ldfjac)) ? 0 : -1
                default:
                    return 0
                }
            }, Unmanaged.passUnretained(problem).toOpaque(), Int32(m), Int32(n), &x, &fvec, &fjac, Int32(m),
            options.ftol, options.xtol, options.gtol, Int32(options.maxFunctionEvaluations), &diag, 1,
            options.stepBoundFactor, 0, &nfev, &njev, &ipvt, &qtf, &wa1, &wa2, &wa3, &wa4)
        }
        if info == 0 { throw .minpackImproperInput(spectrum: index) }
        return (Int(info), Int(nfev), Int(njev))
    }
}
