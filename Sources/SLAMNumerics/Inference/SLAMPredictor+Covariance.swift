import CBLAS

extension SLAMPredictor {
    /// The formal covariance (J^T W J)^-1 from the residual Jacobian `jr` = -W^(1/2) J (m x L,
    /// column-major): J_r^T J_r by one BLAS product, inverted by Cholesky (LAPACK dpotrf/dpotri).
    /// Returns an L x L row-major matrix, or nil when J^T W J is not positive definite.
    static func formalCovariance(residualJacobian jr: [Double], rows m: Int, labels l: Int) -> [Double]? {
        var a = [Double](repeating: 0, count: l * l)
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, Int32(l), Int32(l), Int32(m),
                    1, jr, Int32(m), jr, Int32(m), 0, &a, Int32(l))
        var n = Int32(l), info: Int32 = 0
        var uplo = CChar(UInt8(ascii: "L"))
        dpotrf_(&uplo, &n, &a, &n, &info)
        guard info == 0 else { return nil }
        dpotri_(&uplo, &n, &a, &n, &info)
        guard info == 0 else { return nil }
        // The inverse sits in the column-major lower triangle, i.e. the row-major upper one: mirror it.
        for c in 0..<l { for r in (c + 1)..<l { a[r * l + c] = a[c * l + r] } }
        guard a.allSatisfy(\.isFinite) else { return nil }
        return a
    }

    /// An L x L row-major covariance in standardised label units turned into physical units (K^2, dex^2, K dex).
    func physical(covariance standardised: [Double]) -> [Double] {
        let l = labelCount
        var covariance = standardised
        for a in 0..<l { for b in 0..<l { covariance[a * l + b] *= labelScaler.scale[a] * labelScaler.scale[b] } }
        return covariance
    }

    /// Assembles the reported fit from the winning run `best` among all starts' `runs`: physical units,
    /// covariance (from the final IRLS weights), plain chi-squares, distinct minima and flags.
    func labelFit(_ best: SLAMRobustRun, among runs: [SLAMRobustRun], pixelsUsed: Int, functionEvaluations: Int,
                  jacobianEvaluations: Int) -> LabelFit {
        let l = labelCount
        let run = best.refinement
        var flags: LabelFitFlags = []
        let standardCovariance: [Double]
        if let c = Self.formalCovariance(residualJacobian: run.jacobian, rows: pixelsUsed, labels: l) {
            standardCovariance = c
        } else {
            standardCovariance = [Double](repeating: .nan, count: l * l)
            flags.insert(.singularCovariance)
        }
        let covariance = physical(covariance: standardCovariance)
        let status = LabelFitStatus(minpackInfo: run.info)
        if !status.isConverged { flags.insert(.notConverged) }
        if best.keptStart { flags.insert(.keptFirstGuess) }
        for c in 0..<l {
            let range = trainingMaximum[c] - trainingMinimum[c]
            let below = trainingMinimum[c] - run.theta[c], above = run.theta[c] - trainingMaximum[c]
            let beyond = max(below, above)
            if beyond > options.trainingRangeMargin * range { flags.insert(.outsideTrainingRange) }
            if beyond > options.runawayMargin * range { flags.insert(.ranAway) }
            if options.boundLabels, run.theta[c] <= boundMinimum[c] || run.theta[c] >= boundMaximum[c] {
                flags.formUnion([.atBound, .ranAway, .outsideTrainingRange])
            }
        }
        if Double(pixelsUsed) < options.fewPixelsFraction * Double(pixelCount) { flags.insert(.fewPixels) }
        let distance = neighbourhood.kthDistance(run.theta)
        if distance > neighbourhood.threshold { flags.insert(.farFromTrainingSet) }
        let sigmas = (0..<l).map { standardCovariance[$0 * l + $0].squareRoot() }
        let minima = Self.distinctMinima(best: best, runs: runs, sigmas: sigmas, pixelsUsed: pixelsUsed, options: options)
        if minima > 1 { flags.insert(.severalMinima) }
        var fit = LabelFit(
            labels: physical(labels: run.theta), covariance: covariance, standardisedLabels: run.theta,
            standardisedCovariance: standardCovariance, firstGuess: physical(labels: run.start),
            templateIndex: run.template, firstGuessChiSquare: best.startChiSquare, chiSquare: best.plainChiSquare,
            pixelsUsed: pixelsUsed, functionEvaluations: functionEvaluations,
            jacobianEvaluations: jacobianEvaluations, status: status, flags: flags)
        fit.distinctMinima = minima
        fit.neighbourDistance = distance
        fit.loss = options.loss
        if fit.reducedChiSquare > options.poorFitReducedChiSquare { fit.flags.insert(.poorFit) }
        return fit
    }

    /// Distinct minima among the starts' optima: runs that moved from their start and converged, with an
    /// objective within `minimaObjectiveTolerance` x max(1, reduced chi-square) of the best, counted
    /// once per cluster (a label differing by more than `minimaSeparation` formal sigmas starts a new
    /// one). 1 when the formal errors are not finite.
    static func distinctMinima(best: SLAMRobustRun, runs: [SLAMRobustRun], sigmas: [Double], pixelsUsed: Int,
                               options: PredictionOptions) -> Int {
        guard runs.count > 1, sigmas.allSatisfy({ $0.isFinite && $0 > 0 }) else { return 1 }
        let dof = Double(max(1, pixelsUsed - sigmas.count))
        let tolerance = options.minimaObjectiveTolerance * max(1, best.objective / dof)
        var minima = [best.refinement.theta]
        for run in runs where !run.keptStart && LabelFitStatus(minpackInfo: run.refinement.info).isConverged
            && run.objective - best.objective <= tolerance {
            let theta = run.refinement.theta
            let isNew = minima.allSatisfy { known in
                sigmas.indices.contains { abs(theta[$0] - known[$0]) > options.minimaSeparation * sigmas[$0] }
            }
            if isNew { minima.append(theta) }
        }
        return minima.count
    }
}
