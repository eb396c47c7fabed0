import Formats
import Foundation
import Numerics
import Store

extension LamostIngestor {
    /// Writes one batch inside the caller's transaction.
    func write(_ outcomes: [LamostFileOutcome], paths: [String], db: PostgresConnection, jobID: Int64?,
               summary: inout LamostIngestSummary) throws {
        let preprocessingID = try Self.ensurePreprocessing(preprocessor, db: db)
        try Self.preferFastCompression(db)
        var rejections: [RejectionRecord] = []
        var records: [(LamostSpectrumRecord, PreprocessedSpectrum?)] = []
        for outcome in outcomes {
            switch outcome {
            case .alreadyIngested: summary.alreadyIngested += 1
            case let .rejected(rejection): rejections.append(rejection)
            case let .read(record, preprocessed, preprocessingRejection):
                records.append((record, preprocessed))
                if let preprocessingRejection { rejections.append(preprocessingRejection) }
            }
        }

        // A retried batch replaces the earlier rejections of the files it processed (files skipped as
        // already ingested keep theirs).
        let processed = zip(paths, outcomes).compactMap { path, outcome -> String? in
            if case .alreadyIngested = outcome { return nil }
            return path
        }
        try db.execute("DELETE FROM rejection WHERE stage IN ($1, $2) AND source = ANY($3)",
                       [Self.stage, Self.preprocessStage, processed])

        try db.executeScript("""
            CREATE TEMP TABLE stage_spectrum (LIKE lamost_spectrum INCLUDING DEFAULTS) ON COMMIT DROP;
            CREATE TEMP TABLE stage_preprocessed (obsid bigint, file_sha256 text, flux real[], ivar real[],
                                                  n_bad_pixels integer, n_masked_pixels integer,
                                                  normalisation_fallback boolean, flags integer) ON COMMIT DROP;
            ALTER TABLE stage_preprocessed ALTER flux SET STORAGE EXTERNAL, ALTER ivar SET STORAGE EXTERNAL;
            """, name: "create staging tables")
        try db.copyIn(table: "stage_spectrum", columns: Self.spectrumColumns) { copy in
            for (record, _) in records { try copy.append(Self.spectrumRow(record, jobID: jobID)) }
        }
        try db.copyIn(table: "stage_preprocessed", columns: ["obsid", "file_sha256", "flux", "ivar", "n_bad_pixels",
                                                             "n_masked_pixels", "normalisation_fallback", "flags"]) { copy in
            for case let (record, pre?) in records {
                try copy.append([record.obsid, record.sha256, pre.flux, pre.ivar, pre.badPixelCount,
                                 pre.maskedPixelCount, pre.normalisationFallback, Int(pre.flags.rawValue)])
            }
        }

        // Same obsid from a different file (another release, or twice in this batch): keep the first.
        for row in try db.query(Self.duplicateObsids).rows {
            let path = try row.decode(String.self, at: 0)
            let obsid = try row.decode(Int64.self, at: 1)
            let other = try row.decode(String.self, at: 2)
            rejections.append(RejectionRecord(
                stage: Self.stage, source: path, object: String(obsid), code: "duplicate_obsid",
                reason: "obsid \(obsid) is already ingested from \(other) with different content"))
        }
        summary.ingested = try db.execute(Self.insertSpectra)
        summary.preprocessed = try db.execute(Self.insertPreprocessed, [preprocessingID])

        try db.copyIn(table: "rejection", columns: ["stage", "source", "object", "reason_code", "reason", "job_id"]) { copy in
            for r in rejections { try copy.append([r.stage, r.source, r.object, r.code, r.reason, jobID]) }
        }
        summary.rejected = rejections.count { $0.stage == Self.stage }
        summary.preprocessingRejected = rejections.count { $0.stage == Self.preprocessStage }
    }

