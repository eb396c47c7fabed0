import Catalogue
import Store

/// The APOGEE label source: `apogee_star` labels through the pairs of a crossmatch run (the paper's K giants).
struct ApogeeCrossmatchLabels: TrainingSetLabelSource {
    var criteria: TrainingSetCriteria

    func plan(db: PostgresConnection) throws -> TrainingSetPlan {
        let (runID, release) = try Self.resolveRun(criteria.crossmatchRunID, db: db)
        let preprocessingID = try TrainingSetBuilder.resolvePreprocessing(criteria.preprocessingVersion, db: db)
        let cuts = Self.cuts(criteria, runID: runID, preprocessingID: preprocessingID)
        var record = criteria
        record.crossmatchRunID = runID
        record.aspcapBadMask = criteria.effectiveASPCAPMask
        return TrainingSetPlan(
            selection: .crossmatch(cuts), memberSelection: .crossmatch(cuts, withLabels: true), crossmatchRunID: runID,
            reportSource: nil, labelSet: TrainingSetBuilder.labelSet(release: release), labelNames: criteria.labels.map(\.rawValue),
            labelSource: "apogee_star release \(release) via crossmatch run \(runID)", preprocessingID: preprocessingID,
            criteria: try JSONB(encoding: record), validationFraction: criteria.validationFraction, seed: criteria.seed,
            // The registered APOGEE catalogue of the release (latest version), when there is one.
            catalogueID: try LabelCatalogueQueries.latestApogeeCatalogueID(release: release, db: db),
            members: nil, sourceName: TrainingSetBuilder.labelSet(release: release))
    }

    static func cuts(_ criteria: TrainingSetCriteria, runID: Int, preprocessingID: Int) -> TrainingSetSelection.CrossmatchCuts {
        TrainingSetSelection.CrossmatchCuts(
            runID: runID, preprocessingID: preprocessingID, excludeAmbiguous: criteria.excludeAmbiguous,
            snrgMinimum: criteria.snrgMinimum, apogeeSNRMinimum: criteria.apogeeSNRMinimum,
            aspcapBadMask: criteria.effectiveASPCAPMask, starflagBadMask: criteria.starflagBadMask,
            labels: criteria.labels.map(\.column), ranges: criteria.ranges.mapValues(\.bounds),
            maximumBadPixels: criteria.maximumBadPixels, bestSNRPerStar: criteria.repeats == .bestSNR)
    }

    /// The run requested (which must be complete), or the latest complete one, with its APOGEE release.
    static func resolveRun(_ requested: Int?, db: PostgresConnection) throws -> (Int, String) {
        if let requested {
            guard let run = try CrossmatchQueries.run(id: requested, db: db) else { throw TrainingSetError.unknownCrossmatchRun(requested) }
            guard run.status == "complete" else { throw TrainingSetError.crossmatchNotComplete(requested) }
            return (requested, run.apogeeRelease)
        }
        guard let run = try CrossmatchQueries.latestCompleteRun(db: db) else { throw TrainingSetError.noCompleteCrossmatch }
        return (run.runID, run.apogeeRelease)
    }
}

extension TrainingSetCriteria.LabelRange {
    /// The range as the selection's bounds.
    var bounds: LabelBounds { LabelBounds(minimum: minimum, maximum: maximum) }
}
