import Catalogue
import CatalogueTestSupport
import Store
import StoreTestSupport
import Testing

@Suite("Training-set queries")
struct TrainingSetQueriesTests {
    /// Two crossmatched spectra: one passes every cut, one is too hot.
    static func fixture(_ db: PostgresConnection) throws -> (run: Int, preprocessing: Int) {
        let pp = try TestRows.preprocessing(db)
        try TestRows.spectrum(db, obsid: 1, ra: 50, dec: 10)
        try TestRows.preprocessedSpectrum(db, obsid: 1, preprocessingID: pp)
        try TestRows.spectrum(db, obsid: 2, ra: 50, dec: 11)
        try TestRows.preprocessedSpectrum(db, obsid: 2, preprocessingID: pp)
        try TestRows.apogeeStar(db, id: "cool", ra: 50, dec: 10)
        try TestRows.apogeeStar(db, id: "hot", ra: 50, dec: 11, teff: 6500)
        let run = try CrossmatchQueries.insertRun(radiusArcsec: 3, apogeeRelease: "DR15", ambiguityArcsec: 1, parameters: JSONB("{}"),
                                                  jobID: nil, db: db)
        try CrossmatchQueries.insertPairs(runID: run, radiusArcsec: 3, apogeeRelease: "DR15", ambiguityArcsec: 1, driver: .apogee, db: db)
        try CrossmatchQueries.finishRun(runID: run, lamost: 2, matched: 2, ambiguous: 0, db: db)
        return (run, pp)
    }

    static func cuts(run: Int, preprocessing: Int) -> TrainingSetSelection.CrossmatchCuts {
        .init(runID: run, preprocessingID: preprocessing, excludeAmbiguous: true, snrgMinimum: 40, apogeeSNRMinimum: 100,
              aspcapBadMask: 1 << 23, starflagBadMask: 1, labels: ["teff", "logg"],
              ranges: ["teff": LabelBounds(minimum: 3000, maximum: 5500)], maximumBadPixels: 50, bestSNRPerStar: true)
    }

    @Test func aSelectionIsCountedWrittenAndListed() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let (run, pp) = try Self.fixture(db)
                let selection = TrainingSetSelection.crossmatch(Self.cuts(run: run, preprocessing: pp))
                #expect(selection.cutNames == ["has_preprocessed_spectrum", "unambiguous_match", "lamost_snrg", "apogee_snr", "aspcapflag",
                                               "starflag", "labels_present", "teff_range", "bad_pixels", "repeat_not_best_snr"])
                let counts = try TrainingSetQueries.cutCounts(selection, db: db)
                #expect(counts.candidates == 2)
                #expect(counts.removed == [0, 0, 0, 0, 0, 0, 0, 1, 0, 0])
                try db.transaction { db in
                    let version = try TrainingSetQueries.lockNextVersion(name: "k", db: db)
                    #expect(version == 1)
                    let set = try TrainingSetQueries.insert(TrainingSetRecord(
                        name: "k", version: version, labelSet: "apogee-dr15", labelNames: ["teff", "logg"], labelSource: "fixture",
                        crossmatchRunID: run, preprocessingID: pp, criteria: JSONB("{}"), validationFraction: 0, seed: 1, members: 1,
                        catalogueID: nil), db: db)
                    let members = TrainingSetSelection.crossmatch(Self.cuts(run: run, preprocessing: pp), withLabels: true)
                    #expect(try TrainingSetQueries.insertMembers(members, setID: set, seed: 1, validationFraction: 0, listedHeldOut: false, db: db) == 1)
                    let span = try #require(try TrainingSetQueries.labelSpan(setID: set, index: 0, db: db))
                    #expect(span.minimum == 4500 && span.maximum == 4500)
                    #expect(try TrainingSetQueries.heldOutCount(setID: set, db: db) == 0)
                    try TrainingSetQueries.setCutReport(setID: set, report: JSONB(#"{"members": 1}"#), db: db)
                }
                let listed = try TrainingSetQueries.list(db: db)
                #expect(listed.map(\.name) == ["k"])
                #expect(listed.first?.crossmatchRunID == run)
                #expect(listed.first?.labelNames == ["teff", "logg"])
            }
        }
    }

    @Test func listedMembersThatCannotBeUsedAreNamedWithTheirCuts() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let pp = try TestRows.preprocessing(db)
                try TestRows.spectrum(db, obsid: 1, ra: 50, dec: 10)
                try TestRows.preprocessedSpectrum(db, obsid: 1, preprocessingID: pp)
                try TestRows.spectrum(db, obsid: 2, ra: 50, dec: 10)
                try db.transaction { db in
                    let catalogue = try LabelCatalogueQueries.insert(
                        name: "quoted-labels", version: 1, kind: "table", keyKind: "obsid", labelNames: ["teff"], labelUnits: ["K"],
                        sourceFile: "/t.csv", fileSHA256: nil, mapping: JSONB("{}"), apogeeRelease: nil, rows: 0, jobID: nil, db: db)
                    try LabelCatalogueQueries.createStaging(db: db)
                    try LabelCatalogueQueries.stage([1, 2].map {
                        .init(referenceID: String($0), obsid: $0, ra: nil, dec: nil, labels: [5000], errors: [nil], snr: nil, flags: 0)
                    }, db: db)
                    _ = try LabelCatalogueQueries.insertStagedRows(catalogueID: catalogue, db: db)
                    try TrainingSetQueries.stageListedMembers([1, 2, 3], heldOut: [false, false, false], db: db)
                    let selection = TrainingSetSelection.labelCatalogue(.init(
                        catalogueID: catalogue, preprocessingID: pp, positionKeyed: false, matchRadiusArcsec: 3, listedMembers: true,
                        snrgMinimum: 40, labels: [(name: "te'ff", index: 1)], ranges: [:], maximumBadPixels: 50, bestSNRPerReference: true))
                    #expect(selection.cutNames == ["has_preprocessed_spectrum", "labels_present"])
                    #expect(try TrainingSetQueries.cutCounts(selection, db: db).removed == [1, 0])
                    let unusable = try TrainingSetQueries.unusableListedMembers(selection, db: db)
                    #expect(unusable.map(\.obsid) == [2, 3])
                    #expect(unusable.map(\.failedCuts) == ["has_preprocessed_spectrum", nil])
                }
            }
        }
    }
}
