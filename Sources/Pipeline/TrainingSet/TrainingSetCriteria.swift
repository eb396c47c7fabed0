/// Selection criteria of a training set drawn from a crossmatch with APOGEE (Zhang, Liu & Deng 2020,
/// sect. 2: APOGEE S/N > 100, good ASPCAP flags, LAMOST S/N_g > 40, giants of 3000-5500 K).
/// Cuts are applied in the order of ``TrainingSetBuilder/cutNames(for:)``; the report counts how
/// many candidates each one removed.
public struct TrainingSetCriteria: Sendable, Codable, Equatable {
    /// What to do with several LAMOST spectra of one APOGEE star.
    public enum RepeatPolicy: String, Sendable, Codable, CaseIterable {
        /// Keep the spectrum with the highest S/N_g (ties: the lowest obsid).
        case bestSNR = "best-snr"
        /// Keep every spectrum.
        case all
    }

    /// An inclusive range of a label, physical units; either side may be open.
    public struct LabelRange: Sendable, Codable, Equatable {
        public var minimum: Double?
        public var maximum: Double?
        public init(minimum: Double?, maximum: Double?) {
            self.minimum = minimum
            self.maximum = maximum
        }

        /// Parses `MIN:MAX` (`3000:5500`, `:5500`, `-1:`); throws when neither side is a number or MIN >= MAX.
        public static func parse(_ text: String, label: String) throws(TrainingSetError) -> LabelRange {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw .invalidRange(label: label, text: text) }
            func bound(_ s: Substring) throws(TrainingSetError) -> Double? {
                let t = s.trimmingCharacters(in: .whitespaces)
                if t.isEmpty { return nil }
                guard let v = Double(t), v.isFinite else { throw .invalidRange(label: label, text: text) }
                return v
            }
            let range = LabelRange(minimum: try bound(parts[0]), maximum: try bound(parts[1]))
            if range.minimum == nil && range.maximum == nil { throw .invalidRange(label: label, text: text) }
            if let lo = range.minimum, let hi = range.maximum, lo >= hi { throw .invalidRange(label: label, text: text) }
            return range
        }
    }

    /// Labels, in column order.
    public var labels: [ApogeeLabel]
    /// Crossmatch run to select from; `nil` takes the latest complete run.
    public var crossmatchRunID: Int?
    /// Preprocessing version of the spectra; `nil` takes the latest.
    public var preprocessingVersion: String?
    /// Minimum LAMOST S/N in the g band.
    public var snrgMinimum: Double
    /// Minimum APOGEE S/N.
    public var apogeeSNRMinimum: Double
    /// ASPCAPFLAG bits that exclude a star; `nil` means STAR_BAD plus the BAD bit of every chosen label.
    public var aspcapBadMask: Int64?
    /// STARFLAG bits that exclude a star (default: 0 BAD_PIXELS, 3 VERY_BRIGHT_NEIGHBOR, 18 BAD_RV_COMBINATION).
    public var starflagBadMask: Int64
    /// Label ranges, physical units, keyed by label name.
    public var ranges: [String: LabelRange]
    /// Drop matches flagged ambiguous by the crossmatch.
    public var excludeAmbiguous: Bool
    /// Maximum number of bad pixels on the model grid.
    public var maximumBadPixels: Int
    /// Repeat observations of one APOGEE star.
    public var repeats: RepeatPolicy
    /// Fraction of members held out for validation, in [0, 1).
    public var validationFraction: Double
    /// Seed of the held-out split.
    public var seed: UInt64

    public init(labels: [ApogeeLabel] = ApogeeLabel.paperSet, crossmatchRunID: Int? = nil,
                preprocessingVersion: String? = nil, snrgMinimum: Double = 40, apogeeSNRMinimum: Double = 100,
                aspcapBadMask: Int64? = nil, starflagBadMask: Int64 = (1 << 0) | (1 << 3) | (1 << 18),
                ranges: [String: LabelRange] = ["teff": LabelRange(minimum: 3000, maximum: 5500)],
                excludeAmbiguous: Bool = true, maximumBadPixels: Int = 50, repeats: RepeatPolicy = .bestSNR,
                validationFraction: Double = 0.1, seed: UInt64 = 1) {
        self.labels = labels
        self.crossmatchRunID = crossmatchRunID
        self.preprocessingVersion = preprocessingVersion
        self.snrgMinimum = snrgMinimum
        self.apogeeSNRMinimum = apogeeSNRMinimum
        self.aspcapBadMask = aspcapBadMask
        self.starflagBadMask = starflagBadMask
        self.ranges = ranges
        self.excludeAmbiguous = excludeAmbiguous
        self.maximumBadPixels = maximumBadPixels
        self.repeats = repeats
        self.validationFraction = validationFraction
        self.seed = seed
    }

    /// ASPCAP STAR_BAD bit.
    public static let starBadBit = 23

    /// The ASPCAPFLAG mask in force: the explicit one, or STAR_BAD plus each chosen label's BAD bit.
    public var effectiveASPCAPMask: Int64 {
        if let aspcapBadMask { return aspcapBadMask }
        return labels.reduce(Int64(1) << Self.starBadBit) { $0 | (Int64(1) << $1.aspcapBadBit) }
    }

    /// Checks the criteria; throws ``TrainingSetError`` naming the first problem.
    public func validate() throws(TrainingSetError) {
        guard !labels.isEmpty else { throw .invalidCriterion("at least one label is needed") }
        for name in ranges.keys where !labels.contains(where: { $0.rawValue == name }) {
            throw .invalidCriterion("a range is given for \(name), which is not among the labels")
        }
        guard snrgMinimum.isFinite, snrgMinimum >= 0 else { throw .invalidCriterion("S/N_g minimum \(snrgMinimum)") }
        guard apogeeSNRMinimum.isFinite, apogeeSNRMinimum >= 0 else {
            throw .invalidCriterion("APOGEE S/N minimum \(apogeeSNRMinimum)")
        }
        guard maximumBadPixels >= 0 else { throw .invalidCriterion("maximum bad pixels \(maximumBadPixels)") }
        guard validationFraction >= 0, validationFraction < 1 else {
            throw .invalidCriterion("validation fraction \(validationFraction) is not in [0, 1)")
        }
    }
}
