/// One observed spectrum prepared for the fit, in the evaluator's grouped pixel order.
struct SLAMPreparedSpectrum {
    /// Standardised observed flux, P entries (0 at bad pixels).
    var flux: [Double]
    /// sqrt(w_j), P entries (0 at bad pixels).
    var sqrtWeight: [Double]
    /// Grouped positions of the good pixels, ascending (the fit's residual index order).
    var used: [Int]
    /// Per gamma group, the runs of good pixels relative to the group's start.
    var rows: [[Range<Int>]]
}

extension SLAMPredictor {
    /// The fit weight of one pixel in standardised units, from normalised `ivar` (1 / normalised flux^2):
    /// w = 1 / (1 / (ivar s^2) + mse) = ivar s^2 / (1 + ivar s^2 mse), with s the pixel's flux scale and
    /// mse its model variance. 0 for a bad pixel (non-finite flux or ivar, ivar <= 0) and for a pixel the
    /// model could not fit (mse = +infinity).
    func weight(flux: Float, ivar: Float, pixel j: Int) -> Double {
        guard flux.isFinite, ivar.isFinite, ivar > 0, modelVariance[j].isFinite else { return 0 }
        let s = fluxScaler.scale[j]
        let precision = Double(ivar) * s * s
        return precision / (1 + precision * modelVariance[j])
    }

    /// Standardised flux and fit weights of `count` spectra for template matching, model pixel order.
    ///
    /// - `flux`, `ivar`: M x P row-major, normalised flux and its inverse variance.
    /// - Returns `flux` (M x P, standardised, 0 at bad pixels) and `weights` (M x P, w_j, 0 at bad pixels).
    /// Throws `.wrongLength` when the arrays are not M x P, `.invalidArgument` for a negative count.
    public func standardisedObservations(flux: [Float], ivar: [Float], count m: Int)
        throws(InferenceError) -> (flux: [Float], weights: [Float])
    {
        let p = pixelCount
        guard m >= 0 else { throw .invalidArgument(name: "count", value: m) }
        guard flux.count == m * p else { throw .wrongLength(name: "flux", expected: m * p, actual: flux.count) }
        guard ivar.count == m * p else { throw .wrongLength(name: "ivar", expected: m * p, actual: ivar.count) }
        var z = [Float](repeating: 0, count: m * p), w = z
        for k in 0..<(m * p) {
            let j = k % p
            let wk = weight(flux: flux[k], ivar: ivar[k], pixel: j)
            if wk > 0 {
                w[k] = Float(wk)
                z[k] = Float(fluxScaler.forward(Double(flux[k]), column: j))
            }
        }
        return (z, w)
    }

    /// Prepares spectrum `index` (`flux`, `ivar`: P entries each, starting at `offset`) for the fit.
    /// Throws `.allPixelsBad` or `.tooFewPixels`.
    func prepare(flux: [Float], ivar: [Float], offset: Int, index: Int) throws(InferenceError) -> SLAMPreparedSpectrum {
        let p = pixelCount
        var z = [Double](repeating: 0, count: p), sw = z
        var used: [Int] = []
        used.reserveCapacity(p)
        for q in 0..<p {
            let j = evaluator.order[q]
            let w = weight(flux: flux[offset + j], ivar: ivar[offset + j], pixel: j)
            guard w > 0 else { continue }
            z[q] = fluxScaler.forward(Double(flux[offset + j]), column: j)
            sw[q] = w.squareRoot()
            used.append(q)
        }
        guard !used.isEmpty else { throw .allPixelsBad(spectrum: index) }
        let required = max(options.minimumPixels, labelCount + 1)
        guard used.count >= required else { throw .tooFewPixels(spectrum: index, good: used.count, required: required) }
        var rows: [[Range<Int>]] = []
        for group in evaluator.groups {
            var runs: [Range<Int>] = []
            var r = 0
            while r < group.count {
                guard sw[group.start + r] > 0 else { r += 1; continue }
                let begin = r
                while r < group.count && sw[group.start + r] > 0 { r += 1 }
                runs.append(begin..<r)
            }
            rows.append(runs)
        }
        return SLAMPreparedSpectrum(flux: z, sqrtWeight: sw, used: used, rows: rows)
    }
}
