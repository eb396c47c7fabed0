/// One start's fit under the chosen loss: the last Levenberg-Marquardt run, the first run's start and
/// kept-start outcome, and the loss's objective and plain chi-square at the reported labels.
struct SLAMRobustRun {
    /// The final run. Its `residuals` are sqrt(rho'(z_u)) r_u and its `jacobian` rows carry the same
    /// factor (the IRLS weights at the reported labels, whatever the solver), so that the covariance
    /// is (J^T W rho' J)^-1 either way.
    var refinement: SLAMRefinement
    /// The first run's start chi-square (every pixel at its full weight).
    var startChiSquare: Double
    /// The first run kept its start (the fit could not improve the first guess).
    var keptStart: Bool
    /// s^2 sum rho(r_u^2 / s^2) at the reported labels (chi-square for `.linear`).
    var objective: Double
    /// sum r_u^2 at the reported labels, every pixel at its full weight.
    var plainChiSquare: Double
    /// IRLS rounds run (0 for `.linear` and `.transform`).
    var rounds: Int
}

extension SLAMPredictor {
    private func setWeights(problem: SLAMLabelFitProblem, fullWeight: [Double], weights: [Double]) {
        for (u, q) in problem.spectrum.used.enumerated() { problem.spectrum.sqrtWeight[q] = fullWeight[u] * weights[u].squareRoot() }
    }

    /// IRLS stops when no pixel's weight rho' changes by more than this.
    static let robustWeightTolerance = 1e-2

    /// Robust label fit by iteratively reweighted least squares around `lmder`: each pixel's weight is
    /// w_u rho'(r_u^2 / s^2) (r_u the normalised residual at full weight), first at the start, then after
    /// each run at its labels, for up to 1 + `options.robustRounds` runs; stops early when no weight
    /// changes by more than `robustWeightTolerance`. A fixed point minimises the robust
    /// objective s^2 sum rho(r_u^2 / s^2) (as scipy `least_squares` with `loss='soft_l1'` or `'huber'`).
    /// `problem.spectrum.sqrtWeight` must hold the full weights on entry; it holds the final IRLS weights
    /// on return.
    func robustRefine(problem: SLAMLabelFitProblem, start: [Double], template: Int?, index: Int)
        throws(InferenceError) -> SLAMRobustRun
    {
        if options.loss != .linear, options.robustSolver == .transform {
            return try transformedRefine(problem: problem, start: start, template: template, index: index)
        }
        let loss = options.loss
        let used = problem.spectrum.used
        let fullWeight = used.map { problem.spectrum.sqrtWeight[$0] }
        var weights = [Double](repeating: 1, count: used.count)  // IRLS weights rho', per used pixel
        var plainStartChiSquare: Double?
        if loss != .linear {
            // First weights at the start itself: a first guess near the truth shows the outliers plainly,
            // where a plain fit first would be pulled by them (and could lead IRLS to another minimum).
            var r = [Double](repeating: 0, count: used.count)
            let theta = clamped(start)
            guard r.withUnsafeMutableBufferPointer({ problem.evaluate(theta: theta, residuals: $0.baseAddress!) }) else {
                throw .nonFiniteModel(spectrum: index, labels: theta)
            }
            plainStartChiSquare = r.reduce(0) { $0 + $1 * $1 }
            for u in used.indices { weights[u] = loss.weight(residual: r[u]) }
            setWeights(problem: problem, fullWeight: fullWeight, weights: weights)
        }
        var run = try refine(problem: problem, start: start, template: template, index: index)
        let first = run
        var rounds = 0, nfev = run.functionEvaluations, njev = run.jacobianEvaluations
        if loss != .linear {
            for _ in 0..<options.robustRounds {
                var change = 0.0
                var next = weights
                for u in used.indices {
                    let r = run.residuals[u] / weights[u].squareRoot()
                    next[u] = loss.weight(residual: r)
                    change = max(change, abs(next[u] - weights[u]))
                }
                guard change > Self.robustWeightTolerance else { break }
                weights = next
                setWeights(problem: problem, fullWeight: fullWeight, weights: weights)
                run = try refine(problem: problem, start: run.theta, template: template, index: index)
                nfev += run.functionEvaluations
                njev += run.jacobianEvaluations
                rounds += 1
            }
        }
        run.start = first.start
        run.functionEvaluations = nfev
        run.jacobianEvaluations = njev
        var objective = 0.0, plain = 0.0
        for u in used.indices {
            let r = run.residuals[u] / weights[u].squareRoot()
            objective += loss.objective(residual: r)
            plain += r * r
        }
        return SLAMRobustRun(refinement: run, startChiSquare: plainStartChiSquare ?? first.startChiSquare,
                             keptStart: first.keptStart && run.theta == first.theta,
                             objective: objective, plainChiSquare: plain, rounds: rounds)
    }

    /// Robust label fit in one `lmder` run on the transformed residuals (`SLAMRobustSolver.transform`):
    /// the run minimises s^2 sum rho(r_u^2 / s^2) itself. At the reported labels the residuals and
    /// Jacobian are then re-expressed with the IRLS weights rho'(z_u), as `SLAMRobustRun` documents.
    func transformedRefine(problem: SLAMLabelFitProblem, start: [Double], template: Int?, index: Int)
        throws(InferenceError) -> SLAMRobustRun
    {
        let loss = options.loss, l = labelCount
        problem.transform = loss
        defer { problem.transform = .linear }
        var run = try refine(problem: problem, start: start, template: template, index: index)
        guard let plainStart = problem.startPlainChiSquare else { throw .nonFiniteModel(spectrum: index, labels: start) }
        // `refine` ended with an evaluation at run.theta: the cache holds its plain residuals.
        let plain = problem.cachedPlainResiduals
        let m = plain.count
        var plainChiSquare = 0.0
        for u in 0..<m {
            let r = plain[u]
            plainChiSquare += r * r
            let weight = loss.weight(residual: r).squareRoot()
            // The transformed row is slope x the plain row; the reported one is sqrt(rho') x the plain row.
            let rescale = weight / loss.transform(residual: r).slope
            for c in 0..<l { run.jacobian[u + c * m] *= rescale }
            run.residuals[u] = weight * r
        }
        return SLAMRobustRun(refinement: run, startChiSquare: plainStart, keptStart: run.keptStart,
                             objective: run.chiSquare, plainChiSquare: plainChiSquare, rounds: 0)
    }
}
