/// The error floor of a model: the systematic error (template mismatch, continuum, interpolation of the
/// SVR model) that repeat observations cannot see because both visits share it. Found from the
/// cross-validated residuals against the reference labels as the `f >= 0` for which
///
///     r_i / sqrt(e_i^2 + f^2 + ref_i^2)
///
/// has a robust spread (1.4826 x MAD) of 1, with `e_i` the inflated formal errors and `ref_i` the
/// reference labels' own errors (which would otherwise be counted as the model's). The spread falls
/// monotonically as `f` grows, so the root is found by bisection. Pure statistics, no I/O.
///
/// A reference error that is unknown (nil, NaN, infinite or negative: catalogues write -9999 or leave
/// the column empty) is taken as 0 for its star, so that the star still counts: the floor then also
/// holds that star's reference error (an upper bound on the model's own floor). ``Estimate`` says how
/// many stars that was, for the caller's note.
public enum ErrorFloorEstimator {
    /// The floor and what it rests on.
    public struct Estimate: Sendable, Equatable {
        /// The floor, label units (>= 0).
        public var floor: Double
        /// Residuals used (finite residual and inflated error).
        public var used: Int
        /// Of those, how many had no usable reference error (taken as 0).
        public var missingReferenceErrors: Int

        public init(floor: Double, used: Int, missingReferenceErrors: Int) {
            self.floor = floor
            self.used = used
            self.missingReferenceErrors = missingReferenceErrors
        }
    }

    /// The floor, label units; 0 when the errors already explain the residuals (spread <= 1 at f = 0)
    /// or when fewer than `minimumCount` residuals are usable. See ``estimate(residuals:inflatedErrors:referenceErrors:minimumCount:)``.
    public static func floor(residuals: [Double], inflatedErrors: [Double], referenceErrors: [Double]?,
                             minimumCount: Int = 8) -> Double {
        estimate(residuals: residuals, inflatedErrors: inflatedErrors,
                 referenceErrors: referenceErrors?.map { Optional($0) }, minimumCount: minimumCount).floor
    }

    /// The floor with the counts behind it.
    /// - Parameters: equal-length arrays. Entries with a non-finite residual or a non-finite or negative
    ///   inflated error are skipped. A reference error that is nil, not finite or negative is unknown and
    ///   taken as 0 (counted in ``Estimate/missingReferenceErrors``); a nil `referenceErrors` means
    ///   reference errors of 0 on purpose (not counted as missing).
    public static func estimate(residuals: [Double], inflatedErrors: [Double], referenceErrors: [Double?]?,
                                minimumCount: Int = 8) -> Estimate {
        precondition(residuals.count == inflatedErrors.count && (referenceErrors?.count ?? residuals.count) == residuals.count,
                     "lengths differ")
        var r: [Double] = [], v: [Double] = []
        var missing = 0
        for i in residuals.indices {
            let e = inflatedErrors[i]
            guard residuals[i].isFinite, e.isFinite, e >= 0 else { continue }
            var ref = 0.0
            if let referenceErrors {
                if let known = referenceErrors[i], known.isFinite, known >= 0 { ref = known } else { missing += 1 }
            }
            r.append(residuals[i])
            v.append(e * e + ref * ref)
        }
        return Estimate(floor: r.count >= minimumCount ? solve(residuals: r, variances: v) : 0, used: r.count,
                        missingReferenceErrors: missing)
    }

    /// The `f >= 0` at which `r_i / sqrt(v_i + f^2)` has a robust spread of 1 (0 when it is <= 1 at f = 0).
    static func solve(residuals r: [Double], variances v: [Double]) -> Double {
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
