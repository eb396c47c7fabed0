/// One star of the mock survey with its true labels and what was planned for it.
public struct MockStar: Sendable, Equatable {
    /// 0-based index; `id` is derived from it.
    public var index: Int
    /// Identifier in `truth.csv`, e.g. `mock-000042`.
    public var id: String { MockStar.id(index) }
    /// True labels.
    public var labels: StellarLabels
    /// Galactic component it was drawn from.
    public var component: GalacticComponent
    /// True position (LAMOST input catalogue), degrees J2000.
    public var ra: Double
    /// Declination, degrees J2000.
    public var dec: Double
    /// True heliocentric radial velocity, km/s.
    public var radialVelocity: Double
    /// Colour excess E(B-V), mag.
    public var ebv: Double
    /// `APOGEE_ID` of its APOGEE counterpart, or `nil`.
    public var apogeeID: String?

    /// Identifier of star `index` (`mock-000042`; more digits past a million stars).
    public static func id(_ index: Int) -> String {
        let digits = String(index)
        return "mock-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}

/// One planned LAMOST observation (one spectrum file).
public struct MockObservation: Sendable, Equatable {
    /// 0-based index in the survey's observation list.
    public var index: Int
    /// Index of the observed star.
    public var starIndex: Int
    /// 0 for the first visit, 1 for a repeat.
    public var visit: Int
    /// `OBSID`.
    public var obsid: Int64
    /// `LMJD` and `DATE-OBS` (YYYY-MM-DDThh:mm:ss) / `obsdate` (YYYY-MM-DD).
    public var lmjd: Int
    /// `DATE-OBS`, UTC, `YYYY-MM-DDThh:mm:ss`.
    public var dateObs: String
    /// The catalogue's `obsdate`, `YYYY-MM-DD`.
    public var obsdate: String { String(dateObs.prefix(10)) }
    /// `PLANID`, `SPID` (1-16), `FIBERID` (1-250).
    public var planid: String
    /// `SPID`, spectrograph 1-16.
    public var spid: Int
    /// `FIBERID`, fibre 1-250.
    public var fiberid: Int
    /// Target S/N per pixel in the g band.
    public var targetSNR: Double
    /// `HELIO_RV`: the heliocentric correction of that night and field, km/s.
    public var heliocentricCorrection: Double

    /// The file name `spec-LMJD-PLANID_spSS-FFF.fits.gz`.
    public var fileName: String {
        let sp = spid < 10 ? "0\(spid)" : "\(spid)"
        let fiber = String(repeating: "0", count: max(0, 3 - String(fiberid).count)) + String(fiberid)
        return "spec-\(lmjd)-\(planid)_sp\(sp)-\(fiber).fits.gz"
    }
}
