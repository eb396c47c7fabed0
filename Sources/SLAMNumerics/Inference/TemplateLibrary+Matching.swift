import CBLAS

/// One template's match to one observed spectrum.
public struct TemplateMatch: Sendable, Equatable {
    /// Row of the template in its library.
    public var template: Int
    /// chi2 = sum_j w_j u_j (f_j - t_j)^2 over the pixels good in both, standardised flux units.
    public var chiSquare: Double
    /// Pixels good in both the spectrum (w_j > 0) and the template (u_j = 1).
    public var pixels: Int
    /// chi2 per shared pixel: the ranking score (equal to chi2 ranking when no template has a bad pixel).
    public var meanChiSquare: Double { chiSquare / Double(pixels) }
}

extension TemplateLibrary {
    /// Spectra matched per block of matrix products (bounds the scratch memory to a few MB).
    static let matchBlock = 256

    /// The `best` templates for each of `count` observed spectra, by chi-square, best first.
    ///
    /// chi2[m, i] = sum_j w_mj u_ij (f_mj - t_ij)^2 = (W o F o F) U^T - 2 (W o F)(U o T)^T + W (U o T o T)^T,
    /// computed as matrix products (`cblas_sgemm`) over blocks of spectra; without template bad pixels
    /// the first term is a row sum and two products suffice. Templates are ranked by chi2 per shared
    /// pixel; ties go to the lower template index.
    ///
    /// - `flux`: M x P row-major, standardised flux (any value, even NaN, where the weight is 0).
    /// - `weights`: M x P row-major, w_mj >= 0 (non-finite or negative weights count as 0).
    /// - Returns M arrays of up to `best` matches; an array is empty when the spectrum shares no good
    ///   pixel with any template.
    /// Throws `.wrongLength` on shape mismatch and `.invalidArgument` for `count` < 0 or `best` < 1.
    public func bestMatches(flux: [Float], weights: [Float], count m: Int, best k: Int = 1)
        throws(InferenceError) -> [[TemplateMatch]]
    {
        guard m >= 0 else { throw .invalidArgument(name: "count", value: m) }
        guard k >= 1 else { throw .invalidArgument(name: "best", value: k) }
        let p = pixelCount, n = count
        guard flux.count == m * p else { throw .wrongLength(name: "flux", expected: m * p, actual: flux.count) }
        guard weights.count == m * p else { throw .wrongLength(name: "weights", expected: m * p, actual: weights.count) }
        var results: [[TemplateMatch]] = []
        results.reserveCapacity(m)
        let block = Self.matchBlock
        var wf = [Float](repeating: 0, count: block * p), w = wf, wff = wf, good = wf
        var cross = [Float](repeating: 0, count: block * n), tt = cross, ff = cross, shared = cross
        var start = 0
        while start < m {
            let mb = min(block, m - start)
            var rowSum = [Double](repeating: 0, count: mb), rowGood = [Int](repeating: 0, count: mb)
            for s in 0..<mb {
                for j in 0..<p {
                    let src = (start + s) * p + j, dst = s * p + j
                    let ws = weights[src], f = flux[src]
                    if ws.isFinite && ws > 0 && f.isFinite {
                        w[dst] = ws; wf[dst] = ws * f; wff[dst] = ws * f * f; good[dst] = 1
                        rowSum[s] += Double(ws) * Double(f) * Double(f); rowGood[s] += 1
                    } else {
                        w[dst] = 0; wf[dst] = 0; wff[dst] = 0; good[dst] = 0
                    }
                }
            }
            Self.productWithTranspose(wf, maskedFlux, rows: mb, columns: n, inner: p, into: &cross)
            Self.productWithTranspose(w, maskedFluxSquared, rows: mb, columns: n, inner: p, into: &tt)
            if let mask {
                Self.productWithTranspose(wff, mask, rows: mb, columns: n, inner: p, into: &ff)
                Self.productWithTranspose(good, mask, rows: mb, columns: n, inner: p, into: &shared)
            }
            for s in 0..<mb {
                var top: [TemplateMatch] = []
                for i in 0..<n {
                    let pixels = mask == nil ? rowGood[s] : Int(shared[s * n + i].rounded())
                    guard pixels > 0 else { continue }
                    let first = mask == nil ? rowSum[s] : Double(ff[s * n + i])
                    let chi2 = max(0, first - 2 * Double(cross[s * n + i]) + Double(tt[s * n + i]))
                    Self.insert(TemplateMatch(template: i, chiSquare: chi2, pixels: pixels), into: &top, keep: k)
                }
                results.append(top)
            }
            start += mb
        }
        return results
    }

    /// Keeps `top` sorted by mean chi-square (then template index), at most `keep` entries.
    private static func insert(_ match: TemplateMatch, into top: inout [TemplateMatch], keep: Int) {
        let score = match.meanChiSquare
        if top.count == keep, let last = top.last, !(score < last.meanChiSquare) { return }
        var at = top.count
        while at > 0 && score < top[at - 1].meanChiSquare { at -= 1 }
        top.insert(match, at: at)
        if top.count > keep { top.removeLast() }
    }

    /// `out (rows x columns) = a (rows x inner) * b^T` with `b` columns x inner, all row-major Float.
    private static func productWithTranspose(_ a: [Float], _ b: [Float], rows: Int, columns: Int, inner: Int,
                                             into out: inout [Float]) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(columns), Int32(inner),
                    1, a, Int32(inner), b, Int32(inner), 0, &out, Int32(columns))
    }
}
