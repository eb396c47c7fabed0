import Foundation
import Store

/// Waits for a set of jobs to finish, summing their progress, for the CLI's `--wait`.
///
/// Polls the `job` rows (one query per poll, whatever the number of jobs) and reports a
/// ``JobWaiter/Snapshot`` each time: jobs by state, the summed `progress.done` / `progress.total`
/// of the jobs (a finished job without progress counts as its `unitsPerJob`), rate and ETA.
///
/// It ends when every job is completed, dead, cancelled or failing by ``FailureRule`` (a job retried
/// with the same error again and again), or when ``timeoutSeconds`` have passed. It survives a database
/// restart: on a lost connection it reconnects with ``reconnect``'s backoff (by default about 3
/// minutes of attempts) and rethrows the connection error only when that runs out.
public struct JobWaiter: Sendable {
    /// The state of the awaited jobs at one poll.
    public struct Snapshot: Sendable, Equatable {
        public var total: Int
        public var completed: Int
        public var running: Int
        public var waiting: Int
        public var dead: Int
        public var cancelled: Int
        /// Jobs still queued but given up on by the ``FailureRule``, or deleted (counted in neither `running` nor `waiting`).
        public var failing: Int = 0
        /// Units of work done (files, spectra ...), summed over the jobs.
        public var unitsDone: Int
        /// Units of work in all, when known.
        public var unitsTotal: Int?
        /// Dead, cancelled and failing jobs, by id.
        public var failures: [Failure] = []
        public var elapsedSeconds: Double
        /// True when the waiter stopped at its timeout with jobs unfinished.
        public var timedOut = false

        /// A snapshot (the waiter makes them; public for callers' tests).
        public init(total: Int, completed: Int, running: Int, waiting: Int, dead: Int, cancelled: Int, failing: Int = 0,
                    unitsDone: Int, unitsTotal: Int?, failures: [Failure] = [], elapsedSeconds: Double, timedOut: Bool = false) {
            self.total = total
            self.completed = completed
            self.running = running
            self.waiting = waiting
            self.dead = dead
            self.cancelled = cancelled
            self.failing = failing
            self.unitsDone = unitsDone
            self.unitsTotal = unitsTotal
            self.failures = failures
            self.elapsedSeconds = elapsedSeconds
            self.timedOut = timedOut
        }

        /// Every job completed, dead, cancelled or given up on.
        public var finished: Bool { completed + dead + cancelled + failing == total }

        /// Units per second so far.
        public var rate: Double { elapsedSeconds > 0 ? Double(unitsDone) / elapsedSeconds : 0 }
        /// Seconds left at the current rate, when it can be told.
        public var etaSeconds: Double? {
            guard let unitsTotal, rate > 0, unitsDone < unitsTotal else { return nil }
            return Double(unitsTotal - unitsDone) / rate
        }

        public static func == (a: Snapshot, b: Snapshot) -> Bool {
            a.total == b.total && a.completed == b.completed && a.running == b.running && a.dead == b.dead
                && a.cancelled == b.cancelled && a.failing == b.failing && a.unitsDone == b.unitsDone && a.unitsTotal == b.unitsTotal
        }

        /// One line: `what: 1200/6000 (20%), 85.3/s, ETA 56 s; jobs 3 running, 12 done, 1 dead`.
        public func line(what: String) -> String {
            var text = "\(what): \(unitsDone)"
            if let unitsTotal, unitsTotal > 0 {
                text += "/\(unitsTotal) (\(Int((100 * Double(unitsDone) / Double(unitsTotal)).rounded()))%)"
            }
            text += String(format: ", %.1f/s", rate)
            if let eta = etaSeconds { text += String(format: ", ETA %.0f s", eta) }
            text += "; jobs \(running) running, \(waiting) waiting, \(completed) done"
            if dead > 0 { text += ", \(dead) dead" }
            if cancelled > 0 { text += ", \(cancelled) cancelled" }
            if failing > 0 { text += ", \(failing) failing" }
            return text
        }
    }

    public let ids: [Int]
    public let pollSeconds: Double
    /// Units of work in all, when the caller knows them (e.g. files enqueued); otherwise summed from
    /// the jobs' reported totals once every job has reported one.
    public let expectedUnits: Int?
    /// When to give up on a job that keeps failing.
    public var rule = FailureRule()
    /// Backoff while the database is unreachable; when it gives up, ``wait(_:report:onConnectionProblem:)``
    /// throws the connection error. The default: 0.1 s doubling to 5 s, 40 attempts (about 3 minutes).
    public var reconnect = ReconnectPolicy(initialDelaySeconds: 0.1, maximumDelaySeconds: 5, maximumAttempts: 40)
    /// Stop after this many seconds with the jobs unfinished (``Snapshot/timedOut``); nil waits until they finish.
    public var timeoutSeconds: Double?

    public init(ids: [Int], pollSeconds: Double = 1, expectedUnits: Int? = nil, rule: FailureRule = FailureRule(),
                timeoutSeconds: Double? = nil) {
        self.ids = ids
        self.pollSeconds = pollSeconds
        self.expectedUnits = expectedUnits
        self.rule = rule
        self.timeoutSeconds = timeoutSeconds
    }

