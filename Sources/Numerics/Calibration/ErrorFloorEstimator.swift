/// The error floor of a model: the systematic error (template mismatch, continuum, interpolation of the
/// SVR model) that repeat observations cannot see because both visits share it. Found from the
/// cross-validated residuals against the reference labels as the `f >= 0` for which
///
///     r_i / sqrt(e_i^2 + f^2 + ref_i^2)
///
/// has a robust spread (1.4826 x MAD) of 1, with `e_i` the inflated formal errors and `ref_i` the
/// reference labels' own errors (which would otherwise be counted as the model's). The spread falls
/// monotonically as `f` grows, so the root is found by bisection. Pure statistics, no I/O.
public enum ErrorFloorEstimator {
    /// The floor, label units; 0 when the errors already explain the residuals (spread <= 1 at f = 0)
    /// or when fewer than `minimumCount` residuals are usable.
    /// - Parameters: equal-length arrays; entries with a non-finite value, a non-finite or negative error
    ///   are skipped; a nil `referenceErrors` means reference errors of 0.
    public static func floor(residuals: [Double], inflatedErrors: [Double], referenceErrors: [Double]?,
                             minimumCount: Int = 8) -> Double {
        precondition(residuals.count == inflatedErrors.count && (referenceErrors?.count ?? residuals.count) == residuals.count,
                     "lengths differ")
        var r: [Double] = [], v: [Double] = []
        for i in residuals.indices {
            let e = inflatedErrors[i], ref = referenceErrors?[i] ?? 0
            guard residuals[i].isFinite, e.isFinite, e >= 0, ref.isFinite, ref >= 0 else { continue }
            r.append(residuals[i])
            v.append(e * e + ref * ref)
        }
        guard r.count >= minimumCount else { return 0 }
        func spread(_ f: Double) -> Double {
            let pulls = r.indices.map { i -> Double in
                let d = (v[i] + f * f).squareRoot()
                return d > 0 ? r[i] / d : .infinity
            }
            return RepeatPairCalibration.robustSpread(pulls) ?? 0
        }
        guard spread(0) > 1 else { return 0 }
        var lo = 0.0
        var hi = max(RepeatPairCalibration.robustSpread(r) ?? 1, 1e-12)
        while spread(hi) > 1 { hi *= 2; if !hi.isFinite { return 0 } }
        for _ in 0..<60 {
            let mid = 0.5 * (lo + hi)
            if spread(mid) > 1 { lo = mid } else { hi = mid }
        }
        return 0.5 * (lo + hi)
    }
}
