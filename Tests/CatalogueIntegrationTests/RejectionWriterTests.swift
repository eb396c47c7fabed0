import Catalogue
import Store
import StoreTestSupport
import Testing

/// The one writer of `rejection`: a rerun replaces exactly the rejections it recorded before.
@Suite("Rejection writer")
struct RejectionWriterTests {
    static func sources(_ db: PostgresConnection) throws -> [String] {
        try db.query("SELECT source FROM rejection ORDER BY source COLLATE \"C\"").rows.map { try $0.decode(String.self, at: 0) }
    }

    @Test func clearingTheRowsOfATableLeavesOtherFilesAlone() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                // A file name with LIKE's wildcards: its rows are cleared, not those of a file the pattern would match.
                let records = ["/d/a_1%.fits#3", "/d/aX1Y.fits#4", "/d/a_1%.fits", "/d/b.fits#1"].map {
                    RejectionRecord(stage: "ingest_apogee", source: $0, code: "c", reason: "r")
                }
                try RejectionWriter.write(records, jobID: 7, db: db)
                try RejectionWriter.clear(stage: "ingest_apogee", rowsOf: "/d/a_1%.fits", db: db)
                #expect(try Self.sources(db) == ["/d/aX1Y.fits#4", "/d/a_1%.fits", "/d/b.fits#1"])
                #expect(try db.query("SELECT count(*) FROM rejection WHERE job_id = 7").first?.decode(Int.self, at: 0) == 3)
            }
        }
    }

    @Test func clearingSourcesOrObjectsIsExact() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                try RejectionWriter.write([
                    RejectionRecord(stage: "ingest_lamost", source: "/f1", code: "c", reason: "r"),
                    RejectionRecord(stage: "preprocess", source: "/f2", code: "c", reason: "r"),
                    RejectionRecord(stage: "predict", source: "model 3", object: "11", code: "c", reason: "r"),
                    RejectionRecord(stage: "predict", source: "model 3", object: "12", code: "c", reason: "r"),
                ], jobID: nil, db: db)
                try RejectionWriter.write(RejectionRecord(stage: "ingest_lamost", source: "/f3", code: "c", reason: "r"), jobID: nil, db: db)
                try RejectionWriter.clear(stages: ["ingest_lamost", "preprocess"], sources: ["/f1", "/f2"], db: db)
                try RejectionWriter.clear(stage: "predict", source: "model 3", objects: ["12"], db: db)
                #expect(try Self.sources(db) == ["/f3", "model 3"])
            }
        }
    }
}