    /// One look at the jobs. `baseline` holds, per job id, the failed attempts recorded when the waiter
    /// first saw the job (filled in here for jobs seen for the first time).
    public func snapshot(_ db: PostgresConnection, since start: Date, baseline: inout [Int: Int]) throws(PostgresError) -> Snapshot {
        let rows = try db.query("""
            SELECT state, coalesce((progress->>'done')::int8, 0) AS done, (progress->>'total')::int8 AS total,
                   id, last_error, kind, attempt, max_attempts, jsonb_array_length(errors) AS n_errors,
                   ARRAY(SELECT coalesce(e.value->>'error', '') FROM jsonb_array_elements(errors) WITH ORDINALITY AS e(value, k)
                         ORDER BY e.k DESC LIMIT $2) AS recent_errors
            FROM job WHERE id = ANY($1) ORDER BY id
            """, [ids, rule.repeatedErrors], name: "job_waiter_snapshot")
        var s = Snapshot(total: ids.count, completed: 0, running: 0, waiting: 0, dead: 0, cancelled: 0,
                         unitsDone: 0, unitsTotal: 0, elapsedSeconds: Date().timeIntervalSince(start))
        var allTotals = true
        var seen = Set<Int>()
        for row in rows.rows {
            let state = try row.decode(String.self, "state")
            let done = try row.decode(Int.self, "done")
            let total = try row.decode(Int?.self, "total")
            let id = try row.decode(Int.self, "id")
            seen.insert(id)
            let errorCount = try row.decode(Int.self, "n_errors")
            let seenWith = baseline[id] ?? errorCount
            baseline[id] = seenWith
            func failure(_ reason: Failure.Reason) throws(PostgresError) -> Failure {
                Failure(id: id, kind: try row.decode(String.self, "kind"), reason: reason, attempt: try row.decode(Int.self, "attempt"),
                        maxAttempts: try row.decode(Int.self, "max_attempts"), error: try row.decode(String?.self, "last_error"))
            }
            switch state {
            case "completed": s.completed += 1
            case "running": s.running += 1
            case "dead":
                s.dead += 1
                s.failures.append(try failure(.dead))
            case "cancelled":
                s.cancelled += 1
                s.failures.append(try failure(.cancelled))
            default:
                if rule.givesUp(state: state, recentErrors: try row.decode([String].self, "recent_errors"),
                                errorsSinceWaitBegan: errorCount - seenWith) {
                    s.failing += 1
                    s.failures.append(try failure(.failing))
                } else {
                    s.waiting += 1
                }
            }
            s.unitsDone += state == "completed" ? (total ?? max(done, 1)) : done
            if let total { s.unitsTotal! += total } else { allTotals = false }
        }
        // A job deleted while waited for will never finish: it counts as failed rather than waited for.
        for id in Set(ids).subtracting(seen).sorted() {
            s.failing += 1
            s.failures.append(Failure(id: id, kind: "?", reason: .missing, attempt: 0, maxAttempts: 0, error: nil))
        }
        if !allTotals { s.unitsTotal = nil }
        if let expectedUnits { s.unitsTotal = expectedUnits }
        return s
    }

    /// Polls until every job is finished (or given up on, or the timeout), calling `report` whenever the
    /// snapshot changes and `onConnectionProblem` (the error and the seconds until the next attempt) each
    /// time the database cannot be reached; returns the last snapshot. Throws the connection error when
    /// ``reconnect`` gives up.
    public func wait(_ factory: PostgresConnectionFactory, report: @escaping @Sendable (Snapshot) -> Void,
                     onConnectionProblem: @escaping @Sendable (PostgresError, Double) -> Void = { _, _ in }) async throws -> Snapshot {
        let start = Date()
        let waiter = self
        return try await BlockingThread.run(name: "slam-wait") {
            var db: PostgresConnection? = nil
            var last: Snapshot? = nil
            var baseline: [Int: Int] = [:]
            var failedAttempts = 0
            while true {
                do {
                    let live: PostgresConnection
                    if let db, db.isConnected { live = db } else {
                        live = try PostgresConnection(configuration: factory.configuration, retry: .never, logger: factory.logger)
                        db = live
                    }
                    var s = try waiter.snapshot(live, since: start, baseline: &baseline)
                    failedAttempts = 0
                    if s != last { report(s) }
                    last = s
                    if s.finished { return s }
                    if let timeout = waiter.timeoutSeconds, s.elapsedSeconds >= timeout {
                        s.timedOut = true
                        return s
                    }
                    Thread.sleep(forTimeInterval: waiter.pollSeconds)
                } catch let error as PostgresError where error.isConnectionProblem {
                    db = nil
                    failedAttempts += 1
                    guard let delay = waiter.reconnect.delay(afterAttempt: failedAttempts) else { throw error }
                    onConnectionProblem(error, delay)
                    Thread.sleep(forTimeInterval: delay)
                }
            }
        }
    }
}
