import Catalogue
import CatalogueTestSupport
import Store
import StoreTestSupport
import Testing

/// The dashboard's queries on a small current catalogue: counts per stage, the label sets and the
/// density bins of both diagrams on one connection.
@Suite("Survey summary queries")
struct SurveySummaryQueriesTests {
    static let names = ["teff", "logg", "m_h", "alpha_m"]
    /// (teff, logg, m_h, alpha_m, flags) of four spectra; the last lies outside the Kiel ranges.
    static let stars: [(Float, Float, Float, Float, Int)] = [
        (4500, 2.0, -1.0, 0.30, 0), (4520, 2.05, -1.02, 0.31, 0), (5800, 4.4, 0.1, 0.0, 1), (9500, 4.0, 0.0, 0.0, 0),
    ]

    @Test func bothDiagramsBinTheCurrentCatalogueOnOneConnection() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let model = try TestRows.model(db, labelSet: "set", labelNames: Self.names, ready: true)
                try ModelPromotionQueries.insert(labelSet: "set", modelID: model, previous: nil, decidedBy: "user", reasons: JSONB("{}"), db: db)
                for (k, star) in Self.stars.enumerated() {
                    let obsid = Int64(k + 1)
                    try TestRows.spectrum(db, obsid: obsid, ra: 10 + Double(k), dec: 20)
                    try TestRows.prediction(db, modelID: model, obsid: obsid, labels: [star.0, star.1, star.2, star.3],
                                            formalErrors: [40, 0.05, 0.02, 0.01], flags: star.4)
                }
                let counts = try SurveySummaryQueries.counts(db: db)
                #expect(counts.spectra == 4 && counts.models == 1)
                let sets = try SurveySummaryQueries.labelSets(db: db)
                #expect(sets.map(\.labelSet) == ["set"] && sets.first?.predicted == 4 && sets.first?.flagged == 1)

                let kiel = try #require(try SurveySummaryQueries.density(labelSet: "set", binning: .kiel, db: db))
                #expect(kiel.unflagged.reduce(0, +) == 2 && kiel.flagged.reduce(0, +) == 1 && kiel.outside == 1)
                // The first two share a bin: 60 bins over 5,000 K and 50 over 5.5 dex.
                #expect(kiel.unflagged.max() == 2)
                let alpha = try #require(try SurveySummaryQueries.density(labelSet: "set", binning: .alphaMetallicity, db: db))
                #expect(alpha.unflagged.reduce(0, +) == 3 && alpha.flagged.reduce(0, +) == 1 && alpha.outside == 0)
                #expect(try SurveySummaryQueries.density(labelSet: "set", binning: .init(x: "ra", y: "dec", xRange: 0...1, yRange: 0...1), db: db) == nil)
            }
        }
    }
}
