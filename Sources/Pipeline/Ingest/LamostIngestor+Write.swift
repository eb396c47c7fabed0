import Catalogue
import Formats
import Foundation
import Numerics
import Store

extension LamostIngestor {
    /// Writes the outcomes at `indices` in one transaction (the fence first); when the database refuses
    /// a row's data, writes each half in its own transaction instead, down to single files, and a single
    /// spectrum the database refuses becomes a `database_refused` rejection naming the file.
    func writeIsolating(_ indices: [Int], outcomes: [LamostFileOutcome], paths: [String], connection: PostgresConnection,
                        jobID: Int64?, fence: ((PostgresConnection) throws -> Void)?,
                        summary: inout LamostIngestSummary) throws {
        var fenceFailed = false
        var part = LamostIngestSummary(files: 0)
        do {
            try connection.transaction { db in
                do { try fence?(db) } catch { fenceFailed = true; throw error }
                try write(indices.map { outcomes[$0] }, positions: indices, paths: paths, db: db, jobID: jobID, summary: &part)
            }
        } catch {
            guard !fenceFailed, Self.isRowDataProblem(error) else { throw error }
            if indices.count > 1 {
                let half = indices.count / 2
                try writeIsolating(Array(indices[..<half]), outcomes: outcomes, paths: paths, connection: connection,
                                   jobID: jobID, fence: fence, summary: &summary)
                try writeIsolating(Array(indices[half...]), outcomes: outcomes, paths: paths, connection: connection,
                                   jobID: jobID, fence: fence, summary: &summary)
                return
            }
            guard let index = indices.first, case let .read(record, _, _) = outcomes[index] else { throw error }
            var replaced = outcomes
            replaced[index] = .rejected(RejectionRecord(
                stage: Self.stage, source: record.path, object: record.obsidSynthetic ? nil : String(record.obsid),
                code: "database_refused", reason: "\(record.path): the database refused its row: \(error)"))
            try writeIsolating(indices, outcomes: replaced, paths: paths, connection: connection, jobID: jobID,
                               fence: fence, summary: &summary)
            return
        }
        summary.add(part)
    }

    /// Whether a failed write is about a row's data (a value out of range, a constraint, a row too big,
    /// a value COPY cannot encode), so that writing fewer rows can isolate it; connection failures,
    /// serialisation failures and the like are not.
    static func isRowDataProblem(_ error: any Error) -> Bool {
        guard let error = error as? PostgresError else { return false }
        switch error {
        case let .server(state, _, _, _): return ["22", "23", "54"].contains(String(state.prefix(2)))
        case .encoding: return true
        case let .copy(_, reason): return reason.hasPrefix("row ")
        default: return false
        }
    }

