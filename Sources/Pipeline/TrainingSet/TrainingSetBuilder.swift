import Foundation
import Queue
import Store

/// Creates immutable, versioned training sets from a crossmatch run with the paper's cuts, copying
/// each member's reference labels in (so a set is self-contained), with a seeded held-out split.
/// Everything happens in one transaction: a set is written whole, or (on an error or an empty
/// selection) not at all.
public struct TrainingSetBuilder: Sendable {
    /// Label-set name under which models trained on APOGEE labels publish.
    public static func labelSet(release: String) -> String { "apogee-" + release.lowercased() }

    public init() {}

    /// Names of the cuts, in the order they are applied.
    public static func cutNames(for criteria: TrainingSetCriteria) -> [String] {
        selection(criteria, runID: 0, preprocessingID: 0).cuts.map(\.name)
    }

    /// Selects the members, writes the set and returns its report. Built by a job, the set is written
    /// behind its lease `fence`.
    public func create(name: String, criteria: TrainingSetCriteria,
                       connection: PostgresConnection, fence: JobFence = .unfenced) throws(TrainingSetError) -> TrainingSetReport {
        try criteria.validate()
        return try TrainingSetTransaction.run(name: name, connection: connection, fence: fence) { db in
            try self.create(name: name, criteria: criteria, db: db)
        }
    }

    private func create(name: String, criteria: TrainingSetCriteria, db: PostgresConnection) throws -> TrainingSetReport {
        let (runID, release) = try resolveRun(criteria.crossmatchRunID, db: db)
        let preprocessingID = try resolvePreprocessing(criteria.preprocessingVersion, db: db)
        let selection = Self.selection(criteria, runID: runID, preprocessingID: preprocessingID)

        // Counts: candidates, then removed by each cut in order.
        let countSQL = selection.with + " SELECT count(*)" + selection.cuts.indices.map { k in
            ", count(*) FILTER (WHERE " + (0..<k).map { "c\($0)" }.joined(separator: " AND ")
                + (k == 0 ? "" : " AND ") + "NOT c\(k))"
        }.joined() + " FROM ranked"
        guard let countRow = try db.query(countSQL, selection.parameters).first else {
            throw PostgresError.noRows(statement: "training set counts")
        }
        let candidates = try countRow.decode(Int.self, at: 0)
        var remaining = candidates
        var cuts: [TrainingSetReport.Cut] = []
        for (k, cut) in selection.cuts.enumerated() {
            let removed = try countRow.decode(Int.self, at: k + 1)
            remaining -= removed
            cuts.append(.init(name: cut.name, removed: removed, remaining: remaining))
        }

        // Version under an advisory lock on the name, so two creators never collide.
        try db.execute("SELECT pg_advisory_xact_lock(hashtext('training_set:' || $1))", [name])
        let version = try db.query("SELECT coalesce(max(version), 0) + 1 FROM training_set WHERE name = $1", [name])
            .first?.decode(Int.self, at: 0) ?? 1
        let report0 = TrainingSetReport(trainingSetID: 0, name: name, version: version, crossmatchRunID: runID,
                                        candidates: candidates, cuts: cuts, members: remaining, heldOut: 0, labelSpans: [])
        guard remaining > 0 else { throw TrainingSetError.emptySelection(report: report0.text) }

        var criteriaRecord = criteria
        criteriaRecord.crossmatchRunID = runID
        criteriaRecord.aspcapBadMask = criteria.effectiveASPCAPMask
        let setID = try db.query(Self.insertSet, [
            name, version, Self.labelSet(release: release), criteria.labels.map(\.rawValue),
            "apogee_star release \(release) via crossmatch run \(runID)", runID, preprocessingID,
            try JSONB(encoding: criteriaRecord), JSONB("{}"), criteria.validationFraction,
            Int64(bitPattern: criteria.seed), remaining,
        ]).first?.decode(Int.self, at: 0) ?? 0

        // The registered APOGEE catalogue of the release (latest version), when there is one.
        try db.execute("""
            UPDATE training_set SET catalogue_id = (SELECT catalogue_id FROM label_catalogue
                                                    WHERE kind = 'apogee' AND apogee_release = $2 ORDER BY version DESC LIMIT 1)
            WHERE training_set_id = $1
            """, [setID, release])

        let withLabels = Self.selection(criteria, runID: runID, preprocessingID: preprocessingID, withLabels: true)
        var parameters = withLabels.parameters
        parameters.append(setID)
        let setParam = "$\(parameters.count)"
        parameters.append(String(criteria.seed))
        let seedParam = "$\(parameters.count)"
        parameters.append(criteria.validationFraction)
        let fractionParam = "$\(parameters.count)"
        let insertMembers = withLabels.with + """
             INSERT INTO training_set_member (training_set_id, obsid, reference_id, labels, label_errors, snrg, held_out)
            SELECT \(setParam), obsid, apogee_id, labels, label_errors, snrg,
                   ('x' || substr(md5(\(seedParam)::text || ':' || obsid::text), 1, 8))::bit(32)::bigint / 4294967296.0 < \(fractionParam)
            FROM ranked WHERE \(selection.cuts.indices.map { "c\($0)" }.joined(separator: " AND "))
            """
        let inserted = try db.execute(insertMembers, parameters)
        guard inserted == remaining else {
            throw PostgresError.protocolViolation("selected \(remaining) members but inserted \(inserted)")
        }

        // Report with label spans, stored with the set.
        var spans: [TrainingSetReport.LabelSpan] = []
        for (i, label) in criteria.labels.enumerated() {
            guard let row = try db.query("""
                SELECT min(labels[\(i + 1)])::float8, max(labels[\(i + 1)])::float8 FROM training_set_member WHERE training_set_id = $1
                """, [setID]).first else { continue }
            spans.append(.init(label: label.rawValue, minimum: try row.decode(Double.self, at: 0),
                               maximum: try row.decode(Double.self, at: 1)))
        }
        let heldOut = try db.query("SELECT count(*) FROM training_set_member WHERE training_set_id = $1 AND held_out", [setID])
            .first?.decode(Int.self, at: 0) ?? 0
        var report = report0
        report.trainingSetID = setID
        report.heldOut = heldOut
        report.labelSpans = spans
        try db.execute("UPDATE training_set SET cut_report = $2 WHERE training_set_id = $1", [setID, try JSONB(encoding: report)])
        return report
    }

