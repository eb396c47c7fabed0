import Store

/// Named queries of a star page (`/star/OBSID`): the spectrum's header, every prediction of it, its
/// repeat observations, its reference labels, the training sets that hold it and its posteriors. Each is
/// one indexed lookup by obsid (or a q3c cone of a few arcseconds), so a page costs a few milliseconds
/// however large the catalogue.
public enum StarPageQueries {
    /// Radius within which a spectrum sharing the designation counts as a repeat observation, and a
    /// position-keyed label catalogue row as the same star, degrees (3 arcseconds, the crossmatch's).
    public static let sameStarRadiusDegrees = 3.0 / 3600

    /// The spectrum `obsid`, or nil when it is not ingested.
    public static func header(obsid: Int64, db: PostgresConnection) throws(PostgresError) -> StarHeader? {
        try db.query("SELECT \(StarHeader.columns) FROM lamost_spectrum WHERE obsid = \(obsid)", name: "star_page_header")
            .first.map { row throws(PostgresError) in try StarHeader(row: row) }
    }

    /// Every prediction of the spectra `obsids`, current models first, then by label set and newest model.
    public static func predictions(obsids: [Int64], db: PostgresConnection) throws(PostgresError) -> [StarLabelRow] {
        var rows: [StarLabelRow] = []
        for row in try db.query("""
            SELECT \(StarLabelRow.columns)
            FROM prediction pr JOIN model m USING (model_id) LEFT JOIN model_current mc ON mc.model_id = pr.model_id
            WHERE pr.obsid = ANY(\(obsids.map { Int($0) })::int8[])
            ORDER BY pr.obsid, (mc.model_id IS NOT NULL) DESC, m.label_set, pr.model_id DESC
            """, name: "star_page_predictions").rows {
            rows.append(try StarLabelRow(row: row))
        }
        return rows
    }

    /// The other spectra of the same star: the same designation within ``sameStarRadiusDegrees``, by date.
    public static func repeats(of header: StarHeader, db: PostgresConnection) throws(PostgresError) -> [StarSearchHit] {
        guard let designation = header.designation else { return [] }
        return try StarSearchQueries.hits(db.query("""
            SELECT \(StarSearchHit.columns), q3c_dist(s.ra, s.dec, \(header.ra), \(header.dec)) * 3600 AS separation_arcsec
            FROM lamost_spectrum s
            WHERE s.designation = \(designation) AND s.obsid <> \(header.obsid)
              AND q3c_join(\(header.ra), \(header.dec), s.ra, s.dec, \(sameStarRadiusDegrees))
            ORDER BY s.date_obs NULLS LAST, s.obsid LIMIT 100
            """, name: "star_page_repeats"))
    }

