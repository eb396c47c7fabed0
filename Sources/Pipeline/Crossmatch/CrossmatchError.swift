import Store

/// Why a crossmatch could not run. Nothing is written when one of these is thrown.
public enum CrossmatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The radius is not in (0, 60] arcsec.
    case invalidRadius(Double)
    /// The ambiguity distance is negative or not finite.
    case invalidAmbiguity(Double)
    /// No APOGEE star of this release has been loaded.
    case unknownRelease(String)
    /// No LAMOST spectrum has been ingested.
    case noSpectra
    /// The database refused or lost a statement.
    case database(PostgresError)

    /// `error` as a crossmatch error: itself if it is one, `.database` for a database error, else a
    /// `.database(.protocolViolation)` naming it.
    static func from(_ error: any Error) -> CrossmatchError {
        switch error {
        case let error as CrossmatchError: error
        case let error as PostgresError: .database(error)
        default: .database(.protocolViolation("\(error)"))
        }
    }

    public var description: String {
        switch self {
        case let .invalidRadius(radius):
            "crossmatch radius \(radius) arcsec is not in (0, \(CrossmatchParameters.maximumRadiusArcsec)] arcsec"
        case let .invalidAmbiguity(distance):
            "ambiguity distance \(distance) arcsec must be a finite number >= 0"
        case let .unknownRelease(release):
            "no APOGEE stars of release '\(release)' are loaded (run slam ingest apogee first)"
        case .noSpectra:
            "no LAMOST spectra are ingested (run slam ingest lamost first)"
        case let .database(error):
            "database: \(error)"
        }
    }
}
