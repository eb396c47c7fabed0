import Catalogue
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import Pipeline
import Queue
import ServiceLifecycle
import Store
import StoreTestSupport
import TAP
import Testing

/// Asynchronous TAP (UWS under `/tap/async`) over real HTTP: jobs created by the server, run by a real
/// worker (`Worker` with the pipeline's registry, as `slam worker` runs it), results compared with the
/// synchronous answer to the same query.
@Suite struct TapAsyncRoutesTests {
    /// The text of the first `<uws:NAME>` element of a UWS document.
    static func element(_ name: String, in text: String) -> String? {
        guard let start = text.range(of: "<uws:\(name)>"), let end = text.range(of: "</uws:\(name)>", range: start.upperBound..<text.endIndex)
        else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }

    /// Creates a job by POST to `/async` (following the 303 to the job); its id and phase.
    static func create(_ base: String, _ pairs: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation) async throws -> (id: String, phase: String) {
        let response = try await TapHTTP.post(base + "/async", pairs)
        try #require(response.status == 200, "\(response.status): \(response.text)", sourceLocation: sourceLocation)
        let id = try #require(element("jobId", in: response.text), "\(response.text)", sourceLocation: sourceLocation)
        return (id, element("phase", in: response.text) ?? "")
    }

    /// The integer of `sql`'s first row and column, run as the database's superuser.
    static func count(_ database: TestDatabase, _ sql: SQL) async throws -> Int {
        try await database.withConnection { db in try db.query(sql).first?.decode(Int.self, at: 0) ?? -1 }
    }

    static func phase(_ base: String, _ id: String) async throws -> String {
        try await TapHTTP.get(base + "/async/\(id)/phase").text
    }

    /// Runs the pipeline's `tap_query` jobs on a worker until the queue is empty.
    static func drain(_ database: TestDatabase) async throws {
        let configuration = WorkerConfiguration(kinds: [JobKind.tapQuery], concurrency: 1, leaseSeconds: 10,
                                                heartbeatIntervalSeconds: 0.5, pollIntervalSeconds: 0.05,
                                                untilEmpty: true, untilEmptyHorizonSeconds: 1)
        try await Worker(configuration: configuration, registry: JobKind.registry(), database: database.factory,
                         logger: TapTestCatalogue.logger).run()
    }

