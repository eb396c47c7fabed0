import Catalogue
import Store

/// The label-catalogue source: the rows of a catalogue version (LASP, a user table) matched to spectra
/// by obsid or position, or exactly a member list.
struct CatalogueLabels: TrainingSetLabelSource {
    var criteria: CatalogueTrainingSetCriteria

    func plan(db: PostgresConnection) throws -> TrainingSetPlan {
        guard let catalogue = try LabelCatalogueRegistry.find(criteria.source, version: criteria.catalogueVersion, db: db) else {
            throw TrainingSetError.unknownLabelSource(criteria.source, known: try LabelSource.knownNames(db))
        }
        guard catalogue.kind != .apogee else {
            throw TrainingSetError.invalidCriterion("\(catalogue.name) is an APOGEE catalogue: its sets come from a crossmatch run")
        }
        var labels: [(name: String, index: Int)] = []
        for label in criteria.labels {
            guard let k = catalogue.labelNames.firstIndex(of: label) else {
                throw TrainingSetError.labelNotInCatalogue(label, catalogue: catalogue.name, available: catalogue.labelNames)
            }
            labels.append((label, k + 1))
        }
        let preprocessingID = try TrainingSetBuilder.resolvePreprocessing(criteria.preprocessingVersion, db: db)
        if let members = criteria.members {
            try TrainingSetQueries.stageListedMembers(members.obsids, heldOut: members.heldOut ?? members.obsids.map { _ in false }, db: db)
        }
        let selection = TrainingSetSelection.labelCatalogue(Self.cuts(
            criteria, catalogueID: catalogue.catalogueID, preprocessingID: preprocessingID,
            positionKeyed: catalogue.keyKind == "position", labels: labels))
        let source = "label catalogue \(catalogue.name) v\(catalogue.version)"
        var record = criteria
        record.catalogueID = catalogue.catalogueID
        record.catalogueVersion = catalogue.version
        return TrainingSetPlan(
            selection: selection, memberSelection: selection, crossmatchRunID: nil, reportSource: source,
            labelSet: catalogue.name, labelNames: criteria.labels,
            labelSource: "\(source) (\(catalogue.kind.rawValue), \(catalogue.sourceFile))", preprocessingID: preprocessingID,
            criteria: try JSONB(encoding: record), validationFraction: criteria.validationFraction, seed: criteria.seed,
            catalogueID: catalogue.catalogueID, members: criteria.members, sourceName: catalogue.name)
    }

    static func cuts(_ criteria: CatalogueTrainingSetCriteria, catalogueID: Int, preprocessingID: Int, positionKeyed: Bool,
                     labels: [(name: String, index: Int)]) -> TrainingSetSelection.LabelCatalogueCuts {
        TrainingSetSelection.LabelCatalogueCuts(
            catalogueID: catalogueID, preprocessingID: preprocessingID, positionKeyed: positionKeyed,
            matchRadiusArcsec: criteria.matchRadiusArcsec, listedMembers: criteria.members != nil,
            snrgMinimum: criteria.snrgMinimum, labels: labels, ranges: criteria.ranges.mapValues(\.bounds),
            maximumBadPixels: criteria.maximumBadPixels, bestSNRPerReference: criteria.repeats == .bestSNR)
    }
}