    private func resolveRun(_ requested: Int?, db: PostgresConnection) throws -> (Int, String) {
        if let requested {
            guard let row = try db.query("SELECT status, apogee_release FROM crossmatch_run WHERE run_id = $1", [requested]).first else {
                throw TrainingSetError.unknownCrossmatchRun(requested)
            }
            guard try row.decode(String.self, at: 0) == "complete" else { throw TrainingSetError.crossmatchNotComplete(requested) }
            return (requested, try row.decode(String.self, at: 1))
        }
        guard let row = try db.query("""
            SELECT run_id, apogee_release FROM crossmatch_run WHERE status = 'complete' ORDER BY run_id DESC LIMIT 1
            """).first else { throw TrainingSetError.noCompleteCrossmatch }
        return (try row.decode(Int.self, at: 0), try row.decode(String.self, at: 1))
    }

    func resolvePreprocessing(_ version: String?, db: PostgresConnection) throws -> Int {
        let row = if let version {
            try db.query("SELECT preprocessing_id FROM preprocessing WHERE version = $1", [version]).first
        } else {
            try db.query("SELECT max(preprocessing_id) FROM preprocessing WHERE preprocessing_id IS NOT NULL HAVING count(*) > 0").first
        }
        guard let row else { throw TrainingSetError.unknownPreprocessing(version ?? "(none ingested yet)") }
        return try row.decode(Int.self, at: 0)
    }

    static let insertSet = """
        INSERT INTO training_set (name, version, label_set, label_names, label_source, crossmatch_run_id,
                                  preprocessing_id, criteria, cut_report, validation_fraction, seed, n_members)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING training_set_id
        """
}
