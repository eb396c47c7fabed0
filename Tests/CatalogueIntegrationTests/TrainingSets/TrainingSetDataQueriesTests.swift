import Catalogue
import CatalogueTestSupport
import Store
import StoreTestSupport
import Testing

/// Reading a training set for training: by id or name and version, with its members' spectra; and the
/// state a scheduled retrain compares.
@Suite("Training set data queries")
struct TrainingSetDataQueriesTests {
    @Test func aSetIsFoundByIdOrNameAndItsMembersComeWithSpectra() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let pp = try TestRows.preprocessing(db)
                for obsid: Int64 in 1...3 {
                    try TestRows.spectrum(db, obsid: obsid, snrg: 50, objectClass: "STAR")
                    try TestRows.preprocessedSpectrum(db, obsid: obsid, preprocessingID: pp)
                }
                try TestRows.spectrum(db, obsid: 4, snrg: 50, objectClass: "STAR")  // not preprocessed
                let v1 = try CatalogueWorld.trainingSet(db, obsids: [1, 2], preprocessingID: pp)
                let v2 = try CatalogueWorld.trainingSet(db, obsids: [1, 2, 3, 4], heldOut: 2, preprocessingID: pp)
                let byID = try #require(try TrainingSetDataQueries.trainingSet(id: v1, db: db))
                #expect(byID.version == 1 && byID.name == "set" && byID.gridStart == 3900 && byID.pixelCount == TestRows.pixels)
                #expect(try TrainingSetDataQueries.trainingSet(name: "set", version: nil, db: db)?.trainingSetID == v2)
                #expect(try TrainingSetDataQueries.trainingSet(name: "set", version: 1, db: db)?.trainingSetID == v1)
                #expect(try TrainingSetDataQueries.trainingSet(name: "set", version: 3, db: db) == nil)
                // Obsids first (members with a spectrum only: 4 has none), then the spectra of those chosen.
                #expect(try TrainingSetMemberQueries.memberObsids(trainingSetID: v2, preprocessingID: pp, heldOut: false, db: db) == [1, 2])
                #expect(try TrainingSetMemberQueries.memberObsids(trainingSetID: v2, preprocessingID: pp, heldOut: true, db: db) == [3])
                var members: [TrainingSetMemberRow] = []
                try TrainingSetMemberQueries.membersWithSpectra(trainingSetID: v2, preprocessingID: pp, obsids: [3, 1, 4, 9],
                                                                db: db) { members.append($0) }
                #expect(members.map(\.obsid) == [1, 3])
                #expect(members.map(\.heldOut) == [false, true])
                #expect(members.first?.labels == [4001, 2] && members.first?.flux.count == TestRows.pixels)

                let state = try #require(try RetrainPlanQueries.crossmatchState(trainingSet: "set", db: db))
                #expect(state.version == 2 && !state.trained && state.crossmatchRunID == nil && state.latestPreprocessingID == pp)
                let catalogue = try #require(try RetrainPlanQueries.catalogueState(trainingSet: "set", db: db))
                #expect(catalogue.version == 2 && !catalogue.trained && catalogue.catalogueID == nil)
                #expect(try RetrainPlanQueries.newestCatalogue(name: "none", db: db) == nil)
                _ = try TestRows.model(db, trainingSetID: v2, preprocessingID: pp, ready: true)
                #expect(try RetrainPlanQueries.crossmatchState(trainingSet: "set", db: db)?.trained == true)
                #expect(try RetrainPlanQueries.crossmatchState(trainingSet: "none", db: db) == nil)
            }
        }
    }
}
