/// The six stellar labels of the SLAM K-giant application (Zhang, Liu & Deng 2020, sect. 2), as the mock
/// survey's ground truth.
public struct StellarLabels: Sendable, Equatable, Hashable, Codable {
    /// Effective temperature, K.
    public var teff: Double
    /// Surface gravity, log10(g / cm s^-2), dex.
    public var logg: Double
    /// Overall metallicity [M/H], dex (solar scaled; [Fe/H] = [M/H] in the mock).
    public var mH: Double
    /// Alpha-element enhancement [alpha/M] (O, Mg, Si, Ca, Ti), dex.
    public var alphaM: Double
    /// Carbon abundance [C/M], dex.
    public var cM: Double
    /// Nitrogen abundance [N/M], dex.
    public var nM: Double

    /// Labels in K and dex; abundance ratios default to solar.
    public init(teff: Double, logg: Double, mH: Double, alphaM: Double = 0, cM: Double = 0, nM: Double = 0) {
        self.teff = teff
        self.logg = logg
        self.mH = mH
        self.alphaM = alphaM
        self.cM = cM
        self.nM = nM
    }

    /// The Sun: 5772 K, 4.44 dex, solar abundances.
    public static let sun = StellarLabels(teff: 5772, logg: 4.44, mH: 0)

    /// The labels as a vector in the order `teff, logg, m_h, alpha_m, c_m, n_m`.
    public var vector: [Double] { [teff, logg, mH, alphaM, cM, nM] }

    /// Label names in the order of `vector`, as used in `truth.csv` and the SLAM label settings.
    public static let names = ["teff", "logg", "m_h", "alpha_m", "c_m", "n_m"]

    /// True for a giant (log g below 3.8 dex and Teff below 5600 K), the stars APOGEE mostly observes.
    public var isGiant: Bool { logg < 3.8 && teff < 5600 }

    /// An MK-like spectral subclass for the LAMOST `SUBCLASS` keyword ("G8", "K3", ...), from Teff alone.
    public var spectralSubclass: String {
        let table: [(Double, String)] = [
            (9700, "A0"), (8600, "A5"), (7400, "F0"), (6700, "F5"), (6200, "F9"), (5900, "G2"),
            (5600, "G5"), (5300, "G8"), (5100, "K0"), (4800, "K2"), (4500, "K3"), (4300, "K4"),
            (4100, "K5"), (3900, "K7"), (3750, "M0"), (3600, "M1"),
        ]
        for (t, name) in table where teff >= t { return name }
        return "M2"
    }
}