    /// Writes one batch (or part of one: `positions` are the outcomes' indices in `paths`) inside the
    /// caller's transaction.
    func write(_ outcomes: [LamostFileOutcome], positions: [Int], paths: [String], db: PostgresConnection, jobID: Int64?,
               summary: inout LamostIngestSummary) throws {
        let preprocessingID = try Self.ensurePreprocessing(preprocessor, db: db)
        try Self.preferFastCompression(db)
        var rejections: [RejectionRecord] = []
        var records: [(record: LamostSpectrumRecord, preprocessed: PreprocessedSpectrum?, position: Int)] = []
        for (outcome, position) in zip(outcomes, positions) {
            switch outcome {
            case .alreadyIngested: summary.alreadyIngested += 1
            case let .rejected(rejection): rejections.append(rejection)
            case let .read(record, preprocessed, preprocessingRejection):
                records.append((record, preprocessed, position))
                if let preprocessingRejection { rejections.append(preprocessingRejection) }
            }
        }

        // A retried batch replaces the earlier rejections of the files it processed (files skipped as
        // already ingested keep theirs).
        let processed = outcomes.compactMap { outcome -> String? in
            switch outcome {
            case .alreadyIngested: nil
            case let .rejected(r): r.source
            case let .read(record, _, _): record.path
            }
        }
        try RejectionWriter.clear(stages: [Self.stage, Self.preprocessStage], sources: processed, db: db)

        // Duplicate obsids: decided under a lock per obsid, so two batches holding one obsid take turns
        // and each sees what the other stored.
        let obsids = Array(Set(records.map { Int($0.record.obsid) })).sorted()
        _ = try db.query("""
            SELECT count(*) FROM (SELECT pg_advisory_xact_lock($2::int, hashint8(o))
                                  FROM (SELECT o FROM unnest($1::bigint[]) AS o ORDER BY o) ordered) locked
            """, [obsids, Int(Self.obsidLockClass)], name: "lock_lamost_obsids")
        var stored: [Int64: LamostDuplicateRule.Candidate] = [:]
        for row in try db.query("""
            SELECT obsid, file_path, file_sha256, data_release, pipeline_version, ingest_job_id
            FROM lamost_spectrum WHERE obsid = ANY($1)
            """, [obsids], name: "stored_lamost_obsids").rows {
            let path = try row.decode(String.self, at: 1)
            let job = try row.decode(Int64?.self, at: 5)
            stored[try row.decode(Int64.self, at: 0)] = LamostDuplicateRule.Candidate(
                path: path, sha256: try row.decode(String.self, at: 2), dataRelease: try row.decode(String?.self, at: 3),
                pipelineVersion: try row.decode(String?.self, at: 4), jobID: job,
                position: job == jobID ? paths.firstIndex(of: path) : nil)
        }
        let plan = Self.planDuplicates(records.map { ($0.record, $0.position) }, stored: stored, jobID: jobID)
        rejections += plan.rejections
        let writes = records.filter { plan.keep.contains($0.position) }

        try db.executeScript("""
            CREATE TEMP TABLE stage_spectrum (LIKE lamost_spectrum INCLUDING DEFAULTS) ON COMMIT DROP;
            CREATE TEMP TABLE stage_preprocessed (obsid bigint, file_sha256 text, flux real[], ivar real[],
                                                  n_bad_pixels integer, n_masked_pixels integer,
                                                  normalisation_fallback boolean, flags integer) ON COMMIT DROP;
            ALTER TABLE stage_preprocessed ALTER flux SET STORAGE EXTERNAL, ALTER ivar SET STORAGE EXTERNAL;
            """, name: "create staging tables")
        try db.copyIn(table: "stage_spectrum", columns: Self.spectrumColumns) { copy in
            for entry in writes where stored[entry.record.obsid]?.sha256 != entry.record.sha256 {
                try copy.append(Self.spectrumRow(entry.record, jobID: jobID))
            }
        }
        try db.copyIn(table: "stage_preprocessed", columns: ["obsid", "file_sha256", "flux", "ivar", "n_bad_pixels",
                                                             "n_masked_pixels", "normalisation_fallback", "flags"]) { copy in
            for case let (record, pre?, _) in writes {
                try copy.append([record.obsid, record.sha256, pre.flux, pre.ivar, pre.badPixelCount,
                                 pre.maskedPixelCount, pre.normalisationFallback, Int(pre.flags.rawValue)])
            }
        }
        if !plan.replaced.isEmpty {
            // The displaced files' spectra and rejections go; their preprocessed spectra were of other content.
            try db.execute("DELETE FROM spectrum_preprocessed WHERE obsid = ANY($1)", [plan.replaced.map { Int($0.obsid) }],
                           name: "delete_replaced_preprocessed")
            try RejectionWriter.clear(stages: [Self.stage, Self.preprocessStage], sources: plan.replaced.map(\.path), db: db)
        }
        summary.ingested += try db.execute(Self.upsertSpectra, name: "upsert_lamost_spectra")
        summary.preprocessed += try db.execute(Self.insertPreprocessed, [preprocessingID], name: "insert_preprocessed")

        try RejectionWriter.write(rejections.map(\.storable), jobID: jobID, db: db)
        summary.rejected += rejections.count { $0.stage == Self.stage }
        summary.preprocessingRejected += rejections.count { $0.stage == Self.preprocessStage }
    }

    /// First key of the advisory locks taken per obsid while writing (the second is `hashint8(obsid)`).
    static let obsidLockClass: Int32 = 0x4C41_4D4F  // "LAMO"

    /// What to write for a batch's spectra given the stored ones: which batch positions to keep, which
    /// stored files are displaced, and the rejections of the losers (each naming the winner).
    struct DuplicatePlan {
        var keep: Set<Int> = []
        var replaced: [(obsid: Int64, path: String)] = []
        var rejections: [RejectionRecord] = []
    }

