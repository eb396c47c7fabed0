import Store

/// The home page's star search: by obsid, by designation, or a cone around a position. Each returns
/// at most `limit` spectra; every input is a bound parameter.
public enum StarSearchQueries {
    /// The spectrum `obsid`, when ingested.
    public static func byObsid(_ obsid: Int64, db: PostgresConnection) throws(PostgresError) -> [StarSearchHit] {
        try hits(db.query("""
            SELECT \(StarSearchHit.columns), NULL::float8 AS separation_arcsec
            FROM lamost_spectrum s WHERE s.obsid = \(obsid)
            """, name: "star_search_obsid"))
    }

    /// Spectra whose designation is `designation`, with or without the leading `LAMOST ` (case as
    /// stored: LAMOST designations are upper case), newest observation first.
    public static func byDesignation(_ designation: String, limit: Int, db: PostgresConnection) throws(PostgresError) -> [StarSearchHit] {
        let bare = designation.hasPrefix("LAMOST ") ? String(designation.dropFirst("LAMOST ".count)) : designation
        return try hits(db.query("""
            SELECT \(StarSearchHit.columns), NULL::float8 AS separation_arcsec
            FROM lamost_spectrum s WHERE s.designation = ANY(\([designation, "LAMOST " + bare, bare])::text[])
            ORDER BY s.obsid DESC LIMIT \(limit)
            """, name: "star_search_designation"))
    }

    /// Spectra within `radiusDegrees` of (`ra`, `dec`) (degrees, ICRS), nearest first (q3c index).
    public static func cone(ra: Double, dec: Double, radiusDegrees: Double, limit: Int,
                            db: PostgresConnection) throws(PostgresError) -> [StarSearchHit] {
        try hits(db.query("""
            SELECT \(StarSearchHit.columns), q3c_dist(s.ra, s.dec, \(ra), \(dec)) * 3600 AS separation_arcsec
            FROM lamost_spectrum s WHERE q3c_radial_query(s.ra, s.dec, \(ra), \(dec), \(radiusDegrees))
            ORDER BY separation_arcsec, s.obsid LIMIT \(limit)
            """, name: "star_search_cone"))
    }

    static func hits(_ result: PostgresResult) throws(PostgresError) -> [StarSearchHit] {
        var hits: [StarSearchHit] = []
        for row in result.rows { hits.append(try StarSearchHit(row: row)) }
        return hits
    }
}
