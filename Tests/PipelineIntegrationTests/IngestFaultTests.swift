import Formats
import Foundation
import Logging
import Pipeline
import Queue
import SLAMNumerics
import Store
import StoreTestSupport
import Testing

/// A worker killed in the middle of writing a batch, then the batch run again: the end state (row
/// counts and checksums of spectra, preprocessed arrays and rejections) equals one clean run.
///
/// The kill is the server-side death of the worker's backend (`pg_terminate_backend`) while its
/// transaction has already written the batch's `lamost_spectrum` rows and waits to insert the
/// preprocessed spectra: another connection holds an exclusive lock on `spectrum_preprocessed`, sees
/// the ingest waiting on it, and terminates it.
@Suite("LAMOST ingest after a killed worker", .serialized)
struct IngestFaultTests {
    /// 24 good spectra and one file per rejection reason.
    static func makeBatch(in dir: URL) throws -> [String] {
        var paths = try IngestRejectionTests.makeCases(in: dir).map(\.path)
        for fiber in 101...124 {
            let url = dir.appendingPathComponent(String(format: "spec-57000-TESTPLAN_sp01-%03d.fits.gz", fiber))
            try LamostSpectrumWriter.write(
                LamostIngestorTests.syntheticSpectrum(obsid: 8000 + Int64(fiber), fiber: fiber, flux: Float(50 + fiber)), to: url)
            paths.append(url.path)
        }
        return paths.sorted()
    }

    /// Counts and md5 checksums of everything the ingest writes (ids, times and job ids left out).
    static func fingerprint(_ db: PostgresConnection) throws -> [String] {
        let row = try db.query("""
            SELECT (SELECT count(*) FROM lamost_spectrum)::text,
                   (SELECT count(*) FROM spectrum_preprocessed)::text,
                   (SELECT count(*) FROM rejection)::text,
                   (SELECT md5(string_agg(row(obsid, obsid_synthetic, designation, ra, dec, lmjd, mjd, planid, spid,
                                              fiberid, class, subclass, z, z_err, helio_rv, snru, snrg, snrr, snri, snrz,
                                              data_release, file_layout, n_pixels, file_path, file_sha256, file_bytes,
                                              header, notes)::text, ',' ORDER BY obsid)) FROM lamost_spectrum),
                   (SELECT md5(string_agg(row(p.obsid, v.version, p.flux_code, p.ivar_code, p.n_bad_pixels)::text, ','
                                          ORDER BY p.obsid, v.version))
                    FROM spectrum_preprocessed p JOIN preprocessing v USING (preprocessing_id)),
                   (SELECT md5(string_agg(row(stage, source, object, reason_code, reason)::text, ','
                                          ORDER BY stage, source, reason_code)) FROM rejection)
            """).first
        return try (0..<6).map { try row?.decode(String?.self, at: $0) ?? "NULL" }
    }

    /// Runs `ingest` on one connection while another holds `spectrum_preprocessed` locked, and
    /// terminates the ingest's backend once it waits for that lock. Returns the ingest's error.
    static func ingestKilledMidBatch(_ factory: PostgresConnectionFactory, paths: [String], jobID: Int64? = nil) async throws -> String? {
        let ingestor = LamostIngestor(preprocessor: try SpectrumPreprocessor(), threads: 2)
        async let killer: (terminated: Bool, wroteSpectra: Bool) = factory.withConnection { b in
            try b.transaction { tx in
                try tx.execute("LOCK TABLE spectrum_preprocessed IN ACCESS EXCLUSIVE MODE")
                for _ in 0..<1200 {
                    // pg_stat_activity is a snapshot kept for the transaction: refresh it.
                    try tx.execute("SELECT pg_stat_clear_snapshot()")
                    let waiting = try tx.query("""
                        SELECT pid FROM pg_stat_activity
                        WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'
                          AND query ILIKE '%INSERT INTO spectrum_preprocessed%'
                        """)
                    if let pid = try waiting.first?.decode(Int32.self, at: 0) {
                        // Its transaction has inserted into lamost_spectrum already (it holds the row lock).
                        let wrote = try tx.query("""
                            SELECT count(*) > 0 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                            WHERE l.pid = $1 AND c.relname = 'lamost_spectrum' AND l.mode = 'RowExclusiveLock' AND l.granted
                            """, [pid]).first?.decode(Bool.self, at: 0) ?? false
                        let terminated = try tx.query("SELECT pg_terminate_backend($1)", [pid]).first?.decode(Bool.self, at: 0) ?? false
                        return (terminated, wrote)
                    }
                    Thread.sleep(forTimeInterval: 0.05)
                }
                return (false, false)
            }
        }
        let failure: String? = try await factory.withConnection { a in
            // Start only once the lock is held, so the write is sure to wait on it.
            for _ in 0..<600 {
                let held = try a.query("""
                    SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                    WHERE c.relname = 'spectrum_preprocessed' AND l.mode = 'AccessExclusiveLock' AND l.granted
                    """).first?.decode(Int.self, at: 0) ?? 0
                if held > 0 { break }
                Thread.sleep(forTimeInterval: 0.05)
            }
            do {
                _ = try ingestor.ingest(paths: paths, connection: a, jobID: jobID)
                return nil
            } catch {
                return "\(error)"
            }
        }
        let kill = try await killer
        #expect(kill.terminated, "the ingest was never seen waiting to write its preprocessed spectra")
        #expect(kill.wroteSpectra, "the ingest was killed before writing lamost_spectrum rows")
        return failure
    }

