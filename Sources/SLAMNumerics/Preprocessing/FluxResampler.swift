/// Resamples a spectrum onto another wavelength grid by linear interpolation, carrying inverse variances.
///
/// Why linear interpolation rather than flux-conserving rebinning: LAMOST pixels are 0.9-1.3 A wide
/// between 3900 and 5800 A, so the 1 A model grid samples the data about as finely as the data
/// themselves; rebinning would only add a smoothing of up to one pixel and shift line profiles, while
/// interpolation keeps them, reproduces any linear function exactly, and is what the SLAM reference
/// code does. Neighbouring output pixels share input pixels, so their errors are correlated; the
/// inverse variance of each output pixel is the exact one for that pixel alone.
///
/// For an output wavelength between input pixels a and b with weights (1 - t) and t:
/// `flux = (1 - t) f_a + t f_b`, `var = (1 - t)^2 / ivar_a + t^2 / ivar_b`, `ivar = 1 / var`.
/// An output pixel is bad (flux 0, ivar 0 here) when an input pixel with non-zero weight in it is bad
/// (ivar 0), or when it lies outside the input's wavelength range.
public enum FluxResampler {
    /// Resamples `flux` and `ivar` (inverse variance; 0 marks a bad pixel) given at increasing
    /// `wavelength`s onto increasing `grid` wavelengths (same unit, e.g. Angstrom).
    /// - Returns: flux and ivar on the grid (`grid.count` entries each; bad pixels flux 0, ivar 0) and
    ///   the number of bad grid pixels.
    /// - Precondition: equal input lengths (a programmer error otherwise). Non-finite or negative
    ///   input ivar, and non-finite flux, count as bad pixels.
    public static func resample(
        wavelength: [Double], flux: [Double], ivar: [Double], onto grid: [Double]
    ) -> (flux: [Double], ivar: [Double], badCount: Int) {
        precondition(wavelength.count == flux.count && flux.count == ivar.count, "input lengths differ")
        var w = ivar
        for i in w.indices where !(w[i].isFinite && w[i] > 0 && flux[i].isFinite) { w[i] = 0 }
        var outFlux = [Double](repeating: 0, count: grid.count)
        var outIvar = [Double](repeating: 0, count: grid.count)
        let bad = wavelength.withUnsafeBufferPointer { x in
            flux.withUnsafeBufferPointer { f in
                w.withUnsafeBufferPointer { v in
                    grid.withUnsafeBufferPointer { g in
                        outFlux.withUnsafeMutableBufferPointer { of in
                            outIvar.withUnsafeMutableBufferPointer { oi in
                                resample(x: x, flux: f, ivar: v, grid: g, outFlux: of, outIvar: oi)
                            }
                        }
                    }
                }
            }
        }
        return (outFlux, outIvar, bad)
    }

    /// The allocation-free kernel. `ivar[i] > 0` marks good input pixels (the caller has zeroed bad
    /// ones and made their flux finite); `x` and `grid` are increasing. Writes `grid.count` outputs and
    /// returns the number of bad ones (flux 0, ivar 0).
    static func resample(
        x: UnsafeBufferPointer<Double>, flux: UnsafeBufferPointer<Double>, ivar: UnsafeBufferPointer<Double>,
        grid: UnsafeBufferPointer<Double>,
        outFlux: UnsafeMutableBufferPointer<Double>, outIvar: UnsafeMutableBufferPointer<Double>
    ) -> Int {
        let n = x.count
        var bad = 0
        var a = 0
        for g in 0..<grid.count {
            let lambda = grid[g]
            outFlux[g] = 0
            outIvar[g] = 0
            guard n >= 2, lambda >= x[0], lambda <= x[n - 1] else { bad += 1; continue }
            while a < n - 2 && x[a + 1] <= lambda { a += 1 }
            let b = a + 1
            let t = (lambda - x[a]) / (x[b] - x[a])
            let s = 1 - t
            var variance = 0.0, value = 0.0
            var ok = true
            if s > 0 {
                if ivar[a] > 0 { variance += s * s / ivar[a]; value += s * flux[a] } else { ok = false }
            }
            if t > 0 {
                if ivar[b] > 0 { variance += t * t / ivar[b]; value += t * flux[b] } else { ok = false }
            }
            guard ok, variance > 0, variance.isFinite else { bad += 1; continue }
            outFlux[g] = value
            outIvar[g] = 1 / variance
        }
        return bad
    }
}
