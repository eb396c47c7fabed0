import Catalogue
import Foundation
import SLAMNumerics
import Store

/// Rows for the integration tests, one factory per table they fill, with overridable defaults: a test names
/// only what it cares about. Each inserts through the Catalogue module's own query where there is one (else
/// one `SQL` value, parameters bound) and returns the new row's id (its key where the key is not a serial).
///
/// The defaults describe one small, consistent world: a 4-pixel preprocessing grid (3900 Å + 1 Å steps,
/// version `test-pp`), spectra near (RA 10°, Dec 20°) with S/N_g 150 and flat preprocessed flux, two labels
/// (teff, logg) in label set `labels`, and the APOGEE paper's labels for stars.
public enum TestRows {
    /// Pixels of the default preprocessing grid (and of the default preprocessed spectrum).
    public static let pixels = 4
    /// Label names of the default training set and model.
    public static let labelNames = ["teff", "logg"]

    /// A `preprocessing` row (`PreprocessingQueries.ensure`: an existing `version` is reused); returns its id.
    /// `gridStart`, `gridStep`: the grid's first wavelength and step as stored; `settings`: JSON text.
    @discardableResult
    public static func preprocessing(_ db: PostgresConnection, version: String = "test-pp", gridStart: Double = 3900,
                                     gridStep: Double = 1, pixels: Int = pixels, settings: String = "{}") throws -> Int {
        try PreprocessingQueries.ensure(version: version, settings: JSONB(settings), gridStart: gridStart, gridStep: gridStep,
                                        pixels: pixels, db: db)
    }

    /// The fixture checksum of spectrum `obsid`'s file: 64 hex digits ending in the obsid.
    public static func fileSHA256(_ obsid: Int64) -> String {
        String(repeating: "0", count: 48) + String(format: "%016llx", obsid)
    }

    /// A `lamost_spectrum` row (an image-layout file `/fixture/<obsid>.fits` of 3909 pixels); returns its obsid.
    /// `ra`, `dec`: degrees; `snrg`: S/N in g (nil: unknown); `objectClass`: the LAMOST `class` (nil: none).
    @discardableResult
    public static func spectrum(_ db: PostgresConnection, obsid: Int64 = 1, ra: Double = 10, dec: Double = 20,
                                snrg: Double? = 150, designation: String? = nil, objectClass: String? = nil) throws -> Int64 {
        try db.execute("""
            INSERT INTO lamost_spectrum (obsid, ra, dec, snrg, designation, class, file_layout, n_pixels, file_path, file_sha256,
                                         file_bytes, header)
            VALUES (\(obsid), \(ra), \(dec), \(snrg.map(Float.init)), \(designation), \(objectClass), 'image', 3909,
                    \("/fixture/\(obsid).fits"), \(fileSHA256(obsid)), 1000, '{}')
            """)
        return obsid
    }

    /// A `spectrum_preprocessed` row of spectrum `obsid` on preprocessing `preprocessingID` (nil: the default
    /// one, created if missing); `flux`, `ivar`: one value per pixel. Returns the obsid.
    @discardableResult
    public static func preprocessedSpectrum(_ db: PostgresConnection, obsid: Int64 = 1, preprocessingID: Int? = nil,
                                            flux: [Float] = .init(repeating: 1, count: pixels),
                                            ivar: [Float] = .init(repeating: 100, count: pixels), badPixels: Int = 0) throws -> Int64 {
        let pp = try preprocessingID ?? preprocessing(db)
        let a = try CompactSpectrumArrays(flux: flux, ivar: ivar)
        try db.execute("""
            INSERT INTO spectrum_preprocessed (obsid, preprocessing_id, flux_code, flux_offset, flux_step, ivar_code,
                                               log2_ivar_offset, log2_ivar_step, n_bad_pixels)
            VALUES (\(obsid), \(pp), \(a.fluxCodes), \(a.fluxOffset), \(a.fluxStep), \(a.ivarCodes), \(a.log2IvarOffset),
                    \(a.log2IvarStep), \(badPixels))
            """)
        return obsid
    }

    /// A `training_set` row (`TrainingSetQueries.insert`, version: the name's next unless given) without
    /// members (add them with `trainingSetMember`; `memberCount` is what the row records); returns its id.
    /// `preprocessingID` nil: the default preprocessing, created if missing. `criteria`: JSON text.
    @discardableResult
    public static func trainingSet(_ db: PostgresConnection, name: String = "set", version: Int? = nil,
                                   labelSet: String = "labels", labelNames: [String] = labelNames,
                                   labelSource: String = "fixture", preprocessingID: Int? = nil, criteria: String = "{}",
                                   validationFraction: Double = 0, seed: UInt64 = 1, memberCount: Int = 0) throws -> Int {
        let pp = try preprocessingID ?? preprocessing(db)
        let version = try version ?? TrainingSetQueries.lockNextVersion(name: name, db: db)
        return try TrainingSetQueries.insert(.init(
            name: name, version: version, labelSet: labelSet, labelNames: labelNames, labelSource: labelSource,
            crossmatchRunID: nil, preprocessingID: pp, criteria: JSONB(criteria), validationFraction: validationFraction,
            seed: seed, members: memberCount, catalogueID: nil), db: db)
    }

