import CatalogueTestSupport
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

    /// Creates the preprocessing row (unless `preprocessingID` is given) and `count` STAR spectra with obsids
    /// `first...` (designation `J<obsid>+2000`) preprocessed to their labels' flux; returns the preprocessing id.
    @discardableResult
    static func spectra(_ db: PostgresConnection, first: Int64, count: Int, preprocessingID: Int? = nil) throws -> Int {
        let pp = try preprocessingID ?? TestRows.preprocessing(db, version: "tiny-pp", gridStart: 4000, gridStep: 10, pixels: pixels)
        for k in 0..<count {
            let obsid = first + Int64(k)
            let (teff, logg) = labels(Int(obsid))
            try TestRows.spectrum(db, obsid: obsid, ra: 10 + Double(obsid) * 0.01, dec: 20, snrg: 30 + Double(k % 5) * 20,
                                  designation: "J\(obsid)+2000", objectClass: "STAR")
            try TestRows.preprocessedSpectrum(db, obsid: obsid, preprocessingID: pp, flux: flux(teff: teff, logg: logg),
                                              ivar: [Float](repeating: 1e4, count: pixels))
        }
        return pp
    }

    /// A training set of the spectra `obsids` with their true labels; returns its id.
    @discardableResult
    static func trainingSet(_ db: PostgresConnection, obsids: [Int64], preprocessingID: Int, name: String = trainingSetName,
                            criteria: String = "{}") throws -> Int {
        let id = try TestRows.trainingSet(db, name: name, labelSet: labelSet, labelNames: labelNames, preprocessingID: preprocessingID,
                                          criteria: criteria, memberCount: obsids.count)
        for obsid in obsids {
            let (teff, logg) = labels(Int(obsid))
            try TestRows.trainingSetMember(db, trainingSetID: id, obsid: obsid, labels: [Float(teff), Float(logg)])
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