    @Test func batchRerunAfterAKilledBackendEqualsACleanRun() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = try Self.makeBatch(in: dir)
        let clean = try await TestDatabase.withFresh { db in
            try await db.withConnection { conn in
                _ = try LamostIngestor(preprocessor: try SpectrumPreprocessor(), threads: 2).ingest(paths: paths, connection: conn)
                return try Self.fingerprint(conn)
            }
        }
        #expect(clean[0] == "28" && clean[1] == "24" && clean[2] == "13", "\(clean)")
        try await TestDatabase.withFresh { db in
            let failure = try await Self.ingestKilledMidBatch(db.factory, paths: paths)
            #expect(failure != nil, "the killed ingest should have failed")
            let afterKill = try await db.withConnection { try Self.fingerprint($0) }
            #expect(Array(afterKill.prefix(3)) == ["0", "0", "0"], "a killed batch must leave nothing behind")
            let rerun = try await db.withConnection { conn in
                _ = try LamostIngestor(preprocessor: try SpectrumPreprocessor(), threads: 2).ingest(paths: paths, connection: conn)
                return try Self.fingerprint(conn)
            }
            #expect(rerun == clean)
        }
    }

    @Test func jobOfAKilledWorkerIsRescuedAndRerunToTheSameEndState() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = try Self.makeBatch(in: dir)
        let clean = try await TestDatabase.withFresh { db in
            try await db.withConnection { conn in
                _ = try LamostIngestor(preprocessor: try SpectrumPreprocessor(), threads: 2).ingest(paths: paths, connection: conn)
                return try Self.fingerprint(conn)
            }
        }
        try await TestDatabase.withFresh { db in
            // The dead worker claimed the batch's job and was killed while writing it.
            let job = try await db.withConnection { conn -> Job in
                let enqueued = try IngestLamostJob.enqueue(paths: paths, batchSize: paths.count, db: conn)
                #expect(enqueued.count == 1)
                let claimed = try JobQueue(conn).claim(kinds: [JobKind.ingestLamost], limit: 1, owner: "dead-worker", leaseSeconds: 1)
                return try #require(claimed.first)
            }
            let failure = try await Self.ingestKilledMidBatch(db.factory, paths: paths, jobID: Int64(job.id))
            #expect(failure != nil)
            // Its lease runs out; a live worker rescues the job and runs it again.
            let rescued = try await db.withConnection { try JobQueue($0).rescueExpired(asOf: Date().addingTimeInterval(5)) }
            #expect(rescued == [job.id])
            var logger = Logger(label: "test.worker")
            logger.logLevel = .critical
            try await Queue.Worker(
                configuration: WorkerConfiguration(kinds: [JobKind.ingestLamost], concurrency: 1, pollIntervalSeconds: 0.1,
                                                   untilEmpty: true, untilEmptyHorizonSeconds: 0),
                registry: JobKind.registry(), database: db.factory, logger: logger).run()
            let (state, attempt, end) = try await db.withConnection { conn in
                let row = try conn.query("SELECT state::text, attempt FROM job WHERE id = $1", [job.id]).first
                return (try row?.decode(String.self, at: 0), try row?.decode(Int.self, at: 1), try Self.fingerprint(conn))
            }
            #expect(state == "completed")
            #expect(attempt == 2)
            #expect(end == clean)
        }
    }
}
