import Formats
import Foundation
import Pipeline
import Store
import Testing

@Suite("APOGEE ingest")
struct ApogeeIngestorTests {
    static func stars() -> [ApogeeStar] {
        [
            ApogeeStar(apogeeID: "2M00000001+0000001", field: "A", ra: 1, dec: 1, snr: 150, teff: 4500, teffErr: 30,
                       logg: 2.4, loggErr: 0.05, mH: -0.1, mHErr: 0.02, alphaM: 0.05, alphaMErr: 0.02,
                       param: [4500, 2.4, 0.1, -0.1, 0.05, 0.3, 0.05], paramCov: [Double?](repeating: 0.01, count: 49)),
            // The same star in a second field with a higher S/N: this row is kept.
            ApogeeStar(apogeeID: "2M00000001+0000001", field: "B", ra: 1, dec: 1, snr: 300, teff: 4510, teffErr: 30,
                       logg: 2.45, loggErr: 0.05, mH: -0.12, mHErr: 0.02, alphaM: 0.06, alphaMErr: 0.02,
                       param: [4510, 2.45, 0.1, -0.12, 0.07, 0.31, 0.06], paramCov: [Double?](repeating: 0.01, count: 49)),
            // -9999 labels are kept as missing.
            ApogeeStar(apogeeID: "2M00000002+0000002", field: "A", ra: 2, dec: 2, snr: 80, teff: -9999, logg: -9999,
                       aspcapFlag: 1 << 23),
            // An impossible position: rejected.
            ApogeeStar(apogeeID: "2M00000003+0000003", field: "A", ra: 400, dec: 2, snr: 80, teff: 4800),
        ]
    }

    @Test func loadsDeduplicatesAndRejectsRows() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("allStar-test.fits")
        try ApogeeAllStarWriter.write(Self.stars(), to: file)
        try await FreshDatabase.run { db in
            let summary = try ApogeeIngestor(chunkRows: 3).load(path: file.path, connection: db)
            #expect(summary.rows == 4)
            #expect(summary.stars == 2)
            #expect(summary.duplicateRows == 1)
            #expect(summary.rejected == 1)
            let kept = try db.query("SELECT field, snr, teff, n_rows, c_m FROM apogee_star WHERE apogee_id = '2M00000001+0000001'").first!
            #expect(try kept.decode(String.self, "field") == "B")
            #expect(try kept.decode(Int.self, "n_rows") == 2)
            #expect(try kept.decode(Float.self, "c_m") == 0.07)
            let missing = try db.query("SELECT teff, logg, aspcapflag FROM apogee_star WHERE apogee_id = '2M00000002+0000002'").first!
            #expect(try missing.decode(Float?.self, "teff") == nil)
            #expect(try missing.decode(Int64.self, "aspcapflag") == 1 << 23)
            let rejection = try db.query("SELECT reason_code, object FROM rejection WHERE stage = 'ingest_apogee'").first!
            #expect(try rejection.decode(String.self, at: 0) == "invalid_position")
            // Loading again replaces rows, never duplicates them.
            _ = try ApogeeIngestor().load(path: file.path, connection: db)
            #expect(try db.query("SELECT count(*) FROM apogee_star").first!.decode(Int.self, at: 0) == 2)
            #expect(try db.query("SELECT count(*) FROM rejection").first!.decode(Int.self, at: 0) == 1)
        }
    }

    @Test func aFileThatIsNotAnAllStarTableWritesNothing() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("not-allstar.fits")
        try Data("garbage".utf8).write(to: file)
        try await FreshDatabase.run { (db: PostgresConnection) throws in
            #expect(throws: FITSError.self) { try ApogeeIngestor().load(path: file.path, connection: db) }
            #expect(try db.query("SELECT count(*) FROM apogee_star").first!.decode(Int.self, at: 0) == 0)
        }
    }
}
