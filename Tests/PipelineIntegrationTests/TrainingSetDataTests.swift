import CatalogueTestSupport
import Foundation
@testable import Pipeline
import Store
import StoreTestSupport
import Testing

/// `TrainingSetData.load`: every training member, and of the held-out members a bounded, seeded choice.
@Suite("Training set data", .serialized)
struct TrainingSetDataTests {
    /// 6 training members and 14 held out: with a limit of 5 the load reads 5 held-out members (sorted by
    /// obsid, the same 5 for the same seed), all 6 training members, and with no limit all 20.
    @Test func heldOutMembersAreABoundedSeededChoice() async throws {
        try await FreshDatabase.run { db in
            let pp = try TinyModelWorld.spectra(db, first: 1, count: 20)
            let set = try TestRows.trainingSet(db, name: TinyModelWorld.trainingSetName, labelSet: TinyModelWorld.labelSet,
                                               labelNames: TinyModelWorld.labelNames, preprocessingID: pp, memberCount: 20)
            for obsid: Int64 in 1...20 {
                let (teff, logg) = TinyModelWorld.labels(Int(obsid))
                try TestRows.trainingSetMember(db, trainingSetID: set, obsid: obsid, labels: [Float(teff), Float(logg)],
                                               heldOut: obsid > 6)
            }
            let all = try TrainingSetData.load(String(set), db: db)
            #expect(all.training.obsids == Array(1...6) && all.heldOut.obsids == Array(7...20))
            let a = try TrainingSetData.load(String(set), heldOutLimit: 5, seed: 3, db: db)
            let b = try TrainingSetData.load(String(set), heldOutLimit: 5, seed: 3, db: db)
            let c = try TrainingSetData.load(String(set), heldOutLimit: 5, seed: 4, db: db)
            #expect(a.training.obsids == Array(1...6))
            #expect(a.heldOut.count == 5 && a.heldOut.obsids == a.heldOut.obsids.sorted())
            #expect(Set(a.heldOut.obsids).isSubset(of: Set(7...20)))
            #expect(a.heldOut.obsids == b.heldOut.obsids && a.heldOut.obsids != c.heldOut.obsids)
            #expect(a.heldOut.flux.count == 5 * TinyModelWorld.pixels && a.heldOut.labels.count == 5 * 2)
            let first = try #require(a.heldOut.obsids.first)
            let (teff, _) = TinyModelWorld.labels(Int(first))
            #expect(abs(a.heldOut.labels[0] - teff) < 0.01)
        }
    }
}
