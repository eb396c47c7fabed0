import Catalogue
import Foundation
import Store

extension ModelRetrainer {
    /// What a scheduled retrain does with a training set drawn from a label catalogue.
    enum CatalogueRetrainPlan {
        /// Nothing changed since its latest version, which already has a model.
        case upToDate(version: Int)
        /// Train on `version` (rebuilt: a new version was just written).
        case train(version: Int, rebuilt: Bool)
    }

    /// For a set drawn from a label catalogue (no crossmatch run), rebuilds it when the catalogue has a newer
    /// version, spectra were ingested since it was built, the preprocessing changed (for sets that follow the
    /// latest), or `force`; a set from an explicit member list is rebuilt only for `force` or new
    /// preprocessing. Returns nil for an APOGEE (crossmatch) set, which the caller handles.
    func planCatalogueRetrain(_ name: String, force: Bool, db: PostgresConnection) throws -> CatalogueRetrainPlan? {
        guard let latest = try RetrainPlanQueries.catalogueState(trainingSet: name, db: db) else { return nil }
        var criteria = try JSONB(latest.criteria).decode(CatalogueTrainingSetCriteria.self)
        let version = latest.version
        let newestCatalogue = try RetrainPlanQueries.newestCatalogue(name: criteria.source, db: db)
        let newCatalogue = newestCatalogue != nil && newestCatalogue != latest.catalogueID
        let newPreprocessing = criteria.preprocessingVersion == nil && latest.preprocessingID != latest.latestPreprocessingID
        let newSpectra = latest.newSpectra
        let rebuild = force || newPreprocessing || (criteria.members == nil && (newCatalogue || newSpectra))
        guard rebuild else {
            return latest.trained ? .upToDate(version: version) : .train(version: version, rebuilt: false)
        }
        // Retraining follows the latest version of the catalogue.
        criteria.catalogueVersion = nil
        criteria.catalogueID = nil
        let report = try CatalogueTrainingSetBuilder().create(name: name, criteria: criteria, connection: db, fence: fence)
        logger.info("rebuilt \(name)@\(report.version) from catalogue \(criteria.source): \(report.members) members")
        return .train(version: report.version, rebuilt: true)
    }
}
