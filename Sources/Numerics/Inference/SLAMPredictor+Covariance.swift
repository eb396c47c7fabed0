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

    /// Assembles the reported fit: physical units, covariance and flags.
    func labelFit(_ run: SLAMRefinement, pixelsUsed: Int, functionEvaluations: Int, jacobianEvaluations: Int) -> LabelFit {
        let l = labelCount
        var flags: LabelFitFlags = []
        let standardCovariance: [Double]
        if let c = Self.formalCovariance(residualJacobian: run.jacobian, rows: pixelsUsed, labels: l) {
            standardCovariance = c
        } else {
            standardCovariance = [Double](repeating: .nan, count: l * l)
            flags.insert(.singularCovariance)
        }
        var covariance = standardCovariance
        for a in 0..<l { for b in 0..<l { covariance[a * l + b] *= labelScaler.scale[a] * labelScaler.scale[b] } }
        let status = LabelFitStatus(minpackInfo: run.info)
        if !status.isConverged { flags.insert(.notConverged) }
        if run.keptStart { flags.insert(.keptFirstGuess) }
        for c in 0..<l {
            let range = trainingMaximum[c] - trainingMinimum[c]
            let below = trainingMinimum[c] - run.theta[c], above = run.theta[c] - trainingMaximum[c]
            let beyond = max(below, above)
            if beyond > options.trainingRangeMargin * range { flags.insert(.outsideTrainingRange) }
            if beyond > options.runawayMargin * range { flags.insert(.ranAway) }
        }
        if Double(pixelsUsed) < options.fewPixelsFraction * Double(pixelCount) { flags.insert(.fewPixels) }
        let fit = LabelFit(
            labels: physical(labels: run.theta), covariance: covariance, standardisedLabels: run.theta,
            standardisedCovariance: standardCovariance, firstGuess: physical(labels: run.start),
            templateIndex: run.template, firstGuessChiSquare: run.startChiSquare, chiSquare: run.chiSquare,
            pixelsUsed: pixelsUsed, functionEvaluations: functionEvaluations,
            jacobianEvaluations: jacobianEvaluations, status: status, flags: flags)
        if fit.reducedChiSquare > options.poorFitReducedChiSquare {
            var flagged = fit
            flagged.flags.insert(.poorFit)
            return flagged
        }
        return fit
    }
}
