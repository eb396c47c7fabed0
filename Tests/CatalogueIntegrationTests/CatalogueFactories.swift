import Foundation
import Store

/// Rows of the science tables for this target's fixtures, with overridable defaults.
enum CatalogueFactories {
    /// A LAMOST spectrum (and its preprocessed spectrum when `preprocessingID` is given).
    static func spectrum(_ db: PostgresConnection, obsid: Int64, ra: Double = 50, dec: Double = 10, snrg: Double? = 150,
                         preprocessingID: Int? = nil, badPixels: Int = 0) throws {
        try db.execute("""
            INSERT INTO lamost_spectrum (obsid, ra, dec, snrg, file_layout, n_pixels, file_path, file_sha256, file_bytes, header)
            VALUES (\(obsid), \(ra), \(dec), \(snrg.map(Float.init)), 'image', 3909, \("/fixture/\(obsid).fits"),
                    \(sha256(obsid)), 1000, '{}')
            """)
        if let preprocessingID {
            try db.execute("""
                INSERT INTO spectrum_preprocessed (obsid, preprocessing_id, flux, ivar, n_bad_pixels)
                VALUES (\(obsid), \(preprocessingID), \([Float](repeating: 1, count: 4)), \([Float](repeating: 100, count: 4)), \(badPixels))
                """)
        }
    }

    /// The fixture checksum of a spectrum's file.
    static func sha256(_ obsid: Int64) -> String { String(repeating: "0", count: 48) + String(format: "%016llx", obsid) }

    static func preprocessing(_ db: PostgresConnection, version: String = "test-pp") throws -> Int {
        guard let row = try db.query("""
            INSERT INTO preprocessing (version, settings, grid_start, grid_step, n_pixels)
            VALUES (\(version), '{}', 3900, 1, 4) RETURNING preprocessing_id
            """).first else { throw PostgresError.noRows(statement: "preprocessing factory") }
        return try row.decode(Int.self, at: 0)
    }

    /// An `apogee_star` row with the paper's labels.
    static func apogee(_ db: PostgresConnection, id: String, ra: Double = 50, dec: Double = 10, release: String = "DR15",
                       snr: Double = 200, teff: Double? = 4500) throws {
        try db.execute("""
            INSERT INTO apogee_star (apogee_id, release, ra, dec, snr, teff, teff_err, logg, logg_err, m_h, m_h_err,
                                     alpha_m, alpha_m_err, c_m, c_m_err, n_m, n_m_err, aspcapflag, starflag, source_file)
            VALUES (\(id), \(release), \(ra), \(dec), \(Float(snr)), \(teff.map(Float.init)), 30, 2.5, 0.05, -0.2, 0.02,
                    0.1, 0.02, 0.0, 0.04, 0.2, 0.05, 0, 0, 'fixture')
            """)
    }
}
