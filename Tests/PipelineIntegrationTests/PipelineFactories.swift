import Foundation
import Store

/// Rows for hand-built fixtures, with overridable defaults.
enum PipelineFactories {
    static func spectrum(_ db: PostgresConnection, obsid: Int64, ra: Double, dec: Double, snrg: Double? = 150,
                         preprocessingID: Int? = nil, badPixels: Int = 0) throws {
        try db.execute("""
            INSERT INTO lamost_spectrum (obsid, ra, dec, snrg, file_layout, n_pixels, file_path, file_sha256, file_bytes, header)
            VALUES ($1, $2, $3, $4, 'image', 3909, $5, $6, 1000, '{}')
            """, [obsid, ra, dec, snrg.map(Float.init), "/fixture/\(obsid).fits", String(repeating: "0", count: 48) + String(format: "%016llx", obsid)])
        if let preprocessingID {
            try db.execute("""
                INSERT INTO spectrum_preprocessed (obsid, preprocessing_id, flux, ivar, n_bad_pixels)
                VALUES ($1, $2, $3, $4, $5)
                """, [obsid, preprocessingID, [Float](repeating: 1, count: 4), [Float](repeating: 100, count: 4), badPixels])
        }
    }

    static func preprocessing(_ db: PostgresConnection, version: String = "test-pp") throws -> Int {
        try db.query("""
            INSERT INTO preprocessing (version, settings, grid_start, grid_step, n_pixels)
            VALUES ($1, '{}', 3900, 1, 4) RETURNING preprocessing_id
            """, [version]).first!.decode(Int.self, at: 0)
    }

    struct Star {
        var id: String
        var ra: Double
        var dec: Double
        var snr: Double? = 200
        var teff: Double? = 4500
        var logg: Double? = 2.5
        var mH: Double? = -0.2
        var alphaM: Double? = 0.1
        var cM: Double? = 0.0
        var nM: Double? = 0.2
        var aspcapflag: Int64 = 0
        var starflag: Int64 = 0
    }

    static func apogee(_ db: PostgresConnection, _ s: Star, release: String = "DR15") throws {
        func f(_ v: Double?) -> Float? { v.map(Float.init) }
        try db.execute("""
            INSERT INTO apogee_star (apogee_id, release, ra, dec, snr, teff, teff_err, logg, logg_err, m_h, m_h_err,
                                     alpha_m, alpha_m_err, c_m, c_m_err, n_m, n_m_err, aspcapflag, starflag, source_file)
            VALUES ($1, $2, $3, $4, $5, $6, 30, $7, 0.05, $8, 0.02, $9, 0.02, $10, 0.04, $11, 0.05, $12, $13, 'fixture')
            """, [s.id, release, s.ra, s.dec, f(s.snr), f(s.teff), f(s.logg), f(s.mH), f(s.alphaM), f(s.cM), f(s.nM),
                  s.aspcapflag, s.starflag])
    }

    /// Degrees of offset in RA for `arcsec` at declination `dec`.
    static func raOffset(arcsec: Double, dec: Double) -> Double { arcsec / 3600 / cos(dec * .pi / 180) }
}
