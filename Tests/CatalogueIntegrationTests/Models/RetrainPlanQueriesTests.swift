import Catalogue
import CatalogueTestSupport
import Store
import StoreTestSupport
import Testing

/// The retraining check of a training set built from a label catalogue: whether spectra were ingested
/// after the set's latest version was built, answered from the newest ingest time (migration 0033).
@Suite("Retrain plan queries")
struct RetrainPlanQueriesTests {
    @Test func newSpectraAreThoseIngestedAfterTheSetWasBuilt() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                try TestRows.spectrum(db, obsid: 1)
                try db.execute("UPDATE lamost_spectrum SET ingested_at = now() - interval '1 day'")
                try TestRows.trainingSet(db, name: "catalogue-set")
                #expect(try RetrainPlanQueries.catalogueState(trainingSet: "catalogue-set", db: db)?.newSpectra == false)
                try TestRows.spectrum(db, obsid: 2)  // a later transaction: ingested after the set
                #expect(try RetrainPlanQueries.catalogueState(trainingSet: "catalogue-set", db: db)?.newSpectra == true)
                try db.execute("DELETE FROM lamost_spectrum")
                #expect(try RetrainPlanQueries.catalogueState(trainingSet: "catalogue-set", db: db)?.newSpectra == false)
            }
        }
    }

    /// The newest ingest time is one step of the ingest-time index, not a scan of the spectra: at a million
    /// spectra the scan read 2.3 GB of heap.
    @Test func theNewestIngestIsReadFromTheIndex() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                for obsid in 1...20 { try TestRows.spectrum(db, obsid: Int64(obsid)) }
                try db.executeScript("ANALYZE lamost_spectrum; SET enable_seqscan = off", name: "favour indexes")
                let plan = try db.query("EXPLAIN SELECT max(s.ingested_at) FROM lamost_spectrum s").rows
                    .map { try $0.decode(String.self, at: 0) }.joined(separator: "\n")
                #expect(plan.contains("Backward using lamost_spectrum_ingested_at_idx"), "\(plan)")
            }
        }
    }
}
