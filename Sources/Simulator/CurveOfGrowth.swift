import Foundation

/// Equivalent width of a line from its central optical depth, Doppler width and Lorentzian (damping)
/// width: the curve of growth of a Voigt-profile line, depth = 1 - exp(-tau(lambda)).
///
/// Doppler part: `W_D = dLambdaD * G(tau0)`, `G(tau0) = integral (1 - exp(-tau0 exp(-x^2))) dx`, tabulated
/// once (linear `sqrt(pi) tau0` when weak, `2 sqrt(ln tau0)` when saturated). Damping part: the Lorentzian
/// curve of growth `W_L = S / sqrt(1 + S / (4 gamma))` with `S = sqrt(pi) dLambdaD tau0` the line's area in
/// optical depth (linear when weak, `2 sqrt(S gamma)` on the square-root part). Combined with the
/// interpolation of Rodgers & Williams (1974): `W^2 = W_D^2 + W_L^2 - (W_D W_L / S)^2`.
public enum CurveOfGrowth {
    private static let logTauMin = -6.0, logTauMax = 12.0, step = 0.02
    private static let table: [Double] = {
        let n = Int((logTauMax - logTauMin) / step) + 1
        return (0..<n).map { i in
            let tau0 = pow(10, logTauMin + Double(i) * step)
            // Integrate over x in [-xMax, xMax] with the trapezoid rule; the integrand vanishes beyond
            // tau0 exp(-x^2) < 1e-12.
            let xMax = max(3.0, (log(tau0 * 1e12)).squareRoot() + 0.5)
            let m = 1200
            let h = 2 * xMax / Double(m)
            var sum = 0.0
            for k in 0...m {
                let x = -xMax + Double(k) * h
                let v = -expm1(-tau0 * exp(-x * x))
                sum += (k == 0 || k == m) ? 0.5 * v : v
            }
            return sum * h
        }
    }()

    /// G(tau0): the Doppler-core equivalent width in units of the Doppler width.
    public static func dopplerWidthFactor(tau0: Double) -> Double {
        guard tau0 > 0 else { return 0 }
        let lt = log10(tau0)
        if lt <= logTauMin { return Double.pi.squareRoot() * tau0 }
        if lt >= logTauMax { return 2 * log(tau0).squareRoot() }
        let u = (lt - logTauMin) / step
        let i = min(Int(u), table.count - 2)
        let f = u - Double(i)
        return table[i] * (1 - f) + table[i + 1] * f
    }

    /// Equivalent width, in the units of `dopplerWidth` and `lorentzWidth` (Angstrom), of a line with
    /// central optical depth `tau0` (pure-Doppler peak), Doppler width `dopplerWidth` (1/e half-width) and
    /// Lorentzian half-width at half-maximum `lorentzWidth`.
    public static func equivalentWidth(tau0: Double, dopplerWidth: Double, lorentzWidth: Double) -> Double {
        guard tau0 > 0, dopplerWidth > 0 else { return 0 }
        let s = Double.pi.squareRoot() * dopplerWidth * tau0
        let wD = dopplerWidth * dopplerWidthFactor(tau0: tau0)
        guard lorentzWidth > 0 else { return wD }
        let wL = s / (1 + s / (4 * lorentzWidth)).squareRoot()
        let r = wD * wL / s
        return max(wD, wL, (wD * wD + wL * wL - r * r).squareRoot())
    }
}
