/// What mock survey to make. Every field has the default of `slam simulate`.
public struct MockSurveyConfiguration: Sendable, Equatable {
    /// Number of distinct stars with LAMOST spectra (repeat observations come on top).
    public var stars: Int
    /// Seed: the same seed and configuration give the same files, byte for byte.
    public var seed: UInt64
    /// Which stars are drawn.
    public var population: MockPopulation
    /// Range of the target S/N per pixel in the g band; targets are drawn log-uniformly within it.
    public var snrRange: ClosedRange<Double>
    /// Probability that a giant whose first LAMOST spectrum has S/N_g >= 20 has an APOGEE counterpart
    /// (lower-S/N giants: half of it; dwarfs: a tenth).
    public var apogeeFraction: Double
    /// Fraction of stars observed a second time (new obsid, other night, S/N and measured RV).
    public var repeatFraction: Double
    /// APOGEE-only stars (no LAMOST spectrum), as a fraction of the stars with a counterpart.
    public var apogeeOnlyFraction: Double
    /// Fraction of APOGEE counterparts that get a close APOGEE-only neighbour 2-6 arcsec away.
    public var neighbourFraction: Double
    /// Fraction of APOGEE rows with bad flags (STAR_BAD, partly -9999 labels).
    public var badApogeeFraction: Double
    /// Fraction of APOGEE counterparts that appear twice (two fields; the second flagged in EXTRATARG).
    public var duplicateApogeeFraction: Double
    /// Write the LASP-like AFGK catalogue (Teff 4000-8000 K).
    public var includeLASP: Bool
    /// Survey-scale mode (`FastSpectrumSource`): the stars share the labels of this many star types (the
    /// first `starTypes` stars keep their own labels; every later star takes those of one of them, drawn
    /// from its seed), so one noiseless spectrum per type serves every star. `nil`: every star its own labels.
    public var starTypes: Int?
    /// Number of APOGEE-only allStar rows, replacing `apogeeOnlyFraction` when set (a survey-scale allStar
    /// table, e.g. DR17's ~730,000 rows, without more LAMOST stars).
    public var apogeeOnlyRows: Int?
    /// OBSID of the first observation; the others follow consecutively. A later release of a survey
    /// (`slam-bench scale-append`) starts above the obsids already ingested.
    public var firstObsid: Int64

    /// A configuration; see the properties for meanings and `validate()` for ranges.
    public init(stars: Int, seed: UInt64 = 1, population: MockPopulation = .mixed,
                snrRange: ClosedRange<Double> = 10...300, apogeeFraction: Double = 0.7, repeatFraction: Double = 0.1,
                apogeeOnlyFraction: Double = 0.1, neighbourFraction: Double = 0.05, badApogeeFraction: Double = 0.05,
                duplicateApogeeFraction: Double = 0.02, includeLASP: Bool = true,
                starTypes: Int? = nil, apogeeOnlyRows: Int? = nil, firstObsid: Int64 = 100_001)
    {
        self.stars = stars
        self.seed = seed
        self.population = population
        self.snrRange = snrRange
        self.apogeeFraction = apogeeFraction
        self.repeatFraction = repeatFraction
        self.apogeeOnlyFraction = apogeeOnlyFraction
        self.neighbourFraction = neighbourFraction
        self.badApogeeFraction = badApogeeFraction
        self.duplicateApogeeFraction = duplicateApogeeFraction
        self.includeLASP = includeLASP
        self.starTypes = starTypes
        self.apogeeOnlyRows = apogeeOnlyRows
        self.firstObsid = firstObsid
    }

    /// Largest first OBSID: room for the observations of the largest survey below `Int64.max`.
    public static let largestFirstObsid: Int64 = 1 << 60

    /// Checks every range.
    /// - Throws: `.invalidConfiguration` naming the first bad parameter.
    public func validate() throws(SimulatorError) {
        guard stars >= 1, stars <= 10_000_000 else {
            throw .invalidConfiguration(parameter: "stars", value: "\(stars)", allowed: "1 ... 10000000")
        }
        guard snrRange.lowerBound >= 1, snrRange.upperBound <= 2000 else {
            throw .invalidConfiguration(parameter: "snr range", value: "\(snrRange.lowerBound):\(snrRange.upperBound)",
                                        allowed: "1 <= low <= high <= 2000")
        }
        let fractions: [(String, Double)] = [
            ("apogee fraction", apogeeFraction), ("repeat fraction", repeatFraction),
            ("apogee-only fraction", apogeeOnlyFraction), ("neighbour fraction", neighbourFraction),
            ("bad apogee fraction", badApogeeFraction), ("duplicate apogee fraction", duplicateApogeeFraction),
        ]
        for (name, value) in fractions where !(0...1).contains(value) {
            throw .invalidConfiguration(parameter: name, value: "\(value)", allowed: "0 ... 1")
        }
        if let starTypes, !(1...100_000).contains(starTypes) {
            throw .invalidConfiguration(parameter: "star types", value: "\(starTypes)", allowed: "1 ... 100000")
        }
        if let apogeeOnlyRows, !(0...10_000_000).contains(apogeeOnlyRows) {
            throw .invalidConfiguration(parameter: "apogee-only rows", value: "\(apogeeOnlyRows)", allowed: "0 ... 10000000")
        }
        guard (1...Self.largestFirstObsid).contains(firstObsid) else {
            throw .invalidConfiguration(parameter: "first obsid", value: "\(firstObsid)", allowed: "1 ... \(Self.largestFirstObsid)")
        }
    }
}
