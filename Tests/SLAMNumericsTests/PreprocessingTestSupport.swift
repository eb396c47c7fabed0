import Foundation
import SLAMNumerics

/// A synthetic LAMOST-like spectrum: log-linear grid 10^(3.5682 + 1e-4 i) (3909 pixels, observed
/// frame), continuum = Planck curve (T = 5000 K) times a quadratic, Gaussian absorption lines (rest
/// frame) kept out of `lineFreeWindows`, Gaussian noise at a fixed S/N relative to the continuum.
struct PreprocessingSyntheticSpectrum {
    static let lineFreeWindows: [ClosedRange<Double>] = [4180...4260, 4700...4780, 5230...5310, 5620...5700]

    var wavelength: [Double] = []
    var flux: [Float] = []
    var ivar: [Float] = []
    /// True continuum at each observed pixel.
    var continuum: [Double] = []
    /// Rest-frame line centres, Angstrom.
    var lineCentres: [Double] = []
    var redshift: Double

    init(seed: UInt64, redshift: Double = 1e-4, snr: Double = 100, lineCount: Int = 250, pixels: Int = 3909) {
        var rng = SplitMix64(seed: seed)
        self.redshift = redshift
        var lines: [(centre: Double, depth: Double, sigma: Double)] = []
        while lines.count < lineCount {
            let centre = rng.uniform(3650, 9200)
            if Self.lineFreeWindows.contains(where: { centre > $0.lowerBound - 15 && centre < $0.upperBound + 15 }) {
                continue
            }
            lines.append((centre, rng.uniform(0.05, 0.6), rng.uniform(1, 3)))
        }
        lineCentres = lines.map(\.centre)
        for i in 0..<pixels {
            let observed = pow(10, 3.5682 + 1e-4 * Double(i))
            let rest = observed / (1 + redshift)
            let c = Self.continuum(rest: rest)
            var profile = 1.0
            for line in lines where abs(rest - line.centre) < 6 * line.sigma {
                let d = (rest - line.centre) / line.sigma
                profile *= 1 - line.depth * exp(-0.5 * d * d)
            }
            let sigma = c / snr
            wavelength.append(observed)
            continuum.append(c)
            flux.append(Float(c * profile + sigma * rng.normal()))
            ivar.append(Float(1 / (sigma * sigma)))
        }
    }

    /// Planck-like curve (T = 5000 K) times a quadratic in wavelength, about 1000-3000 counts.
    static func continuum(rest lambda: Double) -> Double {
        let micron = lambda * 1e-4
        let planck = 1 / (pow(micron, 5) * (exp(14388 / (micron * 5000)) - 1))
        let u = (lambda - 6000) / 3000
        return 1e4 * planck * (1 + 0.15 * u - 0.1 * u * u)
    }

    func isLineFree(rest lambda: Double) -> Bool {
        Self.lineFreeWindows.contains { $0.contains(lambda) }
    }
}
