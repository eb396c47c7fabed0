import CatalogueTestSupport
@testable import Pipeline
import Store
import Testing

/// The label-catalogue source: a catalogue found by name, its labels by name, and what its plan records.
@Suite struct CatalogueLabelsTests {
    /// Catalogue `seismic` v1: a position-keyed table with one label, logg, for a star beside spectrum 1.
    static func seismic(_ db: PostgresConnection) throws {
        try TestRows.preprocessing(db)
        try TestRows.spectrum(db, obsid: 1, ra: 50, dec: 10)
        let path = try LabelCatalogueLoaderTests.write("id,ra,dec,logg\nclose,\(50 + TestRows.raOffset(arcsec: 0.3, dec: 10)),10,3.1\n")
        _ = try LabelCatalogueLoader(name: "seismic", kind: .table,
                                     mapping: .init(raColumn: "ra", decColumn: "dec", idColumn: "id", labels: [.init(name: "logg", column: "logg")]))
            .load(path: path, connection: db)
    }

    @Test func anUnknownCatalogueIsReportedWithTheKnownOnes() async throws {
        try await FreshDatabase.run { db throws -> Void in
            try Self.seismic(db)
            let error = #expect(throws: TrainingSetError.self) {
                try CatalogueLabels(criteria: .init(source: "lasp", labels: ["teff"])).plan(db: db)
            }
            guard case let .unknownLabelSource("lasp", known) = error else { Issue.record("\(String(describing: error))"); return }
            #expect(known.contains("seismic"))
        }
    }

    @Test func aLabelTheCatalogueLacksIsReportedWithTheAvailableOnes() async throws {
        try await FreshDatabase.run { db throws -> Void in
            try Self.seismic(db)
            #expect(throws: TrainingSetError.labelNotInCatalogue("teff", catalogue: "seismic", available: ["logg"])) {
                try CatalogueLabels(criteria: .init(source: "seismic", labels: ["logg", "teff"])).plan(db: db)
            }
        }
    }

    @Test func thePlanRecordsTheCatalogueVersion() async throws {
        try await FreshDatabase.run { db throws -> Void in
            try Self.seismic(db)
            let plan = try CatalogueLabels(criteria: .init(source: "seismic", labels: ["logg"], validationFraction: 0)).plan(db: db)
            #expect(plan.labelSet == "seismic" && plan.sourceName == "seismic" && plan.labelNames == ["logg"])
            #expect(plan.reportSource == "label catalogue seismic v1" && plan.crossmatchRunID == nil && plan.members == nil)
            #expect(plan.labelSource.hasPrefix("label catalogue seismic v1 (table, "))
            let pp = try TestRows.preprocessing(db)
            #expect(plan.catalogueID != nil && plan.preprocessingID == pp)
        }
    }
}
