import Catalogue
import Formats
import Foundation
import SLAMNumerics
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
        try LamostSpectrumQueries.preferFastCompression(db: db)
        var rejections: [RejectionRecord] = []
        var records: [(record: LamostSpectrumRecord, preprocessed: (spectrum: PreprocessedSpectrum, arrays: CompactSpectrumArrays)?,
                       position: Int)] = []
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
        try LamostSpectrumQueries.lockObsids(obsids, db: db)
        var stored: [Int64: LamostDuplicateRule.Candidate] = [:]
        for file in try LamostSpectrumQueries.storedFiles(obsids: obsids, db: db) {
            stored[file.obsid] = LamostDuplicateRule.Candidate(
                path: file.path, sha256: file.sha256, dataRelease: file.dataRelease, pipelineVersion: file.pipelineVersion,
                jobID: file.jobID, position: file.jobID == jobID ? paths.firstIndex(of: file.path) : nil)
        }
        let plan = Self.planDuplicates(records.map { ($0.record, $0.position) }, stored: stored, jobID: jobID)
        rejections += plan.rejections
        let writes = records.filter { plan.keep.contains($0.position) }

        try LamostSpectrumQueries.createStaging(db: db)
        try LamostSpectrumQueries.stageSpectra(db: db) { copy in
            for entry in writes where stored[entry.record.obsid]?.sha256 != entry.record.sha256 {
                try copy.append(Self.spectrumRow(entry.record, jobID: jobID))
            }
        }
        try LamostSpectrumQueries.stagePreprocessed(db: db) { copy in
            for case let (record, pre?, _) in writes {
                let (spectrum, arrays) = pre
                try copy.append([record.obsid, record.sha256, arrays.fluxCodes, arrays.fluxOffset, arrays.fluxStep,
                                 arrays.ivarCodes, arrays.log2IvarOffset, arrays.log2IvarStep, spectrum.badPixelCount,
                                 spectrum.maskedPixelCount, spectrum.normalisationFallback, Int(spectrum.flags.rawValue)])
            }
        }
        if !plan.replaced.isEmpty {
            // The displaced files' spectra and rejections go; their preprocessed spectra were of other content.
            try LamostSpectrumQueries.deletePreprocessed(obsids: plan.replaced.map { Int($0.obsid) }, db: db)
            try RejectionWriter.clear(stages: [Self.stage, Self.preprocessStage], sources: plan.replaced.map(\.path), db: db)
        }
        summary.ingested += try LamostSpectrumQueries.upsertStagedSpectra(db: db)
        summary.preprocessed += try LamostSpectrumQueries.insertStagedPreprocessed(preprocessingID: preprocessingID, db: db)

        try RejectionWriter.write(rejections.map(\.storable), jobID: jobID, db: db)
        summary.rejected += rejections.count { $0.stage == Self.stage }
        summary.preprocessingRejected += rejections.count { $0.stage == Self.preprocessStage }
    }

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

    /// The `preprocessing` row of this preprocessor's version, created on first use.
    static func ensurePreprocessing(_ preprocessor: SpectrumPreprocessor, db: PostgresConnection) throws -> Int {
        let settings = preprocessor.settings
        return try PreprocessingQueries.ensure(version: preprocessor.version, settings: try JSONB(encoding: settings),
                                               gridStart: settings.gridStart, gridStep: settings.gridStep,
                                               pixels: preprocessor.gridWavelengths.count, db: db)
    }

    /// A spectrum's values in ``LamostSpectrumQueries/spectrumColumns`` order.
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
}