    /// Compresses this transaction's new TOAST values (header JSON, flux and ivar arrays) with lz4 when
    /// the server supports it: several times faster than the default pglz on float arrays, which
    /// hardly compress anyway. Values stay readable whatever their compression.
    static func preferFastCompression(_ db: PostgresConnection) throws {
        let lz4 = try db.query("""
            SELECT coalesce('lz4' = ANY(enumvals), false) FROM pg_settings WHERE name = 'default_toast_compression'
            """, name: "lz4_available").first?.decode(Bool.self, at: 0) ?? false
        if lz4 { try db.execute("SET LOCAL default_toast_compression = 'lz4'") }
    }

    /// The `preprocessing` row of this preprocessor's version, created on first use.
    static func ensurePreprocessing(_ preprocessor: SpectrumPreprocessor, db: PostgresConnection) throws -> Int {
        let settings = preprocessor.settings
        try db.execute("""
            INSERT INTO preprocessing (version, settings, grid_start, grid_step, n_pixels)
            VALUES ($1, $2, $3, $4, $5) ON CONFLICT (version) DO NOTHING
            """, [preprocessor.version, try JSONB(encoding: settings), settings.gridStart, settings.gridStep,
                  preprocessor.gridWavelengths.count])
        guard let row = try db.query("SELECT preprocessing_id FROM preprocessing WHERE version = $1",
                                     [preprocessor.version]).first else {
            throw PostgresError.noRows(statement: "preprocessing version")
        }
        return try row.decode(Int.self, at: 0)
    }

    static let spectrumColumns = [
        "obsid", "obsid_synthetic", "designation", "ra", "dec", "lmjd", "mjd", "date_obs", "planid", "spid",
        "fiberid", "class", "subclass", "z", "z_err", "helio_rv", "snru", "snrg", "snrr", "snri", "snrz",
        "data_release", "pipeline_version", "file_layout", "n_pixels", "file_path", "file_sha256", "file_bytes",
        "header", "notes", "ingest_job_id",
    ]

    static func spectrumRow(_ record: LamostSpectrumRecord, jobID: Int64?) -> [any PostgresEncodable] {
        let m = record.spectrum.metadata
        let snr = m.snr
        return [
            record.obsid, record.obsidSynthetic, m.designation, m.ra, m.dec, m.lmjd, m.mjd, m.dateObs, m.planid,
            m.spid, m.fiberid, m.objectClass, m.subclass, m.z, m.zErr, m.helioRV,
            snr.u.map(Float.init), snr.g.map(Float.init), snr.r.map(Float.init), snr.i.map(Float.init),
            snr.z.map(Float.init), m.dataRelease, m.pipelineVersion, record.spectrum.layout.rawValue,
            record.spectrum.pixelCount, record.path, record.sha256, record.bytes,
            JSONB(record.spectrum.header.jsonString), record.spectrum.notes, jobID,
        ]
    }

    static let duplicateObsids = """
        SELECT st.file_path, st.obsid, coalesce(s.file_path, first.file_path)
        FROM stage_spectrum st
        LEFT JOIN lamost_spectrum s ON s.obsid = st.obsid
        LEFT JOIN LATERAL (SELECT f.file_path FROM stage_spectrum f WHERE f.obsid = st.obsid
                           ORDER BY f.file_path LIMIT 1) first ON true
        WHERE (s.obsid IS NOT NULL AND s.file_sha256 <> st.file_sha256)
           OR (s.obsid IS NULL AND first.file_path <> st.file_path)
        """

    static let insertSpectra = """
        INSERT INTO lamost_spectrum
        SELECT DISTINCT ON (obsid) * FROM stage_spectrum ORDER BY obsid, file_path
        ON CONFLICT (obsid) DO NOTHING
        """

    /// Only spectra whose stored row comes from the same file content get its preprocessed spectrum.
    static let insertPreprocessed = """
        INSERT INTO spectrum_preprocessed (obsid, preprocessing_id, flux, ivar, n_bad_pixels, n_masked_pixels,
                                           normalisation_fallback, flags)
        SELECT p.obsid, $1, p.flux, p.ivar, p.n_bad_pixels, p.n_masked_pixels, p.normalisation_fallback, p.flags
        FROM stage_preprocessed p
        JOIN lamost_spectrum s ON s.obsid = p.obsid AND s.file_sha256 = p.file_sha256
        ON CONFLICT (obsid, preprocessing_id) DO NOTHING
        """
}