    /// A `training_set_member` row of set `trainingSetID`: spectrum `obsid` with its reference star
    /// (`referenceID` nil: the obsid as text), `labels` in the set's label order and the member's S/N_g.
    /// Returns the obsid.
    @discardableResult
    public static func trainingSetMember(_ db: PostgresConnection, trainingSetID: Int, obsid: Int64 = 1,
                                         referenceID: String? = nil, labels: [Float] = [4500, 2.5],
                                         labelErrors: [Float]? = nil, snrg: Float? = 100, heldOut: Bool = false) throws -> Int64 {
        try db.execute("""
            INSERT INTO training_set_member (training_set_id, obsid, reference_id, labels, label_errors, snrg, held_out)
            VALUES (\(trainingSetID), \(obsid), \(referenceID ?? String(obsid)), \(labels), \(labelErrors), \(snrg), \(heldOut))
            """)
        return obsid
    }

    /// A `model` row (`ModelQueries.insertTraining`: status `training`); with `ready`, its blob written
    /// (`ModelBlobQueries.write`) and marked ready (`ModelQueries.markReady`). `trainingSetID` nil: a new
    /// member-less training set on `preprocessingID`. Returns its id.
    @discardableResult
    public static func model(_ db: PostgresConnection, trainingSetID: Int? = nil, preprocessingID: Int? = nil,
                             labelSet: String = "labels", labelNames: [String] = labelNames, settings: String = #"{"c":1}"#,
                             codeVersion: String = "test", trainCount: Int = 2, pixelCount: Int = pixels,
                             trainJobID: Int64? = nil, ready: Bool = false, blob: [UInt8] = [1, 2, 3]) throws -> Int {
        let pp = try preprocessingID ?? preprocessing(db)
        let set = try trainingSetID ?? trainingSet(db, labelSet: labelSet, labelNames: labelNames, preprocessingID: pp)
        let id = try ModelQueries.insertTraining(.init(
            labelSet: labelSet, trainingSetID: set, labelNames: labelNames, preprocessingID: pp, settings: JSONB(settings),
            codeVersion: codeVersion, trainCount: trainCount, pixelCount: pixelCount, trainJobID: trainJobID), db: db)
        if ready {
            try ModelBlobQueries.write(modelID: id, blob: blob, chunkBytes: 2, db: db)
            try ModelQueries.markReady(id: id, blobBytes: blob.count, blobSHA256: SHA256Digest.hex(blob),
                                       crossValidationMetrics: JSONB(#"{"n":1}"#), timings: JSONB(#"{"train":0.5}"#), db: db)
        }
        return id
    }

    /// A `model_pixel` row of model `modelID` (`ModelPixelQueries.write`); `wavelength`: Å. Returns the pixel.
    @discardableResult
    public static func modelPixel(_ db: PostgresConnection, modelID: Int, pixel: Int = 0, wavelength: Double = 3900,
                                  c: Double = 4, epsilon: Double = 0.05, gamma: Double = 0.1, crossValidatedMSE: Double = 0.001,
                                  supportVectors: Int = 10) throws -> Int {
        try ModelPixelQueries.write(modelID: modelID, [.init(
            pixel: pixel, wavelength: wavelength, c: c, epsilon: epsilon, gamma: gamma, crossValidatedMSE: crossValidatedMSE,
            supportVectors: supportVectors)], db: db)
        return pixel
    }

    /// A `model_validation_prediction` row of model `modelID` for spectrum `obsid`; returns the obsid.
    /// (One `SQL` insert rather than `ModelValidationPredictionQueries.write`, which cannot store an unknown S/N.)
    @discardableResult
    public static func validationPrediction(_ db: PostgresConnection, modelID: Int, obsid: Int64 = 1,
                                            kind: String = "cross_validation", fold: Int? = nil, labels: [Float] = [4500, 2.5],
                                            formalErrors: [Float] = [40, 0.05], reference: [Float] = [4500, 2.5],
                                            snrg: Float? = 50) throws -> Int64 {
        try db.execute("""
            INSERT INTO model_validation_prediction (model_id, obsid, kind, fold, labels, formal_errors, reference, snrg)
            VALUES (\(modelID), \(obsid), \(kind), \(fold), \(labels), \(formalErrors), \(reference), \(snrg))
            """)
        return obsid
    }

    /// A `prediction` row of model `modelID` for spectrum `obsid`; `covariance`: labels × labels, row-major
    /// (nil: none). Returns the obsid.
    @discardableResult
    public static func prediction(_ db: PostgresConnection, modelID: Int, obsid: Int64 = 1, labels: [Float] = [4600, 2.5],
                                  formalErrors: [Float] = [40, 0.05], calibratedErrors: [Float]? = nil,
                                  covariance: [Float]? = nil, pixelCount: Int = pixels, iterations: Int = 3,
                                  status: String = "converged", flags: Int = 0) throws -> Int64 {
        try db.execute("""
            INSERT INTO prediction (model_id, obsid, labels, formal_errors, calibrated_errors, covariance, n_pixels, iterations,
                                    status, flags)
            VALUES (\(modelID), \(obsid), \(labels), \(formalErrors), \(calibratedErrors), \(covariance), \(pixelCount),
                    \(iterations), \(status), \(flags))
            """)
        return obsid
    }

    /// A `prediction_spectrum` row (`PredictionSpectrumQueries.insert`): the fit of model `modelID` to spectrum
    /// `obsid`, one value per pixel. Returns the obsid.
    @discardableResult
    public static func predictionSpectrum(_ db: PostgresConnection, modelID: Int, obsid: Int64 = 1,
                                          modelFlux: [Float] = .init(repeating: 1, count: pixels),
                                          residual: [Float] = .init(repeating: 0, count: pixels)) throws -> Int64 {
        _ = try PredictionSpectrumQueries.insert(modelID: modelID, obsid: obsid, modelFlux: modelFlux, residual: residual, db: db)
        return obsid
    }

    /// An `apogee_star` row with the APOGEE paper's labels (errors: teff 30 K, logg 0.05, [M/H] 0.02,
    /// [α/M] 0.02, [C/M] 0.04, [N/M] 0.05); `ra`, `dec`: degrees; nil labels are unknown. Returns its APOGEE id.
    @discardableResult
    public static func apogeeStar(_ db: PostgresConnection, id: String = "2M1", release: String = "DR15", ra: Double = 10,
                                  dec: Double = 20, snr: Double? = 200, teff: Double? = 4500, logg: Double? = 2.5,
                                  mH: Double? = -0.2, alphaM: Double? = 0.1, cM: Double? = 0.0, nM: Double? = 0.2,
                                  aspcapflag: Int64 = 0, starflag: Int64 = 0) throws -> String {
        func f(_ v: Double?) -> Float? { v.map(Float.init) }
        try db.execute("""
            INSERT INTO apogee_star (apogee_id, release, ra, dec, snr, teff, teff_err, logg, logg_err, m_h, m_h_err,
                                     alpha_m, alpha_m_err, c_m, c_m_err, n_m, n_m_err, aspcapflag, starflag, source_file)
            VALUES (\(id), \(release), \(ra), \(dec), \(f(snr)), \(f(teff)), 30, \(f(logg)), 0.05, \(f(mH)), 0.02,
                    \(f(alphaM)), 0.02, \(f(cM)), 0.04, \(f(nM)), 0.05, \(aspcapflag), \(starflag), 'fixture')
            """)
        return id
    }

    /// A `crossmatch_run` row (`CrossmatchQueries.insertRun`), still `running`; `radiusArcsec`, `ambiguityArcsec`:
    /// arcsec; `parameters`: JSON text. Returns its id.
    @discardableResult
    public static func crossmatchRun(_ db: PostgresConnection, radiusArcsec: Double = 3, apogeeRelease: String = "DR15",
                                     ambiguityArcsec: Double = 1, parameters: String = "{}", jobID: Int64? = nil) throws -> Int {
        try CrossmatchQueries.insertRun(radiusArcsec: radiusArcsec, apogeeRelease: apogeeRelease, ambiguityArcsec: ambiguityArcsec,
                                        parameters: JSONB(parameters), jobID: jobID, db: db)
    }

    /// A `rejection` row (`RejectionWriter.write`, which returns no id): input `source` refused at `stage`.
    public static func rejection(_ db: PostgresConnection, stage: String = "ingest", source: String = "/data/b.fits",
                                 object: String? = nil, code: String = "x", reason: String = "y", jobID: Int64? = nil) throws {
        try RejectionWriter.write(RejectionRecord(stage: stage, source: source, object: object, code: code, reason: reason),
                                  jobID: jobID, db: db)
    }

    /// Degrees of right ascension that put a star `arcsec` east of another at declination `dec` (degrees).
    public static func raOffset(arcsec: Double, dec: Double) -> Double { arcsec / 3600 / cos(dec * .pi / 180) }
}
