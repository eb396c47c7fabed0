/// Which stars the mock survey draws.
public enum MockPopulation: String, Sendable, CaseIterable, Codable {
    /// Red-giant branch and red clump only (Teff about 3800-5300 K, log g about 1-3.5).
    case giants
    /// Main sequence and turn-off only (Teff about 4000-7500 K, log g about 3.8-4.7).
    case dwarfs
    /// Both: 60 % giants, 40 % dwarfs (the default; enough K giants for the APOGEE training set and enough
    /// AFGK dwarfs for the LASP application).
    case mixed

    /// Probability that a drawn star is a giant.
    var giantFraction: Double {
        switch self {
        case .giants: 1
        case .dwarfs: 0
        case .mixed: 0.6
        }
    }
}

/// Galactic component a mock star belongs to; sets its [M/H] and [alpha/M] distributions.
public enum GalacticComponent: String, Sendable, Codable {
    /// Thin disc: [M/H] about -0.1 +- 0.22, [alpha/M] near 0.
    case thinDisc = "thin"
    /// Thick disc: [M/H] about -0.55 +- 0.28, [alpha/M] on the high-alpha sequence (0.3 declining above -0.6).
    case thickDisc = "thick"
    /// Halo: metal-poor tail to [M/H] about -2.5, [alpha/M] about 0.3.
    case halo
}
