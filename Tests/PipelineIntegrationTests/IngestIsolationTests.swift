import Formats
import Foundation
import Pipeline
import SLAMNumerics
import Store
import Testing

/// One bad file is one rejection: values out of their column's range, values coerced with a note, a row
/// the database refuses anyway (the batch falls back to smaller writes), and duplicate OBSIDs decided by
/// the stated rule.
@Suite("LAMOST ingest isolates bad files")
struct IngestIsolationTests {
    static func url(_ dir: URL, _ fiber: Int, plan: String = "ISOLATE") -> URL {
        dir.appendingPathComponent(String(format: "spec-57002-\(plan)_sp03-%03d.fits", fiber))
    }

    static func write(_ dir: URL, _ fiber: Int, obsid: Int64?, plan: String = "ISOLATE", flux: Float = 100,
                      edit: (inout LamostSpectrumMetadata) -> Void = { _ in }) throws -> String {
        var spectrum = LamostIngestorTests.syntheticSpectrum(obsid: obsid, fiber: fiber, flux: flux)
        spectrum.metadata.planid = plan
        edit(&spectrum.metadata)
        let url = url(dir, fiber, plan: plan)
        try LamostSpectrumWriter.write(spectrum, to: url)
        return url.path
    }

    static func rejections(_ db: PostgresConnection) throws -> [String: (code: String, reason: String)] {
        var out: [String: (String, String)] = [:]
        for row in try db.query("SELECT source, reason_code, reason FROM rejection").rows {
            out[try row.decode(String.self, at: 0)] = (try row.decode(String.self, at: 1), try row.decode(String.self, at: 2))
        }
        return out
    }

    var ingestor: LamostIngestor { get throws { LamostIngestor(preprocessor: try SpectrumPreprocessor(), threads: 2) } }

