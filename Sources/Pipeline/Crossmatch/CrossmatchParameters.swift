/// Parameters of one crossmatch run of LAMOST spectra with APOGEE stars.
public struct CrossmatchParameters: Sendable, Codable, Equatable {
    /// Match radius, arcsec; must be in (0, 60].
    public var radiusArcsec: Double
    /// APOGEE release to match against (`apogee_star.release`), e.g. `DR15`.
    public var apogeeRelease: String
    /// A match is ambiguous when a second APOGEE star lies inside the radius no more than this much
    /// farther than the nearest one, arcsec (the two cannot be told apart by position).
    public var ambiguityArcsec: Double

    public init(radiusArcsec: Double = 3, apogeeRelease: String = "DR15", ambiguityArcsec: Double = 1) {
        self.radiusArcsec = radiusArcsec
        self.apogeeRelease = apogeeRelease
        self.ambiguityArcsec = ambiguityArcsec
    }

    /// Largest radius accepted, arcsec: beyond it a "match" is no longer the same star.
    public static let maximumRadiusArcsec = 60.0

    /// Checks the parameters; throws ``CrossmatchError/invalidRadius(_:)`` or
    /// ``CrossmatchError/invalidAmbiguity(_:)``.
    public func validate() throws(CrossmatchError) {
        guard radiusArcsec.isFinite, radiusArcsec > 0, radiusArcsec <= Self.maximumRadiusArcsec else {
            throw .invalidRadius(radiusArcsec)
        }
        guard ambiguityArcsec.isFinite, ambiguityArcsec >= 0 else { throw .invalidAmbiguity(ambiguityArcsec) }
        guard !apogeeRelease.isEmpty else { throw .unknownRelease(apogeeRelease) }
    }
}

/// What a crossmatch run found.
public struct CrossmatchSummary: Sendable, Codable, Equatable {
    /// The new run's id (`crossmatch_run.run_id`).
    public var runID: Int
    /// LAMOST spectra considered.
    public var lamostCount: Int
    /// LAMOST spectra with at least one APOGEE star inside the radius.
    public var matchedCount: Int
    /// Matches flagged ambiguous.
    public var ambiguousCount: Int
    /// APOGEE stars matched by more than one LAMOST spectrum (repeat observations of one star).
    public var repeatedStarCount: Int
    /// Wall-clock time of the run, seconds.
    public var seconds: Double
}
