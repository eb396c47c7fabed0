import Catalogue
import Foundation
import Store

/// Rows for the Catalogue query tests, with overridable defaults: a 4-pixel preprocessing grid, spectra,
/// a training set and models on it.
enum CatalogueFactories {
    static let pixels = 4

    /// A `preprocessing` row (grid 3900 Å + 1 Å steps); returns its id.
    static func preprocessing(_ db: PostgresConnection, version: String = "test-pp") throws -> Int {
        guard let row = try db.query("""
            INSERT INTO preprocessing (version, settings, grid_start, grid_step, n_pixels)
            VALUES (\(version), '{}', 3900, 1, \(pixels)) RETURNING preprocessing_id
            """).first else { throw PostgresError.noRows(statement: "preprocessing") }
        return try row.decode(Int.self, at: 0)
    }

    /// A `lamost_spectrum` row, and its preprocessed spectrum when `preprocessingID` is given.
    static func spectrum(_ db: PostgresConnection, obsid: Int64, ra: Double = 10, dec: Double = 20, snrg: Float? = 50,
                         designation: String? = nil, preprocessingID: Int? = nil) throws {
        let sha = sha256(obsid)
        try db.execute("""
            INSERT INTO lamost_spectrum (obsid, ra, dec, snrg, designation, class, file_layout, n_pixels, file_path, file_sha256,
                                         file_bytes, header)
            VALUES (\(obsid), \(ra), \(dec), \(snrg), \(designation), 'STAR', 'image', 3909, \("/fixture/\(obsid).fits"), \(sha), 1000, '{}')
            """)
        if let preprocessingID {
            try db.execute("""
                INSERT INTO spectrum_preprocessed (obsid, preprocessing_id, flux, ivar, n_bad_pixels)
                VALUES (\(obsid), \(preprocessingID), \([Float](repeating: 1, count: pixels)), \([Float](repeating: 100, count: pixels)), 0)
                """)
        }
    }

    /// A training set of `obsids` (labels teff = 4000 + obsid, logg = 2; the last `heldOut` held out); returns its id.
    static func trainingSet(_ db: PostgresConnection, name: String = "set", obsids: [Int64], heldOut: Int = 0,
                            preprocessingID: Int) throws -> Int {
        guard let row = try db.query("""
            INSERT INTO training_set (name, version, label_set, label_names, label_source, preprocessing_id, criteria,
                                      cut_report, seed, n_members)
            VALUES (\(name), coalesce((SELECT max(version) + 1 FROM training_set WHERE name = \(name)), 1), 'labels',
                    \(["teff", "logg"]), 'fixture', \(preprocessingID), '{}'::jsonb, '{}', 1, \(obsids.count))
            RETURNING training_set_id
            """).first else { throw PostgresError.noRows(statement: "training_set") }
        let id = try row.decode(Int.self, at: 0)
        for (k, obsid) in obsids.enumerated() {
            try db.execute("""
                INSERT INTO training_set_member (training_set_id, obsid, reference_id, labels, snrg, held_out)
                VALUES (\(id), \(obsid), \(String(obsid)), \([Float(4000 + obsid), 2]), 100, \(k >= obsids.count - heldOut))
                """)
        }
        return id
    }

    /// A model on training set `trainingSetID`, `training` (or made `ready` with a 3-byte blob); returns its id.
    static func model(_ db: PostgresConnection, trainingSetID: Int, preprocessingID: Int, ready: Bool = true,
                      jobID: Int64? = nil) throws -> Int {
        let id = try ModelQueries.insertTraining(.init(
            labelSet: "labels", trainingSetID: trainingSetID, labelNames: ["teff", "logg"], preprocessingID: preprocessingID,
            settings: try JSONB(encoding: ["c": 1]), codeVersion: "test", trainCount: 2, pixelCount: pixels, trainJobID: jobID), db: db)
        if ready {
            let blob: [UInt8] = [1, 2, 3]
            try ModelBlobQueries.write(modelID: id, blob: blob, chunkBytes: 2, db: db)
            try ModelQueries.markReady(id: id, blobBytes: blob.count, blobSHA256: SHA256Digest.hex(blob),
                                       crossValidationMetrics: try JSONB(encoding: ["n": 1]), timings: try JSONB(encoding: ["train": 0.5]), db: db)
        }
        return id
    }

    /// Spectra 1...n preprocessed on a fresh grid, a training set of them, and a ready model; returns (model, preprocessing).
    static func world(_ db: PostgresConnection, spectra n: Int64 = 4) throws -> (model: Int, preprocessing: Int, trainingSet: Int) {
        let pp = try preprocessing(db)
        for obsid in 1...n { try spectrum(db, obsid: obsid, snrg: Float(10 * obsid), designation: "J\(obsid)", preprocessingID: pp) }
        let set = try trainingSet(db, obsids: Array(1...n), preprocessingID: pp)
        return (try model(db, trainingSetID: set, preprocessingID: pp), pp, set)
    }

    static func count(_ db: PostgresConnection, _ sql: SQL) throws -> Int {
        try db.query(sql).first?.decode(Int.self, at: 0) ?? -1
    }

    /// A LAMOST spectrum for the ingest-side queries (and its preprocessed spectrum when `preprocessingID` is given).
    static func lamostSpectrum(_ db: PostgresConnection, obsid: Int64, ra: Double = 50, dec: Double = 10, snrg: Double? = 150,
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
