import Catalogue
import Store

/// Where a training set's reference labels come from, as the one selection engine (``TrainingSetBuilder``)
/// sees it: a strategy that, inside the builder's transaction, resolves its source and returns the
/// candidates, cuts and the record of the set to write.
protocol TrainingSetLabelSource: Sendable {
    /// Resolves the source (crossmatch run, catalogue version, preprocessing) and stages what the selection
    /// needs; throws ``TrainingSetError`` for an unknown source, label or preprocessing.
    func plan(db: PostgresConnection) throws -> TrainingSetPlan
}

/// A resolved label source: what to select and what to record.
struct TrainingSetPlan {
    /// The selection whose counts make the cut report.
    var selection: TrainingSetSelection
    /// The same selection with the members' labels (copied into the set).
    var memberSelection: TrainingSetSelection
    /// Crossmatch run (APOGEE sets).
    var crossmatchRunID: Int?
    /// The report's source line (label catalogues), nil for APOGEE sets.
    var reportSource: String?
    var labelSet: String
    var labelNames: [String]
    /// `training_set.label_source`.
    var labelSource: String
    var preprocessingID: Int
    /// The criteria as recorded with the set.
    var criteria: JSONB
    var validationFraction: Double
    var seed: UInt64
    /// The catalogue version the labels come from, if any.
    var catalogueID: Int?
    /// An explicit member list: the set must be exactly these spectra.
    var members: TrainingSetMembers?
    /// Name of the source, for messages about listed members without a reference row.
    var sourceName: String
}
