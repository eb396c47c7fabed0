import Foundation
import Logging
import Pipeline
import Store

/// A tiny, fast, hand-built world for model tests: a 12-pixel preprocessing grid, spectra whose flux is a
/// smooth function of (teff, logg), a training set of them, and (on request) a model trained on it with
/// fixed hyperparameters.
enum TinyModelWorld {
    static let pixels = 12
    static let labelNames = ["teff", "logg"]
    static let trainingSetName = "tiny"
    static let labelSet = "tiny-labels"

    /// Deterministic labels of star `k`: teff 4000-5500 K, logg 1-3.5 dex.
    static func labels(_ k: Int) -> (Double, Double) {
        let u = Double((k * 37) % 101) / 100, v = Double((k * 53) % 97) / 96
        return (4000 + 1500 * u, 1 + 2.5 * v)
    }

    /// Normalised flux of a star with the given labels (P values, near 1).
    static func flux(teff: Double, logg: Double) -> [Float] {
        let t = (teff - 4750) / 750, g = (logg - 2.25) / 1.25
        return (0..<pixels).map { j in
            let a = Double(j) / Double(pixels - 1)
            return Float(1 - 0.2 * (0.5 + 0.4 * t * (1 - a) + 0.3 * g * a + 0.1 * t * g))
        }
    }

    /// Creates the preprocessing row and `count` spectra with obsids `first...`; returns the preprocessing id.
    @discardableResult
    static func spectra(_ db: PostgresConnection, first: Int64, count: Int, preprocessingID: Int? = nil) throws -> Int {
        let pp: Int
        if let preprocessingID {
            pp = preprocessingID
        } else {
            pp = try db.query("""
                INSERT INTO preprocessing (version, settings, grid_start, grid_step, n_pixels)
                VALUES ('tiny-pp', '{}', 4000, 10, $1) RETURNING preprocessing_id
                """, [pixels]).first!.decode(Int.self, at: 0)
        }
        for k in 0..<count {
            let obsid = first + Int64(k)
            let (teff, logg) = labels(Int(obsid))
            try PipelineFactories.spectrum(db, obsid: obsid, ra: 10 + Double(obsid) * 0.01, dec: 20, snrg: 30 + Double(k % 5) * 20)
            try db.execute("UPDATE lamost_spectrum SET designation = $2, class = 'STAR' WHERE obsid = $1",
                           [obsid, "J\(obsid)+2000"])
            try db.execute("""
                INSERT INTO spectrum_preprocessed (obsid, preprocessing_id, flux, ivar, n_bad_pixels) VALUES ($1, $2, $3, $4, 0)
                """, [obsid, pp, flux(teff: teff, logg: logg), [Float](repeating: 1e4, count: pixels)])
        }
        return pp
    }

    /// A training set of the spectra `obsids` with their true labels; returns its id.
    @discardableResult
    static func trainingSet(_ db: PostgresConnection, obsids: [Int64], preprocessingID: Int, name: String = trainingSetName,
                            criteria: String = "{}") throws -> Int {
        let id = try db.query("""
            INSERT INTO training_set (name, version, label_set, label_names, label_source, preprocessing_id, criteria,
                                      cut_report, seed, n_members)
            VALUES ($1, coalesce((SELECT max(version) + 1 FROM training_set WHERE name = $1), 1), $2, $3, 'fixture', $4, $5::jsonb, '{}', 1, $6)
            RETURNING training_set_id
            """, [name, labelSet, labelNames, preprocessingID, criteria, obsids.count]).first!.decode(Int.self, at: 0)
        for obsid in obsids {
            let (teff, logg) = labels(Int(obsid))
            try db.execute("""
                INSERT INTO training_set_member (training_set_id, obsid, reference_id, labels, snrg) VALUES ($1, $2, $3, $4, 100)
                """, [id, obsid, String(obsid), [Float(teff), Float(logg)]])
        }
        return id
    }

    static let settings = ModelTrainingSettings(hyperparameters: .fixed(c: 8, epsilon: 0.01, gamma: 0.5), validationFolds: 2)

    static func quietLogger() -> Logger {
        var logger = Logger(label: "test.tiny")
        logger.logLevel = .warning
        return logger
    }

    /// Spectra 1...40 (training set of 1...30), a model trained on them (not promoted); returns its id.
    static func trainedModel(_ db: PostgresConnection) throws -> Int {
        let pp = try spectra(db, first: 1, count: 40)
        try trainingSet(db, obsids: Array(1...30), preprocessingID: pp)
        return try ModelTrainer(settings: settings, logger: quietLogger())
            .train(trainingSet: trainingSetName, connection: db).modelID
    }

    static func count(_ db: PostgresConnection, _ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> Int {
        try db.query(sql, parameters).first?.decode(Int.self, at: 0) ?? -1
    }
}
