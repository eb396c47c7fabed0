import Foundation

/// The LAMOST-like instrument: 16 spectrographs, each with a blue and a red arm joined at a dichroic near
/// 5800 A, each with its own smooth throughput curve (a seeded low-order distortion of a common shape), and
/// the resolving power R.
///
/// The observed continuum is `Planck(lambda, Teff) * extinction(lambda, E(B-V)) * throughput(lambda)`,
/// scaled to a flux level.
public struct InstrumentModel: Sendable {
    /// Number of spectrographs (LAMOST: 16, `SPID` 1 ... 16).
    public static let spectrographCount = 16
    /// Output wavelength grid.
    public let grid: LamostWavelengthGrid
    /// Throughput of each spectrograph on `grid`: `spectrographCount` arrays of `grid.pixelCount` values,
    /// peak about 1.
    public let throughputs: [[Double]]
    /// Pixel wavelengths of `grid`, Angstrom.
    public let wavelengths: [Double]
    /// (5500 / lambda)^5 and (5500 / lambda)^1.3 per pixel (Planck and extinction shapes).
    private let planckShape: [Double]
    private let extinctionShape: [Double]

    /// The instrument on `grid`. The spectrographs' distortions come from a fixed seed: the instrument is
    /// the same in every survey.
    public init(grid: LamostWavelengthGrid = .dr5) {
        self.grid = grid
        let wl = grid.wavelengths
        wavelengths = wl
        planckShape = wl.map { pow(5500 / $0, 5) }
        extinctionShape = wl.map { pow(5500 / $0, 1.3) }
        let lo = wl.first ?? 3700, hi = wl.last ?? 9100
        throughputs = (0..<Self.spectrographCount).map { s in
            var rng = MockRandom(seed: 0x5350_4543, streams: UInt64(s))  // "SPEC"
            let c = (0..<4).map { _ in rng.gaussian(mean: 0, sigma: 0.07) }
            let blueShift = rng.gaussian(mean: 0, sigma: 0.03), redShift = rng.gaussian(mean: 0, sigma: 0.03)
            let dichroic = 5850 + rng.gaussian(mean: 0, sigma: 15)
            let redScale = 0.85 + rng.gaussian(mean: 0, sigma: 0.06)
            return wl.map { lambda in
                let x = 2 * (lambda - lo) / (hi - lo) - 1
                let legendre = 1 + c[0] * x + c[1] * 0.5 * (3 * x * x - 1) + c[2] * 0.5 * (5 * x * x * x - 3 * x)
                    + c[3] * 0.125 * (35 * x * x * x * x - 30 * x * x + 3)
                let lb = (log(lambda / 4650) - blueShift) / 0.17
                let lr = (log(lambda / 7200) - redShift) / 0.21
                let blue = exp(-0.5 * lb * lb) / (1 + exp((lambda - dichroic) / 35))
                let red = redScale * exp(-0.5 * lr * lr) / (1 + exp(-(lambda - dichroic + 40) / 35))
                return max(0.02, (blue + red) * legendre)
            }
        }
    }

    /// Planck function B_lambda(T) relative to its value at 5500 A (dimensionless), lambda in Angstrom.
    public static func planck(_ lambda: Double, temperature: Double) -> Double {
        let c2 = 1.438_777e8  // hc/k, Angstrom K
        let ref = 5500.0
        return pow(ref / lambda, 5) * expm1(c2 / (ref * temperature)) / expm1(c2 / (lambda * temperature))
    }

    /// Interstellar extinction factor 10^(-0.4 A_lambda) for colour excess E(B-V) (mag), with
    /// A_lambda = 3.1 E(B-V) (5500 / lambda)^1.3, a power-law approximation of the optical extinction curve.
    public static func extinction(_ lambda: Double, ebv: Double) -> Double {
        pow(10, -0.4 * 3.1 * ebv * pow(5500 / lambda, 1.3))
    }

    /// The noiseless observed continuum (arbitrary units; multiply by a flux scale) on `grid` for spectrograph
    /// `spid` (1 ... 16; other values are wrapped into range).
    public func continuum(teff: Double, ebv: Double, spid: Int) -> [Double] {
        let t = throughputs[((spid - 1) % Self.spectrographCount + Self.spectrographCount) % Self.spectrographCount]
        let c2 = 1.438_777e8 / teff
        let reference = expm1(c2 / 5500)
        let extinctionScale = -0.4 * log(10) * 3.1 * ebv
        return (0..<grid.pixelCount).map { i in
            planckShape[i] * reference / expm1(c2 / wavelengths[i]) * exp(extinctionScale * extinctionShape[i]) * t[i]
        }
    }
}
