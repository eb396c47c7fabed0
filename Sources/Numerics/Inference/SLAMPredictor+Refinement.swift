import CMinpack

/// The outcome of one Levenberg-Marquardt run from one start, standardised units.
struct SLAMRefinement {
    var theta: [Double]
    var start: [Double]
    var template: Int?
    var chiSquare: Double
    var startChiSquare: Double
    var functionEvaluations: Int
    var jacobianEvaluations: Int
    var info: Int
    var keptStart: Bool
    /// Residual Jacobian at `theta`, m x L column-major.
    var jacobian: [Double]
}

extension SLAMPredictor {
    /// Fits one spectrum from a start given by the caller (no template match).
    ///
    /// - `flux`, `ivar`: P entries each, normalised flux and its inverse variance, model pixel order; a
    ///   pixel with non-finite flux or ivar, or ivar <= 0, is left out.
    /// - `start`: L physical labels (K, dex).
    /// Throws `.wrongLength`, `.nonFiniteLabels`, `.allPixelsBad`, `.tooFewPixels`,
    /// `.nonFiniteModel` (the start itself evaluates to a non-finite model) or `.minpackImproperInput`.
    public func fit(flux: [Float], ivar: [Float], start: [Double]) throws(InferenceError) -> LabelFit {
        let p = pixelCount, l = labelCount
        guard flux.count == p else { throw .wrongLength(name: "flux", expected: p, actual: flux.count) }
        guard ivar.count == p else { throw .wrongLength(name: "ivar", expected: p, actual: ivar.count) }
        guard start.count == l else { throw .wrongLength(name: "start", expected: l, actual: start.count) }
        if let i = start.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteLabels(name: "start", index: i) }
        let prepared = try prepare(flux: flux, ivar: ivar, offset: 0, index: 0)
        return try fit(prepared: prepared, starts: [(standardise(labels: start), nil)], index: 0,
                       source: .direct(SLAMKernelBuffers()))
    }

    /// Fits a prepared spectrum from each start and keeps the lowest chi-square.
    func fit(prepared: SLAMPreparedSpectrum, starts: [(theta: [Double], template: Int?)], index: Int,
             source: SLAMLabelFitProblem.Source) throws(InferenceError) -> LabelFit {
        precondition(!starts.isEmpty, "at least one start")
        let problem = SLAMLabelFitProblem(evaluator: evaluator, source: source, spectrum: prepared)
        var best: SLAMRefinement?
        var nfev = 0, njev = 0
        for start in starts {
            let run = try refine(problem: problem, start: start.theta, template: start.template, index: index)
            nfev += run.functionEvaluations
            njev += run.jacobianEvaluations
            if best == nil || run.chiSquare < best!.chiSquare { best = run }
        }
        guard let best else { preconditionFailure("at least one start") }
        return labelFit(best, pixelsUsed: prepared.used.count, functionEvaluations: nfev, jacobianEvaluations: njev)
    }

    /// One MINPACK `lmder` run from `start` (standardised). Never returns a chi-square above the start's.
    func refine(problem: SLAMLabelFitProblem, start: [Double], template: Int?, index: Int)
        throws(InferenceError) -> SLAMRefinement
    {
        let m = problem.residualCount, n = labelCount
        problem.startChiSquare = nil
        problem.sawNonFinite = false
        var x = start
        var fvec = [Double](repeating: 0, count: m), fjac = [Double](repeating: 0, count: m * n)
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
        guard let startChi2 = problem.startChiSquare, startChi2.isFinite else {
            throw .nonFiniteModel(spectrum: index, labels: start)
        }
        var chi2 = fvec.reduce(0) { $0 + $1 * $1 }
        var keptStart = false
        if info < 0 || !chi2.isFinite || !(chi2 <= startChi2) || x.contains(where: { !$0.isFinite }) {
            // The fit must never make its start worse (the reference code does at low S/N).
            x = start
            chi2 = startChi2
            keptStart = true
        }
        // Residual Jacobian at the reported labels, for the covariance.
        guard problem.jacobian(theta: x, into: &fjac, ld: m) else { throw .nonFiniteModel(spectrum: index, labels: x) }
        return SLAMRefinement(theta: x, start: start, template: template, chiSquare: chi2, startChiSquare: startChi2,
                              functionEvaluations: Int(nfev), jacobianEvaluations: Int(njev), info: Int(info),
                              keptStart: keptStart, jacobian: fjac)
    }
}
