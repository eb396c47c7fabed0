import CatalogueTestSupport
@testable import Pipeline
import SLAMNumerics
import Store
import Testing

/// Loading a training set for training: which version a reference names, the grid's wavelengths, the
/// members split into training and held out, and the errors for an unknown set or inconsistent spectra.
@Suite struct TrainingSetDataTests {
    /// Grid 3900 Å + 2 Å × 3 pixels; spectra 1...4 (4 not preprocessed); set `s` v1 = {1, 2}, v2 = {1, 2, 3, 4}
    /// with 3 held out and member 2 without S/N. Returns (v1, v2) ids.
    static func world(_ db: PostgresConnection) throws -> (v1: Int, v2: Int) {
        let pp = try TestRows.preprocessing(db, gridStep: 2, pixels: 3)
        for obsid: Int64 in 1...4 {
            try TestRows.spectrum(db, obsid: obsid)
            if obsid < 4 {
                let f = Float(obsid)
                try TestRows.preprocessedSpectrum(db, obsid: obsid, preprocessingID: pp, flux: [f, f + 0.1, f + 0.2], ivar: [f, f, f])
            }
        }
        let v1 = try TestRows.trainingSet(db, name: "s", preprocessingID: pp, memberCount: 2)
        let v2 = try TestRows.trainingSet(db, name: "s", preprocessingID: pp, memberCount: 4)
        for (set, obsids) in [(v1, [Int64(1), 2]), (v2, [1, 2, 3, 4])] {
            for obsid in obsids {
                try TestRows.trainingSetMember(db, trainingSetID: set, obsid: obsid, labels: [4000 + Float(obsid), 2],
                                               snrg: obsid == 2 ? nil : 10 * Float(obsid), heldOut: obsid == 3)
            }
        }
        return (v1, v2)
    }

    @Test func aNameLoadsItsLatestVersionWithTrainingThenHeldOutMembers() async throws {
        try await FreshDatabase.run { db in
            let (_, v2) = try Self.world(db)
            let data = try TrainingSetData.load("s", db: db)
            #expect(data.trainingSetID == v2 && data.name == "s@2" && data.labelSet == "labels" && data.labelNames == ["teff", "logg"])
            #expect(data.wavelength == [3900, 3902, 3904])
            // Obsid 4 has no preprocessed spectrum, so it is not loaded; 3 is held out.
            #expect(data.training.obsids == [1, 2] && data.heldOut.obsids == [3])
            #expect(data.training.snrg == [10, 0], "an unknown S/N loads as 0")
            #expect(data.training.labels == [4001, 2, 4002, 2])
            // The arrays as stored: 16-bit codes (CompactSpectrumArrays), decoded.
            let stored = try [1, 2, 3].map { (f: Float) in try CompactSpectrumArrays(flux: [f, f + 0.1, f + 0.2], ivar: [f, f, f]) }
            #expect(data.training.flux == stored[0].flux + stored[1].flux)
            #expect(data.training.ivar == stored[0].ivar + stored[1].ivar)
            #expect(data.heldOut.labels == [4003, 2] && data.heldOut.flux == stored[2].flux)
        }
    }

    @Test func anIdOrNameAtVersionLoadsThatVersion() async throws {
        try await FreshDatabase.run { db in
            let (v1, _) = try Self.world(db)
            let byVersion = try TrainingSetData.load("s@1", db: db)
            #expect(byVersion.trainingSetID == v1 && byVersion.name == "s@1" && byVersion.training.obsids == [1, 2])
            #expect(byVersion.heldOut.count == 0)
            #expect(try TrainingSetData.load(String(v1), db: db).name == "s@1")
        }
    }

    @Test(arguments: ["nope", "s@x", "s@9", "424242"])
    func anUnknownReferenceIsReportedAsIs(_ reference: String) async throws {
        try await FreshDatabase.run { db in
            _ = try Self.world(db)
            let error = #expect(throws: ModelTrainingError.self) { try TrainingSetData.load(reference, db: db) }
            guard case .unknownTrainingSet(reference) = error else { Issue.record("\(String(describing: error))"); return }
        }
    }

    @Test func aSpectrumOfAnotherLengthThanTheGridIsInconsistent() async throws {
        try await FreshDatabase.run { db in
            let pp = try TestRows.preprocessing(db, pixels: 3)
            try TestRows.spectrum(db, obsid: 7)
            try TestRows.preprocessedSpectrum(db, obsid: 7, preprocessingID: pp)  // 4 pixels on a 3-pixel grid
            let set = try TestRows.trainingSet(db, name: "odd", preprocessingID: pp, memberCount: 1)
            try TestRows.trainingSetMember(db, trainingSetID: set, obsid: 7)
            let error = #expect(throws: ModelTrainingError.self) { try TrainingSetData.load("odd", db: db) }
            guard case let .inconsistentSpectra(text) = error else { Issue.record("\(String(describing: error))"); return }
            #expect(text == "obsid 7: 2 labels, 4 pixels (expected 2, 3)")
        }
    }

    @Test func aSubsetKeepsTheChosenMembersRowsInOrder() {
        let members = TrainingSetData.Members(obsids: [1, 2, 3], snrg: [10, 20, 30], labels: [1, 2, 3, 4, 5, 6],
                                              flux: [1, 1, 2, 2, 3, 3], ivar: [9, 9, 8, 8, 7, 7])
        let subset = members.subset([2, 0], labelCount: 2, pixelCount: 2)
        #expect(subset.obsids == [3, 1] && subset.snrg == [30, 10] && subset.labels == [5, 6, 1, 2])
        #expect(subset.flux == [3, 3, 1, 1] && subset.ivar == [7, 7, 9, 9])
    }
}
