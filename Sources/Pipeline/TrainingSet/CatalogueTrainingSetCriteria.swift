/// Selection criteria of a training set drawn from a label catalogue (LASP, a user table): the
/// catalogue, its labels, and the cuts. With ``members`` the cuts are not applied: the set is exactly
/// the listed spectra (each must have a preprocessed spectrum and every label).
///
/// The paper's second application (Zhang, Liu & Deng 2020, sect. 5) is ``lasp(source:)``: LASP labels
/// of AFGK stars with S/N_g > 100 and 4000 K < Teff < 8000 K.
public struct CatalogueTrainingSetCriteria: Sendable, Codable, Equatable {
    /// Catalogue name, e.g. `lasp-dr5`.
    public var source: String
    /// Catalogue version; nil takes the latest (the version used is recorded in `catalogueID`).
    public var catalogueVersion: Int?
    /// Labels, in column order; each must be a label of the catalogue.
    public var labels: [String]
    /// Preprocessing version of the spectra; nil takes the latest.
    public var preprocessingVersion: String?
    /// Minimum LAMOST S/N in the g band (of the spectrum).
    public var snrgMinimum: Double
    /// Label ranges, physical units, keyed by label name (inclusive).
    public var ranges: [String: TrainingSetCriteria.LabelRange]
    /// Maximum number of bad pixels on the model grid.
    public var maximumBadPixels: Int
    /// Several spectra of one reference star (position-keyed catalogues).
    public var repeats: TrainingSetCriteria.RepeatPolicy
    /// Match radius for position-keyed catalogues, arcsec.
    public var matchRadiusArcsec: Double
    /// Fraction held out for validation, in [0, 1) (ignored when the member list marks held-out members).
    public var validationFraction: Double
    /// Seed of the held-out split.
    public var seed: UInt64
    /// An explicit member list, instead of the cuts.
    public var members: TrainingSetMembers?
    /// The catalogue version used (filled in when the set is written).
    public var catalogueID: Int?

    /// Criteria; the defaults are the general ones (S/N_g >= 40, no label range, 3 arcsec).
    public init(source: String, catalogueVersion: Int? = nil, labels: [String], preprocessingVersion: String? = nil,
                snrgMinimum: Double = 40, ranges: [String: TrainingSetCriteria.LabelRange] = [:], maximumBadPixels: Int = 50,
                repeats: TrainingSetCriteria.RepeatPolicy = .bestSNR, matchRadiusArcsec: Double = 3,
                validationFraction: Double = 0.1, seed: UInt64 = 1, members: TrainingSetMembers? = nil) {
        self.source = source
        self.catalogueVersion = catalogueVersion
        self.labels = labels
        self.preprocessingVersion = preprocessingVersion
        self.snrgMinimum = snrgMinimum
        self.ranges = ranges
        self.maximumBadPixels = maximumBadPixels
        self.repeats = repeats
        self.matchRadiusArcsec = matchRadiusArcsec
        self.validationFraction = validationFraction
        self.seed = seed
        self.members = members
    }

    /// The paper's LASP application: Teff, log g, [Fe/H] of AFGK stars, S/N_g >= 100, 4000-8000 K.
    public static func lasp(source: String = "lasp-dr5", seed: UInt64 = 1, validationFraction: Double = 0.1) -> CatalogueTrainingSetCriteria {
        CatalogueTrainingSetCriteria(source: source, labels: ["teff", "logg", "feh"], snrgMinimum: 100,
                                     ranges: ["teff": .init(minimum: 4000, maximum: 8000)],
                                     validationFraction: validationFraction, seed: seed)
    }

    /// Checks the criteria; throws ``TrainingSetError`` naming the first problem.
    public func validate() throws(TrainingSetError) {
        guard !labels.isEmpty else { throw .invalidCriterion("at least one label is needed") }
        var seen = Set<String>()
        for label in labels where !seen.insert(label).inserted { throw .repeatedLabel(label) }
        for name in ranges.keys where !labels.contains(name) {
            throw .invalidCriterion("a range is given for \(name), which is not among the labels")
        }
        guard snrgMinimum.isFinite, snrgMinimum >= 0 else { throw .invalidCriterion("S/N_g minimum \(snrgMinimum)") }
        guard maximumBadPixels >= 0 else { throw .invalidCriterion("maximum bad pixels \(maximumBadPixels)") }
        guard matchRadiusArcsec > 0, matchRadiusArcsec <= 60 else {
            throw .invalidCriterion("match radius \(matchRadiusArcsec) arcsec is not in (0, 60]")
        }
        guard validationFraction >= 0, validationFraction < 1 else {
            throw .invalidCriterion("validation fraction \(validationFraction) is not in [0, 1)")
        }
        if let members, members.obsids.isEmpty { throw .invalidMembers("the list is empty") }
    }
}
