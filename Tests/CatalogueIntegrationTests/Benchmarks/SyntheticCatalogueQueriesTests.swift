import Catalogue
import CatalogueTestSupport
import Store
import StoreTestSupport
import Testing

/// The synthetic catalogue of `slam-bench scale-queries`: spectra and predictions filled in SQL, a new
/// version written batch by batch (`--while-writing`), and the cost of removing a version measured by a
/// rolled-back DELETE (``ScaleBenchmarkQueries/deletePredictionsRolledBack(modelID:db:)``).
@Suite("Synthetic catalogue queries")
struct SyntheticCatalogueQueriesTests {
    @Test func predictionsAreFilledByObsidRangeAndADeletionIsRolledBack() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                try SyntheticSkyQueries.seed(0.25, db: db)
                try SyntheticCatalogueQueries.fillSpectra(count: 20, headerBytes: 100, db: db)
                // A second fill from another obsid on (`slam-bench ingest --prefill` keeps clear of the mock survey's).
                try SyntheticCatalogueQueries.fillSpectra(count: 5, headerBytes: 100, firstObsid: 1_000, db: db)
                #expect(try CatalogueWorld.count(db, "SELECT count(*) FROM lamost_spectrum WHERE obsid BETWEEN 1000 AND 1004") == 5)
                #expect(try CatalogueWorld.count(db, "SELECT count(DISTINCT file_sha256) FROM lamost_spectrum") == 25)
                let names = SyntheticCatalogueQueries.labelNames
                let pp = try TestRows.preprocessing(db)
                try SyntheticCatalogueQueries.fillPreprocessed(obsids: 1_000...1_010, preprocessingID: pp, pixels: 30, db: db)
                #expect(try CatalogueWorld.count(db, """
                    SELECT count(*) FROM spectrum_preprocessed
                    WHERE preprocessing_id = \(pp) AND cardinality(flux_code) = 30 AND cardinality(ivar_code) = 30
                    """) == 5)
                let set = try TestRows.trainingSet(db, labelSet: "bench", labelNames: names, preprocessingID: pp)
                let model = try SyntheticCatalogueQueries.readyModel(labelSet: "bench", trainingSetID: set, labelNames: names,
                                                                     preprocessingID: pp, pixels: 1901, db: db)
                try SyntheticCatalogueQueries.fillPredictions(modelID: model, obsids: 1...10, db: db)
                #expect(try CatalogueWorld.count(db, "SELECT count(*) FROM prediction WHERE model_id = \(model)") == 10)
                try SyntheticCatalogueQueries.fillPredictions(modelID: model, obsids: 11...25, db: db)
                #expect(try CatalogueWorld.count(db, "SELECT count(*) FROM prediction WHERE model_id = \(model) AND m_h IS NOT NULL") == 20)
                #expect(try SyntheticCatalogueQueries.fillPredictions(modelID: model, obsids: 1_000...1_002, db: db) == 3)
                #expect(try CatalogueWorld.count(db, "SELECT count(*) FROM prediction WHERE model_id = \(model)") == 23)

                let wal = try ScaleBenchmarkQueries.walPosition(db: db)
                #expect(try ScaleBenchmarkQueries.deletePredictionsRolledBack(modelID: model, db: db) == 23)
                #expect(try ScaleBenchmarkQueries.walBytes(since: wal, db: db) > 0)
                #expect(try CatalogueWorld.count(db, "SELECT count(*) FROM prediction WHERE model_id = \(model)") == 23)
                #expect(try PredictionFlagCountQueries.counts(modelID: model, db: db).values.reduce(0, +) == 23)
            }
        }
    }
}
