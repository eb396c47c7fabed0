import Catalogue
import Foundation
import Queue
import Store

/// The one training-set selection engine, whatever the label source (APOGEE through a crossmatch run,
/// or a label catalogue: LASP, a user table): it resolves the source, counts the candidates and what
/// each cut removes, checks an explicit member list, takes the next version of the name under a lock,
/// and writes the set with each member's reference labels (so a set is self-contained) and a seeded
/// held-out split. Everything happens in one transaction: a set is written whole, or (on an error or
/// an empty selection) not at all.
public struct TrainingSetBuilder: Sendable {
    /// Label-set name under which models trained on APOGEE labels publish.
    public static func labelSet(release: String) -> String { "apogee-" + release.lowercased() }

    public init() {}

    /// Names of the cuts of an APOGEE selection, in the order they are applied.
    public static func cutNames(for criteria: TrainingSetCriteria) -> [String] {
        TrainingSetSelection.crossmatch(ApogeeCrossmatchLabels.cuts(criteria, runID: 0, preprocessingID: 0)).cutNames
    }

    /// Names of the cuts of a selection from a label catalogue, in the order they are applied.
    public static func cutNames(for criteria: CatalogueTrainingSetCriteria) -> [String] {
        TrainingSetSelection.labelCatalogue(CatalogueLabels.cuts(
            criteria, catalogueID: 0, preprocessingID: 0, positionKeyed: false,
            labels: criteria.labels.enumerated().map { ($1, $0 + 1) })).cutNames
    }

    /// Selects the members of an APOGEE set (through a crossmatch run), writes the set and returns its
    /// report. Built by a job, the set is written behind its lease `fence`.
    public func create(name: String, criteria: TrainingSetCriteria,
                       connection: PostgresConnection, fence: JobFence = .unfenced) throws(TrainingSetError) -> TrainingSetReport {
        try criteria.validate()
        return try create(name: name, from: ApogeeCrossmatchLabels(criteria: criteria), connection: connection, fence: fence)
    }

    /// Selects the members of a set from a label catalogue (or exactly its member list), writes the set and
    /// returns its report. Built by a job, the set is written behind its lease `fence`.
    public func create(name: String, criteria: CatalogueTrainingSetCriteria,
                       connection: PostgresConnection, fence: JobFence = .unfenced) throws(TrainingSetError) -> TrainingSetReport {
        try criteria.validate()
        return try create(name: name, from: CatalogueLabels(criteria: criteria), connection: connection, fence: fence)
    }

    func create(name: String, from source: some TrainingSetLabelSource, connection: PostgresConnection,
                fence: JobFence) throws(TrainingSetError) -> TrainingSetReport {
        try TrainingSetTransaction.run(name: name, connection: connection, fence: fence) { db in
            try Self.write(name: name, plan: try source.plan(db: db), db: db)
        }
    }

    /// Counts, checks and writes the set `plan` selects, inside the caller's transaction.
    static func write(name: String, plan: TrainingSetPlan, db: PostgresConnection) throws -> TrainingSetReport {
        // Counts: candidates, then removed by each cut in order.
        let counts = try TrainingSetQueries.cutCounts(plan.selection, db: db)
        var remaining = counts.candidates
        var cuts: [TrainingSetReport.Cut] = []
        for (cut, removed) in zip(plan.selection.cuts, counts.removed) {
            remaining -= removed
            cuts.append(.init(name: cut.name, removed: removed, remaining: remaining))
        }
        if let members = plan.members, remaining != members.obsids.count {
            let examples = try TrainingSetQueries.unusableListedMembers(plan.selection, db: db).map { obsid, failed in
                "obsid \(obsid): " + (failed.map { "fails " + $0 } ?? "no ingested spectrum with a \(plan.sourceName) row")
            }
            throw TrainingSetError.unusableMembers(count: members.obsids.count - remaining, examples: examples)
        }

        // Version under an advisory lock on the name, so two creators never collide.
        let version = try TrainingSetQueries.lockNextVersion(name: name, db: db)
        let report0 = TrainingSetReport(trainingSetID: 0, name: name, version: version, crossmatchRunID: plan.crossmatchRunID,
                                        candidates: counts.candidates, cuts: cuts, members: remaining, heldOut: 0, labelSpans: [],
                                        source: plan.reportSource)
        guard remaining > 0 else { throw TrainingSetError.emptySelection(report: report0.text) }

        let setID = try TrainingSetQueries.insert(TrainingSetRecord(
            name: name, version: version, labelSet: plan.labelSet, labelNames: plan.labelNames, labelSource: plan.labelSource,
            crossmatchRunID: plan.crossmatchRunID, preprocessingID: plan.preprocessingID, criteria: plan.criteria,
            validationFraction: plan.validationFraction, seed: plan.seed, members: remaining, catalogueID: plan.catalogueID), db: db)
        let inserted = try TrainingSetQueries.insertMembers(
            plan.memberSelection, setID: setID, seed: plan.seed, validationFraction: plan.validationFraction,
            listedHeldOut: plan.members?.heldOut != nil, db: db)
        guard inserted == remaining else {
            throw PostgresError.protocolViolation("selected \(remaining) members but inserted \(inserted)")
        }

        // Report with label spans, stored with the set.
        var spans: [TrainingSetReport.LabelSpan] = []
        for (i, label) in plan.labelNames.enumerated() {
            guard let span = try TrainingSetQueries.labelSpan(setID: setID, index: i, db: db) else { continue }
            spans.append(.init(label: label, minimum: span.minimum, maximum: span.maximum))
        }
        var report = report0
        report.trainingSetID = setID
        report.heldOut = try TrainingSetQueries.heldOutCount(setID: setID, db: db)
        report.labelSpans = spans
        try TrainingSetQueries.setCutReport(setID: setID, report: try JSONB(encoding: report), db: db)
        return report
    }

    /// The id of preprocessing version `version`, or of the latest when nil.
    static func resolvePreprocessing(_ version: String?, db: PostgresConnection) throws -> Int {
        let id = if let version { try PreprocessingQueries.id(version: version, db: db) } else { try PreprocessingQueries.latestID(db: db) }
        guard let id else { throw TrainingSetError.unknownPreprocessing(version ?? "(none ingested yet)") }
        return id
    }
}
