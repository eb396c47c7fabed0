import Foundation
import Queue
import Store

/// Creates immutable, versioned training sets from a label catalogue (LASP, a user table): candidates
/// are the ingested spectra the catalogue names (obsid-keyed) or lies within the match radius of
/// (position-keyed, nearest reference per spectrum), the cuts are applied in order and counted, and each
/// member's labels are copied in. With a member list the set is exactly the list (or nothing is
/// written). One transaction: a set is written whole or not at all. The set's label set is the
/// catalogue name, so its models compete for "current" only with models of the same catalogue.
public struct CatalogueTrainingSetBuilder: Sendable {
    /// A builder (stateless).
    public init() {}

    /// Names of the cuts, in the order they are applied.
    public static func cutNames(for criteria: CatalogueTrainingSetCriteria) -> [String] {
        selection(criteria, labelIndices: criteria.labels.indices.map { $0 + 1 }, position: false).cuts.map(\.name)
    }

    /// Selects the members, writes the set and returns its report. Built by a job, the set is written
    /// behind its lease `fence`.
    public func create(name: String, criteria: CatalogueTrainingSetCriteria,
                       connection: PostgresConnection, fence: JobFence = .unfenced) throws(TrainingSetError) -> TrainingSetReport {
        try criteria.validate()
        return try TrainingSetTransaction.run(name: name, connection: connection, fence: fence) { db in
            try self.create(name: name, criteria: criteria, db: db)
        }
    }

