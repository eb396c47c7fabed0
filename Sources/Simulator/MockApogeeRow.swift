import Formats

/// One planned row of the mock APOGEE allStar table and what it truly is.
public struct MockApogeeRow: Sendable, Equatable {
    /// What the row is, for evaluation.
    public enum Kind: String, Sendable, Equatable {
        /// The APOGEE observation of a LAMOST star (labels = truth + APOGEE-like errors).
        case counterpart
        /// A second row of a counterpart from another field (lower S/N, EXTRATARG bit 4).
        case duplicate
        /// An APOGEE-only star 2-6 arcsec from a LAMOST star (a crossmatch trap).
        case neighbour
        /// An APOGEE-only star elsewhere in the LAMOST footprint.
        case apogeeOnly = "apogee_only"
    }

    /// The row as the allStar writer takes it.
    public var star: ApogeeStar
    /// What it is.
    public var kind: Kind
    /// Index of the LAMOST star it observes (counterparts and duplicates), else `nil`.
    public var starIndex: Int?
    /// True labels of the APOGEE star.
    public var truth: StellarLabels
}