    /// `body` with a worker running `tap_query` jobs beside it (stopped gracefully after).
    static func withWorker<T: Sendable>(_ database: TestDatabase, _ body: @Sendable () async throws -> T) async throws -> T {
        let configuration = WorkerConfiguration(kinds: [JobKind.tapQuery], concurrency: 1, leaseSeconds: 10,
                                                heartbeatIntervalSeconds: 0.5, pollIntervalSeconds: 0.05)
        let worker = Worker(configuration: configuration, registry: JobKind.registry(), database: database.factory,
                            logger: TapTestCatalogue.logger)
        let group = ServiceGroup(configuration: .init(services: [.init(service: worker)], logger: TapTestCatalogue.logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            do {
                let result = try await body()
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }

    @Test func aQueryRunOnAWorkerGivesTheSyncAnswer() async throws {
        try await TapTestCatalogue.withServer { base, database in
            let query = TapRoutesTests.labelsQuery
            let job = try await Self.create(base, [("LANG", "ADQL"), ("QUERY", query), ("RESPONSEFORMAT", "csv"), ("RUNID", "mine"), ("PHASE", "RUN")])
            #expect(job.phase == "QUEUED")
            let document = try await TapHTTP.get(base + "/async/\(job.id)")
            #expect(Self.element("runId", in: document.text) == "mine")
            #expect(document.text.contains("<uws:parameter id=\"QUERY\">"))
            try await Self.drain(database)
            #expect(try await Self.phase(base, job.id) == "COMPLETED")
            let results = try await TapHTTP.get(base + "/async/\(job.id)/results")
            #expect(results.text.contains("xlink:href=\"\(base)/async/\(job.id)/results/result\""), "\(results.text)")
            let result = try await TapHTTP.get(base + "/async/\(job.id)/results/result")
            #expect(result.status == 200 && result.contentType?.hasPrefix("text/csv") == true)
            let sync = try await TapHTTP.get(base + "/sync", [("LANG", "ADQL"), ("QUERY", query), ("RESPONSEFORMAT", "csv")])
            #expect(result.text == sync.text)
            TapRoutesTests.expectDelimited(TapHTTP.csvRecords(result.text), columns: TapRoutesTests.labelsColumns,
                                           try await TapTestCatalogue.sqlRows(database, query))
            #expect(try await Self.count(database, "SELECT count(*) FROM job WHERE kind = 'tap_query' AND state = 'completed'") == 1)
        }
    }

    @Test func aResultLargerThanAChunkIsStoredInChunksAndReadBackWhole() async throws {
        try await TapTestCatalogue.withServer { base, database in
            // A cross join of the labels with itself, many times over, as TABLEDATA: more than a chunk.
            let query = "SELECT a.obsid, b.obsid AS other, a.designation, b.designation AS other_designation, a.teff, b.teff AS other_teff "
                + "FROM slam.labels AS a, slam.labels AS b, slam.labels AS c, slam.labels AS d ORDER BY 1, 2"
            let job = try await Self.create(base, [("QUERY", query), ("LANG", "ADQL"), ("RESPONSEFORMAT", "votable/td"), ("PHASE", "RUN")])
            try await Self.drain(database)
            #expect(try await Self.phase(base, job.id) == "COMPLETED")
            let result = try await TapHTTP.get(base + "/async/\(job.id)/results/result")
            let sync = try await TapHTTP.get(base + "/sync", [("LANG", "ADQL"), ("QUERY", query), ("RESPONSEFORMAT", "votable/td")])
            #expect(result.body == sync.body)
            let chunks = try await Self.count(database, "SELECT count(*) FROM tap_result_chunk WHERE uws_id = \(job.id)")
            #expect(result.body.count > TapResultQueries.chunkBytes ? chunks > 1 : chunks == 1, "\(result.body.count) bytes in \(chunks) chunks")
        }
    }

    @Test func aRefusedQueryEndsInErrorWithItsPosition() async throws {
        try await TapTestCatalogue.withServer { base, database in
            let job = try await Self.create(base, [("LANG", "ADQL"), ("QUERY", "SELECT teff2 FROM slam.labels"), ("PHASE", "RUN")])
            try await Self.drain(database)
            #expect(try await Self.phase(base, job.id) == "ERROR")
            let document = try await TapHTTP.get(base + "/async/\(job.id)")
            #expect(Self.element("message", in: document.text)?.contains("line 1, column 8: no column 'teff2'") == true, "\(document.text)")
            let error = try await TapHTTP.get(base + "/async/\(job.id)/error")
            #expect(TapHTTP.queryStatuses(error.text) == ["ERROR"] && error.text.contains("no column 'teff2'"))
            let result = try await TapHTTP.get(base + "/async/\(job.id)/results/result")
            #expect(result.status == 404)
        }
    }

    @Test func aPendingJobIsEditedThenAbortedAndNeverRuns() async throws {
        try await TapTestCatalogue.withServer { base, database in
            let job = try await Self.create(base, [("LANG", "ADQL"), ("QUERY", "SELECT obsid FROM slam.labels")])
            #expect(job.phase == "PENDING")
            #expect(try await Self.count(database, "SELECT count(*) FROM job WHERE kind = 'tap_query'") == 0)
            _ = try await TapHTTP.post(base + "/async/\(job.id)/executionduration", [("EXECUTIONDURATION", "30")])
            #expect(try await TapHTTP.get(base + "/async/\(job.id)/executionduration").text == "30")
            // A destruction time within the retention period is taken; a later one is capped at it.
            let sooner = TapTimestamp.format(Date().addingTimeInterval(86_400).rounded())
            _ = try await TapHTTP.post(base + "/async/\(job.id)/destruction", [("DESTRUCTION", sooner)])
            #expect(try await TapHTTP.get(base + "/async/\(job.id)/destruction").text == sooner)
            _ = try await TapHTTP.post(base + "/async/\(job.id)/destruction", [("DESTRUCTION", "2099-01-02T03:04:05Z")])
            let capped = try #require(TapTimestamp.parse(try await TapHTTP.get(base + "/async/\(job.id)/destruction").text))
            #expect(capped.timeIntervalSinceNow <= TapAsyncJobs().retentionSeconds && capped.timeIntervalSinceNow > 86_400)
            let refused = try await TapHTTP.post(base + "/async/\(job.id)/phase", [("PHASE", "SUSPEND")])
            #expect(refused.status == 400, "\(refused.text)")
            _ = try await TapHTTP.post(base + "/async/\(job.id)/phase", [("PHASE", "ABORT")])
            #expect(try await Self.phase(base, job.id) == "ABORTED")
            let late = try await TapHTTP.post(base + "/async/\(job.id)/phase", [("PHASE", "RUN")])
            let phaseAfter = try await Self.phase(base, job.id)
            #expect(late.status == 400 || phaseAfter == "ABORTED")
            try await Self.drain(database)
            #expect(try await Self.phase(base, job.id) == "ABORTED")
        }
    }

    @Test func parametersPostedWhilePendingReplaceTheQueryAndRunIt() async throws {
        try await TapTestCatalogue.withServer { base, database in
            let job = try await Self.create(base, [("LANG", "ADQL"), ("QUERY", "SELECT teff2 FROM slam.labels")])
            let posted = try await TapHTTP.post(base + "/async/\(job.id)/parameters",
                                                [("QUERY", "SELECT COUNT(*) AS n FROM slam.labels"), ("RESPONSEFORMAT", "csv"), ("PHASE", "RUN")])
            #expect(Self.element("phase", in: posted.text) == "QUEUED", "\(posted.text)")
            let parameters = try await TapHTTP.get(base + "/async/\(job.id)/parameters")
            #expect(parameters.text.contains("<uws:parameter id=\"QUERY\">SELECT COUNT(*) AS n FROM slam.labels</uws:parameter>"), "\(parameters.text)")
            try await Self.drain(database)
            let result = try await TapHTTP.get(base + "/async/\(job.id)/results/result")
            #expect(TapHTTP.csvRecords(result.text) == [["n"], [String(TapTestCatalogue.stars.count)]], "\(result.text)")
            let late = try await TapHTTP.post(base + "/async/\(job.id)/parameters", [("QUERY", "SELECT 1 AS one FROM slam.labels")])
            #expect(late.status == 400, "\(late.text)")
        }
    }

    @Test func aQueuedJobAbortedBeforeAWorkerTakesItWritesNothing() async throws {
        try await TapTestCatalogue.withServer { base, database in
            let job = try await Self.create(base, [("LANG", "ADQL"), ("QUERY", "SELECT obsid FROM slam.labels"), ("PHASE", "RUN")])
            _ = try await TapHTTP.post(base + "/async/\(job.id)/phase", [("PHASE", "ABORT")])
            try await Self.drain(database)
            #expect(try await Self.phase(base, job.id) == "ABORTED")
            #expect(try await Self.count(database, "SELECT count(*) FROM tap_result_chunk") == 0)
            #expect(try await Self.count(database, "SELECT count(*) FROM job WHERE kind = 'tap_query' AND state = 'completed'") == 0)
        }
    }

    @Test func deletedJobsAreGoneWithTheirResultsAndTheListFiltersByPhase() async throws {
        try await TapTestCatalogue.withServer { base, database in
            let done = try await Self.create(base, [("LANG", "ADQL"), ("QUERY", "SELECT obsid FROM slam.labels"), ("PHASE", "RUN")])
            let pending = try await Self.create(base, [("LANG", "ADQL"), ("QUERY", "SELECT obsid FROM slam.labels")])
            try await Self.drain(database)
            let all = try await TapHTTP.get(base + "/async")
            #expect(all.text.contains("id=\"\(done.id)\"") && all.text.contains("id=\"\(pending.id)\""))
            let completed = try await TapHTTP.get(base + "/async", [("PHASE", "COMPLETED")])
            #expect(completed.text.contains("id=\"\(done.id)\"") && !completed.text.contains("id=\"\(pending.id)\""))
            // WAIT on a job in a final phase answers at once.
            let waited = try await TapHTTP.get(base + "/async/\(done.id)", [("WAIT", "30")])
            #expect(Self.element("phase", in: waited.text) == "COMPLETED")
            _ = try await TapHTTP.post(base + "/async/\(done.id)", [("ACTION", "DELETE")])
            #expect(try await TapHTTP.get(base + "/async/\(done.id)").status == 404)
            #expect(try await Self.count(database, "SELECT count(*) FROM tap_result_chunk") == 0)
            var request = URLRequest(url: try #require(URL(string: base + "/async/\(pending.id)")))
            request.httpMethod = "DELETE"
            _ = try await TapHTTP.send(request)
            #expect(try await TapHTTP.get(base + "/async/\(pending.id)").status == 404)
            #expect(try await TapHTTP.get(base + "/async/no-such-job").status == 404)
        }
    }

    @Test func pyvoRunsAnAsyncQuery() async throws {
        try await TapTestCatalogue.withServer { base, database in
            let query = "SELECT obsid, designation, ra, dec, snrg, teff, logg, m_h, flags, fit_status FROM slam.labels ORDER BY obsid"
            let result = try await Self.withWorker(database) {
                try await PyvoClientTests.pyvo(base, "async", [query], as: PyvoClientTests.SyncResult.self)
            }
            #expect(result.columns == ["obsid", "designation", "ra", "dec", "snrg", "teff", "logg", "m_h", "flags", "fit_status"])
            PyvoClientTests.expectRows(result.rows, try await TapTestCatalogue.sqlRows(database, query))
        }
    }
}

extension Date {
    /// This time rounded down to a whole second.
    fileprivate func rounded() -> Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
