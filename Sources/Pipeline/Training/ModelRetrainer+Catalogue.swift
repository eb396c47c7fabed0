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
        guard let latest = try db.query("""
            SELECT t.version, t.criteria::text, t.catalogue_id, t.preprocessing_id,
                   (SELECT max(preprocessing_id) FROM preprocessing) AS latest_preprocessing,
                   EXISTS (SELECT 1 FROM lamost_spectrum s WHERE s.ingested_at > t.created_at) AS new_spectra,
                   EXISTS (SELECT 1 FROM model m WHERE m.training_set_id = t.training_set_id AND m.status IN ('ready', 'retired')) AS trained
            FROM training_set t WHERE t.name = $1 AND t.crossmatch_run_id IS NULL
              AND t.version = (SELECT max(version) FROM training_set WHERE name = $1)
            """, [name]).first else { return nil }
        var criteria = try JSONB(try latest.decode(String.self, at: 1)).decode(CatalogueTrainingSetCriteria.self)
        let version = try latest.decode(Int.self, at: 0)
        let newestCatalogue = try db.query("SELECT max(catalogue_id) FROM label_catalogue WHERE name = $1", [criteria.source])
            .first?.decode(Int?.self, at: 0) ?? nil
        let setCatalogue = try latest.decode(Int?.self, at: 2)
        let newCatalogue = newestCatalogue != nil && newestCatalogue != setCatalogue
        let setPreprocessing = try latest.decode(Int.self, at: 3), latestPreprocessing = try latest.decode(Int?.self, at: 4)
        let newPreprocessing = criteria.preprocessingVersion == nil && setPreprocessing != latestPreprocessing
        let newSpectra = try latest.decode(Bool.self, at: 5)
        let rebuild = force || newPreprocessing || (criteria.members == nil && (newCatalogue || newSpectra))
        guard rebuild else {
            return try latest.decode(Bool.self, at: 6) ? .upToDate(version: version) : .train(version: version, rebuilt: false)
        }
        // Retraining follows the latest version of the catalogue.
        criteria.catalogueVersion = nil
        criteria.catalogueID = nil
        let report = try CatalogueTrainingSetBuilder().create(name: name, criteria: criteria, connection: db, fence: fence)
        logger.info("rebuilt \(name)@\(report.version) from catalogue \(criteria.source): \(report.members) members")
        return .train(version: report.version, rebuilt: true)
    }
}
