import Formats
import Foundation
import Pipeline
import Queue
import SLAMNumerics
import Store
import StoreTestSupport
import Testing

/// The mask policy, the normalisation fallback and normalisation failures through the LAMOST ingest:
/// what is stored per spectrum, and never a NaN.
@Suite("Preprocessing quality through ingest")
struct PreprocessingQualityIngestTests {
    static func url(_ dir: URL, _ fiber: Int) -> URL {
        dir.appendingPathComponent(String(format: "spec-57001-QUALITY_sp02-%03d.fits", fiber))
    }

    @Test func maskedPixelsFallbackAndFailuresAreRecordedAndNothingIsNaN() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // 1: clean. 2: an and-masked stretch of 30 pixels and a cosmic ray. 3: negative flux (no continuum).
        let clean = LamostIngestorTests.syntheticSpectrum(obsid: 8001, fiber: 1)
        try LamostSpectrumWriter.write(clean, to: Self.url(dir, 1))
        var masked = LamostIngestorTests.syntheticSpectrum(obsid: 8002, fiber: 2)
        let stretch = masked.wavelength.indices.filter { masked.wavelength[$0] > 4400 }.prefix(30)
        for i in stretch { masked.andMask[i] = 1; masked.orMask[i] = 1; masked.flux[i] = 0; masked.ivar[i] = 0 }
        let spike = masked.wavelength.indices.first { masked.wavelength[$0] > 5500 }!
        masked.flux[spike] *= 5
        try LamostSpectrumWriter.write(masked, to: Self.url(dir, 2))
        var negative = LamostIngestorTests.syntheticSpectrum(obsid: 8003, fiber: 3)
        negative.flux = negative.flux.map { -$0 }
        try LamostSpectrumWriter.write(negative, to: Self.url(dir, 3))
        let paths = (1...3).map { Self.url(dir, $0).path }

        try await FreshDatabase.run { db in
            let summary = try LamostIngestor(preprocessor: try SpectrumPreprocessor(), threads: 1)
                .ingest(paths: paths, connection: db, jobID: 1)
            #expect(summary.ingested == 3 && summary.preprocessed == 2 && summary.preprocessingRejected == 1)
            let rows = try db.query("""
                SELECT obsid, n_bad_pixels, n_masked_pixels, normalisation_fallback, flags FROM spectrum_preprocessed ORDER BY obsid
                """).rows.map { r in
                (try r.decode(Int64.self, at: 0), try r.decode(Int.self, at: 1), try r.decode(Int.self, at: 2),
                 try r.decode(Bool.self, at: 3), try r.decode(Int.self, at: 4))
            }
            #expect(rows.map(\.0) == [8001, 8002])
            #expect(rows[0].1 == 0 && rows[0].2 == 0 && !rows[0].3 && rows[0].4 == 0)
            // 30 masked pixels (1.1 A each) plus one dilated each side, and the cosmic ray's grid pixels.
            #expect(rows[1].2 >= 33 && rows[1].2 <= 42, "masked \(rows[1].2)")
            #expect(rows[1].1 >= rows[1].2)
            // The failure is a rejection with its reason, the spectrum row stays, no preprocessed row.
            let rejection = try db.query("SELECT stage, reason_code, reason FROM rejection WHERE object = '8003'").first
            #expect(try rejection?.decode(String.self, at: 0) == "preprocess")
            #expect(try rejection?.decode(String.self, at: 1) == "continuum_not_positive")
            #expect(try rejection?.decode(String.self, at: 2).contains("continuum not positive") == true)
            // The mask policy is part of the stored version and settings.
            let version = try db.query("SELECT version, settings->'maskPolicy'->>'dilation' FROM preprocessing").first
            #expect(try version?.decode(String.self, at: 0).contains("dilate=1 fbounds=-0.5:2") == true)
            #expect(try version?.decode(String.self, at: 1) == "1")
            #expect(try Self.nanCount(db) == 0)
        }

        // A preprocessing whose continuum selection always fails: the first pass is used and flagged.
        var strict = PreprocessingSettings()
        strict.minimumContinuumPixels = 1_000_000
        let settings = strict
        try await FreshDatabase.run { db in
            let summary = try LamostIngestor(preprocessor: try SpectrumPreprocessor(settings: settings), threads: 1)
                .ingest(paths: Array(paths.prefix(2)), connection: db, jobID: 2)
            #expect(summary.preprocessed == 2)
            let flags = try db.query("SELECT bool_and(normalisation_fallback), min(flags), max(flags) FROM spectrum_preprocessed").first
            #expect(try flags?.decode(Bool.self, at: 0) == true)
            #expect(try flags?.decode(Int.self, at: 1) == Int(PreprocessingFlags.normalisationFallback.rawValue))
            #expect(try Self.nanCount(db) == 0)
        }
    }

    @Test func anIngestBatchCarriesItsOwnMaskPolicy() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try LamostSpectrumWriter.write(LamostIngestorTests.syntheticSpectrum(obsid: 8101, fiber: 1), to: Self.url(dir, 1))
        var settings = PreprocessingSettings()
        settings.maskPolicy.dilation = 3
        settings.maskPolicy.orMaskBits = 4
        let custom = settings
        try await TestDatabase.withFresh { database in
            let (first, again) = try await database.withConnection { db in
                (try IngestLamostJob.enqueue(paths: [Self.url(dir, 1).path], preprocessing: custom, db: db),
                 try IngestLamostJob.enqueue(paths: [Self.url(dir, 1).path], preprocessing: custom, db: db))
            }
            #expect(first[0].inserted && !again[0].inserted)
            try await PipelineEndToEndTests.follow(database.factory)(first.compactMap(\.id), [JobKind.ingestLamost], "", nil)
            try await database.withConnection { db in
                // Other settings are other work: a new job (whose worker will skip the file, already ingested).
                #expect(try IngestLamostJob.enqueue(paths: [Self.url(dir, 1).path], db: db)[0].inserted)
                let version = try db.query("SELECT p.version FROM spectrum_preprocessed JOIN preprocessing p USING (preprocessing_id)").first
                #expect(try version?.decode(String.self, at: 0) == custom.version)
                #expect(custom.version.contains("orbits=0x4 dilate=3"))
            }
        }
    }

    static func nanCount(_ db: PostgresConnection) throws -> Int {
        try db.query("""
            SELECT count(*) FROM spectrum_preprocessed_arrays
            WHERE 'NaN'::real = ANY(flux) OR 'NaN'::real = ANY(ivar) OR 'Infinity'::real = ANY(ivar)
            """).first?.decode(Int.self, at: 0) ?? -1
    }
}
