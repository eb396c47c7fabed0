import Foundation

/// The oversampled working grid of `SpectrumSynthesizer`: resolved optical depth and unresolved narrow
/// absorption, then the instrumental convolution and pixel averaging.
///
/// Fine pixel j (0 ..< count) sits at output pixel `(j - margin + 0.5) / oversampling - 0.5`; `margin` fine
/// pixels beyond each end of the output grid keep the convolution exact at the edges.
struct FineSpectrum {
    let grid: LamostWavelengthGrid
    let oversampling: Int
    let margin: Int
    let count: Int
    /// Rest-to-observed wavelength factor 1 + v/c.
    let dopplerFactor: Double
    /// Gaussian kernel (normalised) in fine pixels, half-width `kernel.count / 2`.
    let kernel: [Double]
    /// Optical depth of resolved line wings.
    var tau: [Double]
    /// Unresolved absorption per fine pixel (equivalent width / fine-pixel width).
    var narrow: [Double]
    /// ln(10) * coeff1 / oversampling: fine-pixel width in ln(lambda).
    let fineStep: Double

    init(grid: LamostWavelengthGrid, oversampling: Int, sigmaPixels: Double, dopplerFactor: Double) {
        self.grid = grid
        self.oversampling = oversampling
        let sigmaFine = sigmaPixels * Double(oversampling)
        let half = Int((4 * sigmaFine).rounded(.up))
        kernel = {
            var k = (-half...half).map { exp(-0.5 * Double($0 * $0) / (sigmaFine * sigmaFine)) }
            let sum = k.reduce(0, +)
            for i in k.indices { k[i] /= sum }
            return k
        }()
        margin = half + 2
        count = grid.pixelCount * oversampling + 2 * margin
        self.dopplerFactor = dopplerFactor
        tau = [Double](repeating: 0, count: count)
        narrow = [Double](repeating: 0, count: count)
        fineStep = log(10) * grid.coeff1 / Double(oversampling)
    }

    /// Fractional fine-pixel position of a rest wavelength (Angstrom) after the Doppler shift.
    @inline(__always) func position(_ restLambda: Double) -> Double {
        (grid.pixel(restLambda * dopplerFactor) + 0.5) * Double(oversampling) - 0.5 + Double(margin)
    }

    /// Adds an unresolved line of equivalent width `w` (rest frame, Angstrom) at `center` (rest, Angstrom).
    @inline(__always) mutating func addNarrow(center: Double, equivalentWidth w: Double) {
        let u = position(center)
        let j = Int(u.rounded(.down))
        guard j >= 0, j + 1 < count else { return }
        let f = u - Double(j)
        let width = center * dopplerFactor * fineStep
        let a = w * dopplerFactor / width
        narrow[j] += a * (1 - f)
        narrow[j + 1] += a * f
    }

    /// Adds a line: its resolved Lorentzian wings as optical depth (when they span more than a fraction of a
    /// fine pixel), the rest of its equivalent width `w` as a narrow absorption, so that the total area on the
    /// fine grid is `w`. `area` is the line's integrated optical depth S and `gamma` its Lorentz HWHM
    /// (Angstrom); wings are cut where tau < 1e-3 or beyond `maxWing` Angstrom.
    mutating func addLine(center: Double, equivalentWidth w: Double, area s: Double, gamma: Double, maxWing: Double) {
        let lambda = center * dopplerFactor
        let width = lambda * fineStep
        let b = s * gamma / Double.pi * dopplerFactor * dopplerFactor
        guard gamma > 0, b.squareRoot() > 0.25 * width else { addNarrow(center: center, equivalentWidth: w); return }
        let reach = min(maxWing, (b / 1e-3).squareRoot())
        let u = position(center)
        let lo = max(0, Int((u - reach / width).rounded(.down)))
        let hi = min(count - 1, Int((u + reach / width).rounded(.up)))
        guard lo <= hi else { return }
        let g2 = gamma * gamma * dopplerFactor * dopplerFactor
        var resolved = 0.0
        tau.withUnsafeMutableBufferPointer { t in
            for j in lo...hi {
                let dl = (Double(j) - u) * width
                let tj = b / (dl * dl + g2)
                t[j] += tj
                resolved += -expm1(-tj)
            }
        }
        resolved *= width
        let rest = w * dopplerFactor - resolved
        if rest > 0 { addNarrow(center: center, equivalentWidth: rest / dopplerFactor) }
    }

    /// Convolves with the instrumental Gaussian and averages each output pixel's sub-pixels:
    /// `grid.pixelCount` normalised fluxes.
    func observe() -> [Double] {
        let n = count, h = kernel.count / 2, ov = oversampling
        var out = [Double](repeating: 0, count: grid.pixelCount)
        let wide = tau.map { exp(-$0) }
        kernel.withUnsafeBufferPointer { k in
            wide.withUnsafeBufferPointer { fw in
                narrow.withUnsafeBufferPointer { fn in
                    for i in 0..<grid.pixelCount {
                        var sum = 0.0
                        for s in 0..<ov {
                            let j = margin + i * ov + s
                            var cw = 0.0, cn = 0.0
                            let lo = max(0, j - h), hi = min(n - 1, j + h)
                            for q in lo...hi {
                                let kq = k[q - j + h]
                                cw += kq * fw[q]
                                cn += kq * fn[q]
                            }
                            sum += cw * exp(-cn)
                        }
                        out[i] = sum / Double(ov)
                    }
                }
            }
        }
        return out
    }
}
