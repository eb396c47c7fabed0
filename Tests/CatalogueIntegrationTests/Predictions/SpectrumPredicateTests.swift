import Catalogue
import Store
import StoreTestSupport
import Testing

/// A spectrum predicate is literal column and operator text around bound values.
@Suite("Spectrum predicate")
struct SpectrumPredicateTests {
    @Test func emptyPredicateIsTrue() {
        #expect(SpectrumPredicate.all.sql.text == "true")
        #expect(SpectrumPredicate.all.sql.parameters.isEmpty)
    }

    @Test func comparisonsBindTheirValues() {
        let predicate = SpectrumPredicate(comparisons: [
            .init(column: .snrg, op: .greater, value: .number(20)),
            .init(column: .designation, op: .notEqual, value: .text("x'; DROP TABLE prediction; --")),
            .init(column: .helioRV, op: .lessOrEqual, value: .number(-5)),
        ])
        #expect(predicate.sql.text == "s.snrg > $1 AND s.designation <> $2 AND s.helio_rv <= $3")
        #expect(predicate.sql.parameters.count == 3)
        #expect(predicate.sql.parameters[1] as? String == "x'; DROP TABLE prediction; --")
    }

    @Test func everyColumnIsItsOwnQualifiedName() {
        for column in SpectrumPredicate.Column.allCases {
            #expect(column.sql.text == "s." + column.rawValue)
        }
        for op in SpectrumPredicate.Operator.allCases { #expect(op.sql.text == op.rawValue) }
    }

    @Test func predicatesSelectSpectraOnTheServer() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let (model, pp, _) = try CatalogueWorld.readyModel(db)
                let bright = SpectrumPredicate(comparisons: [.init(column: .snrg, op: .greaterOrEqual, value: .number(30))])
                #expect(try PredictionQueries.spectra(preprocessingID: pp, matching: bright, db: db) == [3, 4])
                #expect(try PredictionQueries.unpredictedSpectra(modelID: model, preprocessingID: pp, matching: .all, db: db) == [1, 2, 3, 4])
                let hostile = SpectrumPredicate(comparisons: [.init(column: .designation, op: .equal, value: .text("x'; DROP TABLE prediction; --"))])
                #expect(try PredictionQueries.spectra(preprocessingID: pp, matching: hostile, db: db).isEmpty)
                #expect(try CatalogueWorld.count(db, "SELECT count(*) FROM prediction") == 0)
            }
        }
    }
}
