import CatalogueTestSupport
import Foundation
import Logging
import Pipeline
import Queue
import Store
import StoreTestSupport
import Testing

/// Scheduled retraining: a `retrain` job rebuilds the training set from the latest crossmatch with the
/// same cuts, trains, promotes by rule and enqueues predictions for the new current model.
@Suite("Scheduled retraining")
struct RetrainTests {
    /// APOGEE stars at the positions of tiny-world spectra `obsids`, with their true labels.
    static func apogee(_ db: PostgresConnection, obsids: ClosedRange<Int64>) throws {
        for obsid in obsids {
            let position = try db.query("SELECT ra, dec FROM lamost_spectrum WHERE obsid = $1", [obsid]).first!
            let (teff, logg) = TinyModelWorld.labels(Int(obsid))
            try TestRows.apogeeStar(db, id: "2M\(obsid)", ra: try position.decode(Double.self, at: 0),
                                    dec: try position.decode(Double.self, at: 1), teff: teff, logg: logg)
        }
    }

    static let criteria = TrainingSetCriteria(labels: [.teff, .logg], snrgMinimum: 0, ranges: [:], validationFraction: 0)

    /// Spectra 1...40 with APOGEE stars for 1...30, a crossmatch, set `kgiants` v1 and model A trained on
    /// it (tiny settings) and promoted. Returns model A.
    static func world(_ db: PostgresConnection) throws -> Int {
        try TinyModelWorld.spectra(db, first: 1, count: 40)
        try apogee(db, obsids: 1...30)
        _ = try CrossmatchRunner().run(CrossmatchParameters(radiusArcsec: 3), connection: db)
        let report = try TrainingSetBuilder().create(name: "kgiants", criteria: criteria, connection: db)
        #expect(report.members == 30)
        let model = try ModelTrainer(settings: TinyModelWorld.settings, logger: TinyModelWorld.quietLogger())
            .train(trainingSet: "kgiants", connection: db).modelID
        try ModelRegistry().promote(model, db: db)
        return model
    }

    /// New spectra 41...50 with APOGEE stars, and a new crossmatch run.
    static func newData(_ db: PostgresConnection) throws {
        let pp = try db.query("SELECT preprocessing_id FROM preprocessing").first!.decode(Int.self, at: 0)
        try TinyModelWorld.spectra(db, first: 41, count: 10, preprocessingID: pp)
        try apogee(db, obsids: 41...50)
        _ = try CrossmatchRunner().run(CrossmatchParameters(radiusArcsec: 3), connection: db)
    }

    static func current(_ db: PostgresConnection) throws -> Int? {
        try db.query("SELECT model_id FROM model_current WHERE label_set = 'apogee-dr15'").first?.decode(Int.self, at: 0)
    }

    @Test func nothingNewMeansNoNewModel() async throws {
        try await FreshDatabase.run { db in
            let first = try Self.world(db)
            let summary = try ModelRetrainer(logger: TinyModelWorld.quietLogger()).retrain(RetrainRequest(trainingSet: "kgiants"), connection: db)
            #expect(summary.modelID == nil)
            #expect(summary.trainingSet == "kgiants@1")
            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM model") == 1)
            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM training_set") == 1)
            #expect(try Self.current(db) == first)
        }
    }

