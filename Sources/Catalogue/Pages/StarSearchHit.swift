import Store

/// One spectrum found by the star search of the catalogue's home page (``StarSearchQueries``).
public struct StarSearchHit: Sendable, Equatable {
    /// LAMOST obsid.
    public var obsid: Int64
    /// LAMOST designation (`LAMOST Jhhmmss.ss+ddmmss.s`), when the file has one.
    public var designation: String?
    /// Position (ICRS), degrees.
    public var ra: Double
    public var dec: Double
    /// S/N in the g band, when known.
    public var snrg: Double?
    /// LAMOST class (`STAR`, `GALAXY`, ...), when known.
    public var objectClass: String?
    /// Observation date (`DATE-OBS`), as the file gives it.
    public var dateObs: String?
    /// Data release (`DR5`, ...), when known.
    public var dataRelease: String?
    /// Angular distance from a cone search's centre, arcseconds (nil for other searches).
    public var separationArcsec: Double?

    public init(obsid: Int64, designation: String?, ra: Double, dec: Double, snrg: Double?, objectClass: String?, dateObs: String?,
                dataRelease: String?, separationArcsec: Double?) {
        self.obsid = obsid
        self.designation = designation
        self.ra = ra
        self.dec = dec
        self.snrg = snrg
        self.objectClass = objectClass
        self.dateObs = dateObs
        self.dataRelease = dataRelease
        self.separationArcsec = separationArcsec
    }

    /// The select list of ``init(row:)`` over `lamost_spectrum s`, but `separation_arcsec`.
    static let columns: SQL = "s.obsid, s.designation, s.ra, s.dec, s.snrg::float8 AS snrg, s.class, s.date_obs, s.data_release"

    init(row: PostgresRow) throws(PostgresError) {
        obsid = try row.decode(Int64.self, "obsid")
        designation = try row.decode(String?.self, "designation")
        ra = try row.decode(Double.self, "ra")
        dec = try row.decode(Double.self, "dec")
        snrg = try row.decode(Double?.self, "snrg")
        objectClass = try row.decode(String?.self, "class")
        dateObs = try row.decode(String?.self, "date_obs")
        dataRelease = try row.decode(String?.self, "data_release")
        separationArcsec = try row.decode(Double?.self, "separation_arcsec")
    }
}
