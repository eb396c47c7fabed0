import Formats
import Foundation
import Pipeline
import SLAMNumerics
import Store
import Testing

@Suite("LAMOST ingest")
struct LamostIngestorTests {
    let ingestor: LamostIngestor

    init() async throws {
        ingestor = LamostIngestor(preprocessor: try SpectrumPreprocessor(), threads: 2)
    }

    var realFiles: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: TestPaths.realLamost.path))?
            .filter { $0.hasPrefix("spec-") }.sorted().map { TestPaths.realLamost.appendingPathComponent($0).path } ?? []
    }

    /// A smooth synthetic star spectrum on the DR5 grid (pixels x 1).
    static func syntheticSpectrum(obsid: Int64?, fiber: Int, flux scale: Float = 100) -> LamostSpectrum {
        let n = 3909
        let metadata = LamostSpectrumMetadata(
            obsid: obsid, designation: "LAMOST J000000.00+000000.0", ra: 10, dec: 20, lmjd: 57000, mjd: 56999,
            planid: "TESTPLAN", spid: 1, fiberid: fiber, z: 1e-4, zErr: 1e-5, helioRV: 30,
            snr: LamostSNR(u: 10, g: 50, r: 60, i: 70, z: 40))
        let wavelength = LamostSpectrum.logLinearGrid(coeff0: 3.5682, coeff1: 1e-4, count: n)
        let flux = wavelength.map { w in scale * Float(1 + 0.3 * sin(w / 700)) * Float(1 - 0.4 * exp(-pow((w - 5175) / 3, 2))) }
        return LamostSpectrum(metadata: metadata, flux: flux, ivar: [Float](repeating: 1, count: n),
                              andMask: [Int32](repeating: 0, count: n), orMask: [Int32](repeating: 0, count: n))
    }

    @Test func ingestsTheRealFixturesOfEveryRelease() async throws {
        let files = realFiles
        try #require(files.count == 5, "real LAMOST fixtures not found at \(TestPaths.realLamost.path)")
        try await FreshDatabase.run { db in
            let summary = try ingestor.ingest(paths: files, connection: db)
            #expect(summary.ingested == 5)
            #expect(summary.rejected == 0)
            #expect(summary.preprocessed + summary.preprocessingRejected == 5)
            let rows = try db.query("""
                SELECT file_layout, count(*)::int8 AS n, count(*) FILTER (WHERE obsid_synthetic)::int8 AS synthetic
                FROM lamost_spectrum GROUP BY file_layout ORDER BY file_layout
                """)
            #expect(try rows.row(0).decode(String.self, "file_layout") == "image")
            #expect(try rows.row(0).decode(Int.self, "n") == 4)
            #expect(try rows.row(0).decode(Int.self, "synthetic") == 1)  // the DR1 pilot file has no OBSID
            #expect(try rows.row(1).decode(String.self, "file_layout") == "table")
            let obsid = try db.query("SELECT obsid FROM lamost_spectrum WHERE file_path LIKE '%F5902_sp08-171%'")
            #expect(try obsid.first?.decode(Int64.self, at: 0) == 108171)
            // Stored arrays never hold NaN, and every spectrum has a preprocessed row or a rejection.
            let nan = try db.query("""
                SELECT count(*) FROM spectrum_preprocessed_arrays
                WHERE 'NaN'::real = ANY(flux) OR 'NaN'::real = ANY(ivar) OR 'Infinity'::real = ANY(flux)
                """)
            #expect(try nan.first!.decode(Int.self, at: 0) == 0)
            let accounted = try db.query("""
                SELECT count(*) FROM lamost_spectrum s
                WHERE EXISTS (SELECT 1 FROM spectrum_preprocessed p WHERE p.obsid = s.obsid)
                   OR EXISTS (SELECT 1 FROM rejection r WHERE r.source = s.file_path AND r.stage = 'preprocess')
                """)
            #expect(try accounted.first!.decode(Int.self, at: 0) == 5)
        }
    }

    @Test func ingestingTwiceChangesNothing() async throws {
        let files = realFiles
        try await FreshDatabase.run { db in
            _ = try ingestor.ingest(paths: files, connection: db)
            let checksum = """
                SELECT md5(string_agg(obsid::text || file_sha256 || header::text, ',' ORDER BY obsid)),
                       (SELECT md5(string_agg(obsid::text || flux_code::text || ivar_code::text, ',' ORDER BY obsid)) FROM spectrum_preprocessed),
                       (SELECT count(*) FROM rejection)
                FROM lamost_spectrum
                """
            let before = try db.query(checksum).first!
            let again = try ingestor.ingest(paths: files, connection: db)
            #expect(again.alreadyIngested == files.count)
            #expect(again.ingested == 0)
            let after = try db.query(checksum).first!
            #expect(try before.decode(String.self, at: 0) == after.decode(String.self, at: 0))
            #expect(try before.decode(String.self, at: 1) == after.decode(String.self, at: 1))
            #expect(try before.decode(Int.self, at: 2) == after.decode(Int.self, at: 2))
        }
    }

    @Test func everyBadFileBecomesARejectionAndTheBatchGoesOn() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("spec-57000-TESTPLAN_sp01-001.fits.gz")
        try LamostSpectrumWriter.write(Self.syntheticSpectrum(obsid: 9001, fiber: 1), to: good)
        let notFITS = dir.appendingPathComponent("spec-57000-TESTPLAN_sp01-002.fits")
        try Data("this is not a FITS file at all".utf8).write(to: notFITS)
        let truncated = dir.appendingPathComponent("spec-57000-TESTPLAN_sp01-003.fits.gz")
        let goodBytes = try Data(contentsOf: good)
        try goodBytes.prefix(goodBytes.count / 2).write(to: truncated)
        let empty = dir.appendingPathComponent("spec-57000-TESTPLAN_sp01-004.fits")
        try Data().write(to: empty)
        let missing = dir.appendingPathComponent("spec-57000-TESTPLAN_sp01-005.fits").path
        let duplicate = dir.appendingPathComponent("spec-57000-TESTPLAN_sp01-006.fits.gz")
        try LamostSpectrumWriter.write(Self.syntheticSpectrum(obsid: 9001, fiber: 6, flux: 200), to: duplicate)
        let paths = [good.path, notFITS.path, truncated.path, empty.path, missing, duplicate.path]
        try await FreshDatabase.run { db in
            let summary = try ingestor.ingest(paths: paths, connection: db)
            #expect(summary.ingested == 1)
            #expect(summary.rejected == 5)
            let codes = try db.query("SELECT source, reason_code, reason FROM rejection WHERE stage = 'ingest_lamost' ORDER BY source")
            var bySource: [String: String] = [:]
            for row in codes.rows { bySource[try row.decode(String.self, at: 0)] = try row.decode(String.self, at: 1) }
            #expect(bySource[notFITS.path] == "not_fits")
            #expect(bySource[truncated.path] == "truncated")
            #expect(bySource[empty.path] == "empty_file")
            #expect(bySource[missing] == "file_not_found")
            #expect(bySource[duplicate.path] == "duplicate_obsid")
            #expect(try db.query("SELECT count(*) FROM spectrum_preprocessed").first!.decode(Int.self, at: 0) == 1)
        }
    }
}