    @Test func aRetrainJobRebuildsTrainsPromotesAndPredicts() async throws {
        try await TestDatabase.withFresh { database in
            let first = try await database.withConnection { db in
                let first = try Self.world(db)
                try Self.newData(db)
                let job = try RetrainJob.enqueue(RetrainRequest(trainingSet: "kgiants", promotionTolerance: 1000, batchSize: 20), db: db)
                #expect(job.id != nil)
                return first
            }
            // One worker runs the retrain job and then the prediction jobs it enqueued.
            try await PipelineEndToEndTests.follow(database.factory)([], [JobKind.retrain, JobKind.predict], "", nil)
            try await database.withConnection { db in
                // (The calibrate job the last prediction batch enqueues runs on a worker of that kind.)
                #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM job WHERE state <> 'completed' AND kind <> 'calibrate'") == 0)
                let set = try #require(try db.query("""
                    SELECT version, n_members, crossmatch_run_id, criteria->>'snrgMinimum' FROM training_set WHERE name = 'kgiants' ORDER BY version DESC LIMIT 1
                    """).first)
                #expect(try set.decode(Int.self, at: 0) == 2)
                #expect(try set.decode(Int.self, at: 1) == 40)
                #expect(try set.decode(Int.self, at: 2) == 2, "the latest crossmatch run")
                #expect(try set.decode(String?.self, at: 3) == "0", "the same cuts")
                let second = try #require(try Self.current(db))
                #expect(second != first)
                #expect(try db.query("SELECT decided_by FROM model_promotion ORDER BY promotion_id DESC LIMIT 1").first?.decode(String.self, at: 0) == "rule")
                #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM job WHERE kind = 'predict'") == 3)
                let predicted = try TinyModelWorld.count(db, "SELECT count(*) FROM prediction WHERE model_id = $1", [second])
                let failed = try TinyModelWorld.count(db, "SELECT count(*) FROM rejection WHERE stage = 'predict'")
                #expect(predicted + failed == 50)
                #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM labels_current") == predicted)
            }
        }
    }

    @Test func aWorseModelIsKeptOutAndNothingIsPredicted() async throws {
        try await FreshDatabase.run { db in
            let first = try Self.world(db)
            try Self.newData(db)
            let summary = try ModelRetrainer(logger: TinyModelWorld.quietLogger())
                .retrain(RetrainRequest(trainingSet: "kgiants", promotionTolerance: 0), connection: db)
            let model = try #require(summary.modelID)
            #expect(summary.rebuilt)
            #expect(!summary.promoted)
            #expect(summary.reasons["decision"]?.contains("kept model \(first)") == true)
            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM model WHERE model_id = $1 AND status = 'ready'", [model]) == 1)
            #expect(try Self.current(db) == first)
            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM job") == 0)
        }
    }

    @Test func anUnknownTrainingSetFailsTheJobForGood() async throws {
        try await FreshDatabase.run { db in
            do {
                _ = try ModelRetrainer().retrain(RetrainRequest(trainingSet: "nope"), connection: db)
                Issue.record("retrained a set that does not exist")
            } catch let error as RetrainError {
                guard case .unknownTrainingSet("nope") = error else { Issue.record("\(error)"); return }
                #expect(error.databaseError == nil)
            }
            #expect(throws: RetrainError.self) {
                try ModelRetrainer().retrain(RetrainRequest(trainingSet: "nope", promotionTolerance: -1), connection: db)
            }
            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM model") == 0)
        }
    }

    @Test func theMinimalSchedulePayloadDecodes() throws {
        let request = try JSONB(#"{"trainingSet":"kgiants"}"#).decode(RetrainRequest.self)
        #expect(request == RetrainRequest(trainingSet: "kgiants"))
    }
}

/// Scheduled retraining of a set drawn from a label catalogue (issue 10): it follows the catalogue's
/// latest version and new spectra, and does nothing when neither changed.
@Suite("Scheduled retraining of catalogue sets")
struct CatalogueRetrainTests {
    /// A LASP-like catalogue with the tiny world's labels for spectra 1...30 (feh 0).
    static func catalogue(_ db: PostgresConnection) throws {
        var csv = "obsid,ra,dec,snrg,teff,teff_err,logg,logg_err,feh,feh_err\n"
        for obsid in 1...30 {
            let (teff, logg) = TinyModelWorld.labels(obsid)
            csv += "\(obsid),10,20,150,\(teff),50,\(logg),0.1,0,0.05\n"
        }
        _ = try LabelCatalogueLoader.lasp().load(path: try LabelCatalogueLoaderTests.write(csv), connection: db)
    }

    @Test func aNewCatalogueVersionRebuildsAndRetrainsAndNothingNewDoesNothing() async throws {
        try await FreshDatabase.run { db throws in
            try TinyModelWorld.spectra(db, first: 1, count: 40)
            try Self.catalogue(db)
            let criteria = CatalogueTrainingSetCriteria(source: "lasp-dr5", labels: ["teff", "logg"], snrgMinimum: 0,
                                                        validationFraction: 0)
            #expect(try CatalogueTrainingSetBuilder().create(name: "afgk", criteria: criteria, connection: db).members == 30)
            let first = try ModelTrainer(settings: TinyModelWorld.settings, logger: TinyModelWorld.quietLogger())
                .train(trainingSet: "afgk", connection: db).modelID
            try ModelRegistry().promote(first, db: db)
            let retrainer = ModelRetrainer(logger: TinyModelWorld.quietLogger())

            let idle = try retrainer.retrain(RetrainRequest(trainingSet: "afgk"), connection: db)
            #expect(idle.modelID == nil && !idle.rebuilt)
            #expect(idle.trainingSet == "afgk@1")

            try Self.catalogue(db)  // version 2 of lasp-dr5
            let retrained = try retrainer.retrain(RetrainRequest(trainingSet: "afgk"), connection: db)
            #expect(retrained.rebuilt)
            #expect(retrained.trainingSet == "afgk@2")
            #expect(retrained.modelID != nil)
            let recorded = try #require(try db.query("""
                SELECT c.version FROM training_set t JOIN label_catalogue c USING (catalogue_id)
                WHERE t.name = 'afgk' AND t.version = 2
                """).first)
            #expect(try recorded.decode(Int.self, at: 0) == 2)
        }
    }
}