    static func planDuplicates(_ records: [(record: LamostSpectrumRecord, position: Int)],
                               stored: [Int64: LamostDuplicateRule.Candidate], jobID: Int64?) -> DuplicatePlan {
        var plan = DuplicatePlan()
        let groups = Dictionary(grouping: records, by: \.record.obsid)
        for obsid in groups.keys.sorted() {
            let group = groups[obsid]!.sorted { $0.position < $1.position }
            let candidates = group.map { entry in
                LamostDuplicateRule.Candidate(
                    path: entry.record.path, sha256: entry.record.sha256, dataRelease: entry.record.spectrum.metadata.dataRelease,
                    pipelineVersion: entry.record.spectrum.metadata.pipelineVersion, jobID: jobID, position: entry.position)
            }
            var best = 0
            for i in candidates.indices.dropFirst()
            where LamostDuplicateRule.decide(challenger: candidates[i], incumbent: candidates[best]).challengerWins {
                best = i
            }
            var winner = candidates[best]
            var winnerIsStored = false
            if let incumbent = stored[obsid], incumbent.sha256 != winner.sha256 {
                let decision = LamostDuplicateRule.decide(challenger: winner, incumbent: incumbent)
                if decision.challengerWins {
                    plan.replaced.append((obsid, incumbent.path))
                    plan.rejections.append(duplicateRejection(loser: incumbent.path, obsid: obsid, winner: winner.path,
                                                              why: decision.why))
                } else {
                    winner = incumbent
                    winnerIsStored = true
                }
            }
            for (i, candidate) in candidates.enumerated() {
                if !winnerIsStored, i == best {
                    plan.keep.insert(group[i].position)
                    continue
                }
                if candidate.sha256 == winner.sha256 {
                    // The same content under another path: nothing to replace, preprocess it like the winner.
                    if winnerIsStored { plan.keep.insert(group[i].position) }
                    continue
                }
                let decision = LamostDuplicateRule.decide(challenger: candidate, incumbent: winner)
                plan.rejections.append(duplicateRejection(loser: candidate.path, obsid: obsid, winner: winner.path,
                                                          why: decision.why))
            }
        }
        return plan
    }

    static func duplicateRejection(loser: String, obsid: Int64, winner: String, why: String) -> RejectionRecord {
        RejectionRecord(stage: stage, source: loser, object: String(obsid), code: "duplicate_obsid",
                        reason: "\(loser): obsid \(obsid) is also in \(winner) (different content), which is kept: \(why)")
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

    /// Inserts the staged spectra; a staged spectrum whose obsid is stored is one that won over the
    /// stored file under ``LamostDuplicateRule`` (only winners are staged) and replaces its row in place.
    static let upsertSpectra = """
        INSERT INTO lamost_spectrum
        SELECT * FROM stage_spectrum
        ON CONFLICT (obsid) DO UPDATE SET
            obsid_synthetic = EXCLUDED.obsid_synthetic, designation = EXCLUDED.designation, ra = EXCLUDED.ra,
            dec = EXCLUDED.dec, lmjd = EXCLUDED.lmjd, mjd = EXCLUDED.mjd, date_obs = EXCLUDED.date_obs,
            planid = EXCLUDED.planid, spid = EXCLUDED.spid, fiberid = EXCLUDED.fiberid, class = EXCLUDED.class,
            subclass = EXCLUDED.subclass, z = EXCLUDED.z, z_err = EXCLUDED.z_err, helio_rv = EXCLUDED.helio_rv,
            snru = EXCLUDED.snru, snrg = EXCLUDED.snrg, snrr = EXCLUDED.snrr, snri = EXCLUDED.snri, snrz = EXCLUDED.snrz,
            data_release = EXCLUDED.data_release, pipeline_version = EXCLUDED.pipeline_version,
            file_layout = EXCLUDED.file_layout, n_pixels = EXCLUDED.n_pixels, file_path = EXCLUDED.file_path,
            file_sha256 = EXCLUDED.file_sha256, file_bytes = EXCLUDED.file_bytes, header = EXCLUDED.header,
            notes = EXCLUDED.notes, ingest_job_id = EXCLUDED.ingest_job_id, ingested_at = now()
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
