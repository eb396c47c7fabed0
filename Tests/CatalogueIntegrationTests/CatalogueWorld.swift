import CatalogueTestSupport
import Store

/// Small worlds of the Catalogue query tests, built on `TestRows`: spectra with a training set and a ready
/// model on the 4-pixel grid, and the report queries' training model with one bad pixel per spectrum.
enum CatalogueWorld {
    /// A training set of `obsids` (labels teff = 4000 + obsid K, logg = 2; the last `heldOut` held out); returns its id.
    static func trainingSet(_ db: PostgresConnection, name: String = "set", obsids: [Int64], heldOut: Int = 0,
                            preprocessingID: Int) throws -> Int {
        let set = try TestRows.trainingSet(db, name: name, preprocessingID: preprocessingID, memberCount: obsids.count)
        for (k, obsid) in obsids.enumerated() {
            try TestRows.trainingSetMember(db, trainingSetID: set, obsid: obsid, labels: [Float(4000 + obsid), 2],
                                           heldOut: k >= obsids.count - heldOut)
        }
        return set
    }

    /// STAR spectra 1...n (designation `J<obsid>`, S/N_g 10 × obsid) preprocessed on the default grid, a training
    /// set of them and a ready model; returns the ids.
    static func readyModel(_ db: PostgresConnection, spectra n: Int64 = 4) throws -> (model: Int, preprocessing: Int, trainingSet: Int) {
        let pp = try TestRows.preprocessing(db)
        for obsid in 1...n {
            try TestRows.spectrum(db, obsid: obsid, snrg: Double(10 * obsid), designation: "J\(obsid)", objectClass: "STAR")
            try TestRows.preprocessedSpectrum(db, obsid: obsid, preprocessingID: pp)
        }
        let set = try trainingSet(db, obsids: Array(1...n), preprocessingID: pp)
        return (try TestRows.model(db, trainingSetID: set, preprocessingID: pp, ready: true), pp, set)
    }

    /// The report queries' grid: version `report-pp`, 3900 Å + 2 Å steps, 4 pixels; returns its id.
    static func reportPreprocessing(_ db: PostgresConnection) throws -> Int {
        try TestRows.preprocessing(db, version: "report-pp", gridStep: 2)
    }

    /// Spectrum `obsid` with S/N_g `snrg`; with `preprocessingID`, its preprocessed spectrum with pixel 2 bad
    /// (flux 1, 0.9, 0.8, 1; ivar 100, 100, 0, 100).
    static func reportSpectrum(_ db: PostgresConnection, obsid: Int64, snrg: Double? = 100, preprocessingID: Int? = nil) throws {
        try TestRows.spectrum(db, obsid: obsid, snrg: snrg)
        if let preprocessingID {
            try TestRows.preprocessedSpectrum(db, obsid: obsid, preprocessingID: preprocessingID, flux: [1, 0.9, 0.8, 1],
                                              ivar: [100, 100, 0, 100], badPixels: 1)
        }
    }

    /// A training set `name` of `members` (obsid, teff, logg) in label set `report-labels`, and a model of it
    /// still training; returns the model's id.
    static func reportModel(_ db: PostgresConnection, preprocessingID: Int, members: [(Int64, Float, Float)],
                            name: String = "set") throws -> Int {
        let set = try TestRows.trainingSet(db, name: name, labelSet: "report-labels", labelSource: "test",
                                           preprocessingID: preprocessingID, memberCount: members.count)
        for (obsid, teff, logg) in members {
            try TestRows.trainingSetMember(db, trainingSetID: set, obsid: obsid, referenceID: "star-\(obsid)",
                                           labels: [teff, logg], snrg: nil)
        }
        return try TestRows.model(db, trainingSetID: set, preprocessingID: preprocessingID, labelSet: "report-labels")
    }

    /// The integer in the first column of `sql`'s first row (-1 without rows).
    static func count(_ db: PostgresConnection, _ sql: SQL) throws -> Int {
        try db.query(sql).first?.decode(Int.self, at: 0) ?? -1
    }
}