    @Test func valuesOutOfTheirColumnsRangeAreOneRejectionOrANoteEach() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = try Self.write(dir, 1, obsid: 9101)
        let spid = try Self.write(dir, 2, obsid: 9102) { $0.spid = 40000 }
        let fiber = try Self.write(dir, 3, obsid: 9103) { $0.fiberid = -40000 }
        let lmjd = try Self.write(dir, 4, obsid: 9104) { $0.lmjd = 3_000_000_000 }
        let mjd = try Self.write(dir, 5, obsid: 9105) { $0.mjd = 3_000_000_000 }
        let snr = try Self.write(dir, 6, obsid: 9106) { $0.snr.g = 1e39 }
        let noObsid = try Self.write(dir, 7, obsid: nil)
        let paths = [good, spid, fiber, lmjd, mjd, snr, noObsid]
        let ingestor = try ingestor
        try await FreshDatabase.run { db in
            let summary = try ingestor.ingest(paths: paths, connection: db, jobID: 7)
            #expect(summary.ingested == 4)
            #expect(summary.rejected == 3)
            let rejected = try Self.rejections(db)
            #expect(rejected.count == 3)
            let spidCard = try #require(try LamostSpectrumReader.read(url: URL(fileURLWithPath: spid)).header.cardNumber("SPID"))
            #expect(rejected[spid]?.code == "out_of_range")
            #expect(rejected[spid]?.reason == "\(spid): SPID 40000 out of range 0..32767 (keyword SPID, card \(spidCard))")
            #expect(rejected[fiber]?.reason.hasPrefix("\(fiber): FIBERID -40000 out of range 0..32767 (keyword FIBERID, card ") == true)
            #expect(rejected[lmjd]?.reason.hasPrefix("\(lmjd): LMJD 3000000000 out of range 0..2147483647 (keyword LMJD, card ") == true)
            let stored = try db.query("SELECT obsid, mjd, snrg, obsid_synthetic, array_to_string(notes, ' | ') FROM lamost_spectrum ORDER BY obsid")
            var notes: [Int64: String] = [:]
            for row in stored.rows { notes[try row.decode(Int64.self, at: 0)] = try row.decode(String.self, at: 4) }
            let mjdRow = try db.query("SELECT mjd FROM lamost_spectrum WHERE obsid = 9105").first
            #expect(try mjdRow?.decode(Int?.self, at: 0) == nil)
            #expect(notes[9105]?.contains("MJD 3000000000 out of range 0..2147483647 (keyword MJD, card ") == true)
            #expect(notes[9105]?.contains("stored as NULL") == true)
            let snrRow = try db.query("SELECT snrg FROM lamost_spectrum WHERE obsid = 9106").first
            #expect(try snrRow?.decode(Float?.self, at: 0) == nil)
            #expect(notes[9106]?.contains("SNRG 1e+39 exceeds the largest real") == true, "\(notes[9106] ?? "")")
            #expect(try db.query("SELECT count(*) FROM lamost_spectrum WHERE 'Infinity'::real IN (snru, snrg, snrr, snri, snrz)")
                .first?.decode(Int.self, at: 0) == 0)
            let synthetic = try db.query("SELECT array_to_string(notes, ' | ') FROM lamost_spectrum WHERE obsid_synthetic").first
            #expect(try synthetic?.decode(String.self, at: 0).contains("no OBSID keyword: obsid -") == true)
        }
    }

    /// A row the database refuses though it passed validation (here a test-only CHECK constraint): the
    /// batch is written in halves until that file is alone, and it becomes a rejection naming it.
    @Test func aRowTheDatabaseRefusesIsIsolatedAndRejectedByName() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = try (1...9).map { try Self.write(dir, $0, obsid: 9200 + Int64($0)) }
        let ingestor = try ingestor
        try await FreshDatabase.run { db in
            try db.execute("ALTER TABLE lamost_spectrum ADD CONSTRAINT test_refuses_9206 CHECK (obsid <> 9206)")
            let summary = try ingestor.ingest(paths: paths, connection: db, jobID: 8)
            #expect(summary.ingested == 8)
            #expect(summary.rejected == 1)
            let rejected = try Self.rejections(db)
            #expect(rejected.count == 1)
            #expect(rejected[paths[5]]?.code == "database_refused")
            #expect(rejected[paths[5]]?.reason.hasPrefix("\(paths[5]): the database refused its row") == true)
            #expect(rejected[paths[5]]?.reason.contains("test_refuses_9206") == true, "\(rejected[paths[5]]?.reason ?? "")")
            #expect(try db.query("SELECT count(*) FROM spectrum_preprocessed").first?.decode(Int.self, at: 0) == 8)
        }
    }

    /// A newer release replaces the stored copy, an older one loses, and a same-release copy that sorts
    /// first loses to the one already ingested; each loser names the winner.
    @Test func duplicateObsidKeepsTheNewerReleaseElseTheFirstIngested() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let genuine = try Self.write(dir, 10, obsid: 9300, plan: "MGENUINE")
        let tampered = try Self.write(dir, 10, obsid: 9300, plan: "ATAMPERED", flux: 300)
        let older = try Self.write(dir, 11, obsid: 9301, plan: "BOLDER") { $0.dataRelease = "LAMOST DR3" }
        let current = try Self.write(dir, 11, obsid: 9301, plan: "MCURRENT") { $0.dataRelease = "LAMOST DR5" }
        let newer = try Self.write(dir, 12, obsid: 9302, plan: "ZNEWER") { $0.pipelineVersion = "v2.9.10" }
        let stale = try Self.write(dir, 12, obsid: 9302, plan: "MSTALE") { $0.pipelineVersion = "v2.9.7" }
        let ingestor = try ingestor
        try await FreshDatabase.run { db in
            // First run: the genuine copy, the DR5 copy and the v2.9.7 copy.
            _ = try ingestor.ingest(paths: [current, genuine, stale].sorted(), connection: db, jobID: 20)
            // Later runs: a tampered copy that sorts first, an older release, a newer pipeline version.
            _ = try ingestor.ingest(paths: [older, tampered, newer].sorted(), connection: db, jobID: 21)
            let kept = try db.query("SELECT obsid, file_path FROM lamost_spectrum ORDER BY obsid").rows.map {
                (try $0.decode(Int64.self, at: 0), try $0.decode(String.self, at: 1))
            }
            #expect(kept.map(\.1) == [genuine, current, newer])
            let rejected = try Self.rejections(db)
            #expect(rejected.count == 3)
            #expect(rejected[tampered]?.code == "duplicate_obsid")
            #expect(rejected[tampered]?.reason == "\(tampered): obsid 9300 is also in \(genuine) (different content), which is kept: same data release and pipeline version; the file of the earlier ingest job is kept (job 20 before 21)")
            #expect(rejected[older]?.reason == "\(older): obsid 9301 is also in \(current) (different content), which is kept: the higher data release is kept ('LAMOST DR5' over 'LAMOST DR3')")
            #expect(rejected[stale]?.reason == "\(stale): obsid 9302 is also in \(newer) (different content), which is kept: the newer pipeline version is kept ('v2.9.10' over 'v2.9.7')")
            // The replaced spectrum's preprocessed row is the new file's.
            #expect(try db.query("SELECT count(*) FROM spectrum_preprocessed WHERE obsid = 9302").first?.decode(Int.self, at: 0) == 1)
        }
        // In one batch the same rule holds whatever the order.
        try await FreshDatabase.run { db in
            _ = try ingestor.ingest(paths: [older, current, newer, stale].sorted(), connection: db, jobID: 30)
            let kept = try db.query("SELECT file_path FROM lamost_spectrum ORDER BY obsid").rows.map { try $0.decode(String.self, at: 0) }
            #expect(kept == [current, newer])
            #expect(Set(try Self.rejections(db).keys) == [older, stale])
        }
    }

    /// Two batches (two jobs) with the same obsid, committed in either order, end the same way.
    @Test func duplicateAcrossJobsDoesNotDependOnWhichCommitsFirst() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try Self.write(dir, 20, obsid: 9400, plan: "ZFIRSTJOB")
        let second = try Self.write(dir, 20, obsid: 9400, plan: "ASECONDJOB", flux: 250)
        let ingestor = try ingestor
        let orders: [[(path: String, job: Int64)]] = [[(first, 40), (second, 41)], [(second, 41), (first, 40)]]
        for order in orders {
            try await FreshDatabase.run { db in
                for (path, job) in order { _ = try ingestor.ingest(paths: [path], connection: db, jobID: job) }
                let kept = try db.query("SELECT file_path FROM lamost_spectrum").rows.map { try $0.decode(String.self, at: 0) }
                #expect(kept == [first])
                let rejected = try Self.rejections(db)
                #expect(rejected.count == 1)
                #expect(rejected[second]?.reason.contains("which is kept: same data release and pipeline version; the file of the earlier ingest job is kept (job 40 before 41)") == true)
            }
        }
    }

    struct LeaseLost: Error, Equatable { var attempt: Int }

    /// Counts the fence's calls from inside the ingest's transactions.
    final class FenceCalls: @unchecked Sendable {  // used from the one thread running the ingest
        var count = 0
    }

    @Test func aThrowingFenceLeavesNothingWrittenAndItsErrorPropagates() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = try (1...4).map { try Self.write(dir, $0, obsid: 9500 + Int64($0)) }
        + [dir.appendingPathComponent("spec-57002-ISOLATE_sp03-099.fits").path]  // missing: a rejection to write
        let ingestor = try ingestor
        try await FreshDatabase.run { db in
            let calls = FenceCalls()
            #expect(throws: LeaseLost(attempt: 3)) {
                _ = try ingestor.ingest(paths: paths, connection: db, jobID: 9, fence: { conn in
                    calls.count += 1
                    _ = try conn.query("SELECT 1")  // the fence runs inside the write transaction, on its connection
                    throw LeaseLost(attempt: 3)
                })
            }
            #expect(calls.count == 1)
            let counts = try db.query("""
                SELECT (SELECT count(*) FROM lamost_spectrum), (SELECT count(*) FROM spectrum_preprocessed),
                       (SELECT count(*) FROM rejection), (SELECT count(*) FROM preprocessing)
                """).first
            #expect(try (0..<4).map { try counts?.decode(Int.self, at: $0) } == [0, 0, 0, 0])
        }
    }

    /// Every smaller transaction of the fallback calls the fence first, and its error still propagates.
    @Test func theFenceGuardsEveryFallbackTransaction() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = try (1...4).map { try Self.write(dir, $0, obsid: 9600 + Int64($0)) }
        let ingestor = try ingestor
        try await FreshDatabase.run { db in
            try db.execute("ALTER TABLE lamost_spectrum ADD CONSTRAINT test_refuses_9604 CHECK (obsid <> 9604)")
            let calls = FenceCalls()
            let summary = try ingestor.ingest(paths: paths, connection: db, jobID: 10, fence: { conn in
                #expect(conn.isInTransaction)
                calls.count += 1
            })
            // The batch, its halves [1, 2] and [3, 4], then [3] and [4], then [4] as a rejection.
            #expect(calls.count == 6)
            #expect(summary.ingested == 3 && summary.rejected == 1)
            try db.executeScript("DELETE FROM spectrum_preprocessed; DELETE FROM lamost_spectrum; DELETE FROM rejection", name: "reset")
            let failing = FenceCalls()
            #expect(throws: LeaseLost(attempt: 4)) {
                _ = try ingestor.ingest(paths: paths, connection: db, jobID: 11, fence: { _ in
                    failing.count += 1
                    if failing.count == 3 { throw LeaseLost(attempt: 4) }
                })
            }
            // The first half was committed before the lease was lost; nothing after it was written.
            #expect(try db.query("SELECT count(*) FROM lamost_spectrum").first?.decode(Int.self, at: 0) == 2)
            #expect(try db.query("SELECT count(*) FROM rejection").first?.decode(Int.self, at: 0) == 0)
        }
    }
}