    private func create(name: String, criteria: CatalogueTrainingSetCriteria, db: PostgresConnection) throws -> TrainingSetReport {
        guard let catalogue = try LabelCatalogueRegistry.find(criteria.source, version: criteria.catalogueVersion, db: db) else {
            throw TrainingSetError.unknownLabelSource(criteria.source, known: try LabelSource.knownNames(db))
        }
        guard catalogue.kind != .apogee else {
            throw TrainingSetError.invalidCriterion("\(catalogue.name) is an APOGEE catalogue: its sets come from a crossmatch run")
        }
        var indices: [Int] = []
        for label in criteria.labels {
            guard let k = catalogue.labelNames.firstIndex(of: label) else {
                throw TrainingSetError.labelNotInCatalogue(label, catalogue: catalogue.name, available: catalogue.labelNames)
            }
            indices.append(k + 1)
        }
        let preprocessingID = try TrainingSetBuilder().resolvePreprocessing(criteria.preprocessingVersion, db: db)
        if let members = criteria.members {
            try db.executeScript("CREATE TEMP TABLE listed_member (obsid bigint PRIMARY KEY, held_out boolean) ON COMMIT DROP",
                                 name: "create member list")
            try db.execute("INSERT INTO listed_member SELECT * FROM unnest($1::bigint[], $2::boolean[])",
                           [members.obsids.map { Int($0) }, members.heldOut ?? members.obsids.map { _ in false }])
        }
        let selection = Self.selection(criteria, labelIndices: indices, position: catalogue.keyKind == "position")
        var parameters: [any PostgresEncodable] = [catalogue.catalogueID, preprocessingID]
        parameters += selection.parameters

        // Counts: candidates, then removed by each cut in order.
        let countSQL = selection.with + " SELECT count(*)" + selection.cuts.indices.map { k in
            ", count(*) FILTER (WHERE " + (0..<k).map { "c\($0)" }.joined(separator: " AND ")
                + (k == 0 ? "" : " AND ") + "NOT c\(k))"
        }.joined() + " FROM ranked"
        guard let countRow = try db.query(countSQL, parameters).first else {
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
        let passAll = selection.cuts.indices.map { "c\($0)" }.joined(separator: " AND ")
        if let members = criteria.members, remaining != members.obsids.count {
            let failed = selection.cuts.indices.map { "CASE WHEN r.c\($0) THEN NULL ELSE '\(selection.cuts[$0].name)' END" }
            let missing = try db.query(selection.with + """
                 SELECT m.obsid, CASE WHEN r.obsid IS NULL THEN NULL
                                      ELSE (SELECT string_agg(x, ', ') FROM unnest(ARRAY[\(failed.joined(separator: ", "))]) AS x) END
                FROM listed_member m LEFT JOIN ranked r ON r.obsid = m.obsid
                WHERE r.obsid IS NULL OR NOT (\(selection.cuts.indices.map { "r.c\($0)" }.joined(separator: " AND ")))
                ORDER BY m.obsid LIMIT 10
                """, parameters).rows.map { row in
                    "obsid \(try row.decode(Int64.self, at: 0)): "
                        + ((try row.decode(String?.self, at: 1)).map { "fails " + $0 } ?? "no ingested spectrum with a \(catalogue.name) row")
                }
            throw TrainingSetError.unusableMembers(count: members.obsids.count - remaining, examples: missing)
        }

        try db.execute("SELECT pg_advisory_xact_lock(hashtext('training_set:' || $1))", [name])
        let version = try db.query("SELECT coalesce(max(version), 0) + 1 FROM training_set WHERE name = $1", [name])
            .first?.decode(Int.self, at: 0) ?? 1
        let source = "label catalogue \(catalogue.name) v\(catalogue.version)"
        let report0 = TrainingSetReport(trainingSetID: 0, name: name, version: version, crossmatchRunID: nil,
                                        candidates: candidates, cuts: cuts, members: remaining, heldOut: 0, labelSpans: [],
                                        source: source)
        guard remaining > 0 else { throw TrainingSetError.emptySelection(report: report0.text) }

        var record = criteria
        record.catalogueID = catalogue.catalogueID
        record.catalogueVersion = catalogue.version
        let setID = try db.query("""
            INSERT INTO training_set (name, version, label_set, label_names, label_source, crossmatch_run_id, preprocessing_id,
                                      criteria, cut_report, validation_fraction, seed, n_members, catalogue_id)
            VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, '{}', $8, $9, $10, $11) RETURNING training_set_id
            """, [name, version, catalogue.name, criteria.labels, "\(source) (\(catalogue.kind.rawValue), \(catalogue.sourceFile))",
                  preprocessingID, try JSONB(encoding: record), criteria.validationFraction, Int64(bitPattern: criteria.seed),
                  remaining, catalogue.catalogueID]).first?.decode(Int.self, at: 0) ?? 0

        var insertParameters = parameters
        insertParameters.append(setID)
        let setParam = "$\(insertParameters.count)"
        insertParameters.append(String(criteria.seed))
        let seedParam = "$\(insertParameters.count)"
        insertParameters.append(criteria.validationFraction)
        let fractionParam = "$\(insertParameters.count)"
        let split = "('x' || substr(md5(\(seedParam)::text || ':' || obsid::text), 1, 8))::bit(32)::bigint / 4294967296.0 < \(fractionParam)"
        let heldOut = criteria.members?.heldOut != nil
            ? "coalesce((SELECT m.held_out FROM listed_member m WHERE m.obsid = ranked.obsid), \(split))" : split
        let inserted = try db.execute(selection.with + """
             INSERT INTO training_set_member (training_set_id, obsid, reference_id, labels, label_errors, snrg, held_out)
            SELECT \(setParam), obsid, reference_id, labels, label_errors, snrg, \(heldOut)
            FROM ranked WHERE \(passAll)
            """, insertParameters)
        guard inserted == remaining else {
            throw PostgresError.protocolViolation("selected \(remaining) members but inserted \(inserted)")
        }

        var spans: [TrainingSetReport.LabelSpan] = []
        for (i, label) in criteria.labels.enumerated() {
            guard let row = try db.query("""
                SELECT min(labels[\(i + 1)])::float8, max(labels[\(i + 1)])::float8 FROM training_set_member WHERE training_set_id = $1
                """, [setID]).first else { continue }
            spans.append(.init(label: label, minimum: try row.decode(Double.self, at: 0), maximum: try row.decode(Double.self, at: 1)))
        }
        var report = report0
        report.trainingSetID = setID
        report.heldOut = try db.query("SELECT count(*) FROM training_set_member WHERE training_set_id = $1 AND held_out", [setID])
            .first?.decode(Int.self, at: 0) ?? 0
        report.labelSpans = spans
        try db.execute("UPDATE training_set SET cut_report = $2 WHERE training_set_id = $1", [setID, try JSONB(encoding: report)])
        return report
    }
}