    /// Reference labels of the star: APOGEE rows paired with `obsid` by the newest crossmatch run that
    /// paired it, then loaded label catalogues' rows keyed by `obsid` or within ``sameStarRadiusDegrees``.
    public static func references(of header: StarHeader, db: PostgresConnection) throws(PostgresError) -> [StarReferenceRow] {
        var rows: [StarReferenceRow] = []
        for row in try db.query("""
            (SELECT 'APOGEE ' || a.release AS source, a.apogee_id AS reference_id,
                    ARRAY['teff', 'logg', 'm_h', 'alpha_m', 'c_m', 'n_m'] AS label_names,
                    ARRAY[coalesce(a.teff, 'NaN'), coalesce(a.logg, 'NaN'), coalesce(a.m_h, 'NaN'), coalesce(a.alpha_m, 'NaN'),
                          coalesce(a.c_m, 'NaN'), coalesce(a.n_m, 'NaN')]::float8[] AS labels,
                    ARRAY[coalesce(a.teff_err, 'NaN'), coalesce(a.logg_err, 'NaN'), coalesce(a.m_h_err, 'NaN'),
                          coalesce(a.alpha_m_err, 'NaN'), coalesce(a.c_m_err, 'NaN'), coalesce(a.n_m_err, 'NaN')]::float8[] AS errors,
                    p.separation_arcsec
             FROM crossmatch_pair p JOIN apogee_star a ON a.apogee_id = p.apogee_id AND a.release = p.apogee_release
             WHERE p.obsid = \(header.obsid)
               AND p.run_id = (SELECT max(run_id) FROM crossmatch_pair WHERE obsid = \(header.obsid)))
            UNION ALL
            (SELECT c.name || '@' || c.version AS source, r.reference_id, c.label_names,
                    ARRAY(SELECT coalesce(v, 'NaN')::float8 FROM unnest(r.labels) WITH ORDINALITY AS u(v, k) ORDER BY k) AS labels,
                    ARRAY(SELECT coalesce(v, 'NaN')::float8 FROM unnest(r.label_errors) WITH ORDINALITY AS u(v, k) ORDER BY k) AS errors,
                    CASE WHEN c.key_kind = 'position' THEN q3c_dist(r.ra, r.dec, \(header.ra), \(header.dec)) * 3600 END
                        AS separation_arcsec
             FROM label_catalogue_row r JOIN label_catalogue c USING (catalogue_id)
             WHERE r.obsid = \(header.obsid)
                OR (c.key_kind = 'position' AND q3c_join(\(header.ra), \(header.dec), r.ra, r.dec, \(sameStarRadiusDegrees)))
             ORDER BY c.catalogue_id DESC LIMIT 20)
            """, name: "star_page_references").rows {
            rows.append(try StarReferenceRow(row: row))
        }
        return rows
    }

    /// The training sets that hold `obsid`, newest first, with the models trained on each.
    public static func trainingSets(obsid: Int64, db: PostgresConnection) throws(PostgresError) -> [StarTrainingRow] {
        var rows: [StarTrainingRow] = []
        for row in try db.query("""
            SELECT t.name || '@' || t.version AS training_set, t.label_set, tm.held_out,
                   ARRAY(SELECT m.model_id FROM model m WHERE m.training_set_id = t.training_set_id ORDER BY m.model_id) AS model_ids
            FROM training_set_member tm JOIN training_set t USING (training_set_id)
            WHERE tm.obsid = \(obsid) ORDER BY t.training_set_id DESC
            """, name: "star_page_training_sets").rows {
            rows.append(try StarTrainingRow(row: row))
        }
        return rows
    }

    /// The sampled posteriors of `obsid`, newest model first.
    public static func posteriors(obsid: Int64, db: PostgresConnection) throws(PostgresError) -> [PosteriorRow] {
        var rows: [PosteriorRow] = []
        for row in try db.query("SELECT \(PosteriorRow.columns) FROM posterior WHERE obsid = \(obsid) ORDER BY model_id DESC",
                                name: "star_page_posteriors").rows {
            rows.append(try PosteriorRow(row: row))
        }
        return rows
    }

    /// Every flag bit with its name and description, by bit.
    public static func flagBits(db: PostgresConnection) throws(PostgresError) -> [FlagBitRow] {
        var rows: [FlagBitRow] = []
        for row in try db.query("SELECT bit, name, description FROM flag_bits ORDER BY bit", name: "star_page_flag_bits").rows {
            rows.append(try FlagBitRow(row: row))
        }
        return rows
    }

    /// The path and SHA-256 recorded at ingest of spectrum `obsid`'s file, or nil when it is not ingested.
    public static func file(obsid: Int64, db: PostgresConnection) throws(PostgresError) -> (path: String, sha256: String, bytes: Int64)? {
        guard let row = try db.query("SELECT file_path, file_sha256, file_bytes FROM lamost_spectrum WHERE obsid = \(obsid)",
                                     name: "star_page_file").first else { return nil }
        return (try row.decode(String.self, at: 0), try row.decode(String.self, at: 1), try row.decode(Int64.self, at: 2))
    }
}
