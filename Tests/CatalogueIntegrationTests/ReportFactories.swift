import Foundation
import Store

/// Rows for the report and evaluation queries' tests, with overridable defaults: a 4-pixel preprocessing,
/// spectra, a training set, a ready-to-query model with two labels (teff, logg), predictions and validation rows.
enum ReportFactories {
    static func preprocessing(_ db: PostgresConnection) throws -> Int {
        try db.query("""
            INSERT INTO preprocessing (version, settings, grid_start, grid_step, n_pixels)
            VALUES ('report-pp', '{}', 3900, 2, 4) RETURNING preprocessing_id
            """).first!.decode(Int.self, at: 0)
    }

    /// Spectrum `obsid` with S/N_g `snrg`; with `preprocessingID`, its 4-pixel preprocessed spectrum (pixel 2 bad).
    static func spectrum(_ db: PostgresConnection, obsid: Int64, snrg: Double? = 100, preprocessingID: Int? = nil) throws {
        try db.execute("""
            INSERT INTO lamost_spectrum (obsid, ra, dec, snrg, file_layout, n_pixels, file_path, file_sha256, file_bytes, header)
            VALUES (\(obsid), 10, 20, \(snrg.map(Float.init)), 'image', 3909, \("/fixture/\(obsid).fits"),
                    \(String(repeating: "0", count: 48) + String(format: "%016llx", obsid)), 1000, '{}')
            """)
        if let preprocessingID {
            try db.execute("""
                INSERT INTO spectrum_preprocessed (obsid, preprocessing_id, flux, ivar, n_bad_pixels)
                VALUES (\(obsid), \(preprocessingID), \([Float]([1, 0.9, 0.8, 1])), \([Float]([100, 100, 0, 100])), 1)
                """)
        }
    }

    /// A training set of `members` (obsid, teff, logg) and a model of it (status `training`).
    static func model(_ db: PostgresConnection, preprocessingID: Int, members: [(Int64, Float, Float)], name: String = "set") throws -> Int {
        let set = try db.query("""
            INSERT INTO training_set (name, version, label_set, label_names, label_source, preprocessing_id, criteria, cut_report,
                                      seed, n_members)
            VALUES (\(name), 1, 'report-labels', '{teff,logg}', 'test', \(preprocessingID), '{}', '{}', 1, \(members.count))
            RETURNING training_set_id
            """).first!.decode(Int.self, at: 0)
        for (obsid, teff, logg) in members {
            try db.execute("""
                INSERT INTO training_set_member (training_set_id, obsid, reference_id, labels)
                VALUES (\(set), \(obsid), \("star-\(obsid)"), \([teff, logg]))
                """)
        }
        return try db.query("""
            INSERT INTO model (label_set, training_set_id, label_names, preprocessing_id, settings, code_version)
            VALUES ('report-labels', \(set), '{teff,logg}', \(preprocessingID), '{}', 'test') RETURNING model_id
            """).first!.decode(Int.self, at: 0)
    }

    static func prediction(_ db: PostgresConnection, modelID: Int, obsid: Int64, labels: [Float] = [4600, 2.5],
                           status: String = "converged", flags: Int = 0, calibrated: [Float]? = nil) throws {
        try db.execute("""
            INSERT INTO prediction (model_id, obsid, labels, formal_errors, calibrated_errors, n_pixels, iterations, status, flags)
            VALUES (\(modelID), \(obsid), \(labels), \([Float]([40, 0.05])), \(calibrated), 4, 3, \(status), \(flags))
            """)
    }

    static func validation(_ db: PostgresConnection, modelID: Int, obsid: Int64, kind: String = "cross_validation",
                           labels: [Float], reference: [Float], snrg: Float? = 50) throws {
        try db.execute("""
            INSERT INTO model_validation_prediction (model_id, obsid, kind, labels, formal_errors, reference, snrg)
            VALUES (\(modelID), \(obsid), \(kind), \(labels), \([Float]([40, 0.05])), \(reference), \(snrg))
            """)
    }
}
