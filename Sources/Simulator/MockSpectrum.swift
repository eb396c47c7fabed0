/// One simulated LAMOST observation's five image rows, as a LAMOST DR5 file holds them (primary HDU,
/// 5 x pixelCount float32): flux, inverse variance, wavelength, and-mask, or-mask.
public struct MockSpectrum: Sendable, Equatable {
    /// Flux (counts-like units; Planck x throughput x lines x scale, plus noise), `pixelCount` values.
    public var flux: [Float]
    /// Inverse variance, 1 / flux units^2; 0 marks a bad pixel.
    public var inverseVariance: [Float]
    /// Vacuum wavelength, Angstrom (row 2; float32 rounding of the log-linear grid).
    public var wavelength: [Float]
    /// And-mask bits (1 = bad in every exposure; such pixels have flux 0 and ivar 0).
    public var andMask: [Int32]
    /// Or-mask bits (contains the and-mask's bits; 4 = bad in some exposure).
    public var orMask: [Int32]
    /// Median S/N per pixel in the u, g, r, i, z bands (SNRU ... SNRZ), measured from the noisy spectrum.
    public var snr: BandSignalToNoise
    /// The radial velocity the pipeline would report (truth plus measurement error), km/s.
    public var measuredRadialVelocity: Double
    /// Its 1-sigma error, km/s.
    public var radialVelocityError: Double

    /// Number of pixels.
    public var pixelCount: Int { flux.count }
}

/// Median per-pixel S/N in the five LAMOST bands (u 3700-4000 A, g 4000-5500 A, r 5500-6900 A,
/// i 6900-8400 A, z 8400-9100 A), from `flux * sqrt(ivar)` over good pixels; 0 when a band has none.
public struct BandSignalToNoise: Sendable, Equatable, Codable {
    /// Median per-pixel S/N in the u, g, r, i and z bands.
    public var u: Double, g: Double, r: Double, i: Double, z: Double

    /// Band S/N values.
    public init(u: Double, g: Double, r: Double, i: Double, z: Double) {
        self.u = u; self.g = g; self.r = r; self.i = i; self.z = z
    }

    /// Band edges, Angstrom.
    public static let bands: [(String, ClosedRange<Double>)] = [
        ("u", 3700...4000), ("g", 4000...5500), ("r", 5500...6900), ("i", 6900...8400), ("z", 8400...9100),
    ]

    /// Measures the band S/N of a spectrum (values rounded to 0.01 as LAMOST headers carry them).
    public static func measure(flux: [Float], inverseVariance: [Float], wavelength: [Float]) -> BandSignalToNoise {
        var values: [[Double]] = Array(repeating: [], count: 5)
        for k in flux.indices where inverseVariance[k] > 0 {
            let lambda = Double(wavelength[k])
            for (b, band) in bands.enumerated() where band.1.contains(lambda) {
                values[b].append(Double(flux[k]) * Double(inverseVariance[k]).squareRoot())
            }
        }
        let medians = values.map { v -> Double in
            guard !v.isEmpty else { return 0 }
            let s = v.sorted()
            let m = s.count % 2 == 1 ? s[s.count / 2] : 0.5 * (s[s.count / 2 - 1] + s[s.count / 2])
            return (max(0, m) * 100).rounded() / 100
        }
        return BandSignalToNoise(u: medians[0], g: medians[1], r: medians[2], i: medians[3], z: medians[4])
    }
}
