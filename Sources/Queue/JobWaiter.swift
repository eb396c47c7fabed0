import Foundation
import Store

/// Waits for a set of jobs to finish, summing their progress, for the CLI's `--wait`.
///
/// Polls the `job` rows (one query per poll, whatever the number of jobs) and reports a
/// ``JobWaiter/Snapshot`` each time: jobs by state, the summed `progress.done` / `progress.total`
/// of the jobs (a finished job without progress counts as its `unitsPerJob`), rate and ETA.
public struct JobWaiter: Sendable {
    /// The state of the awaited jobs at one poll.
    public struct Snapshot: Sendable, Equatable {
        public var total: Int
        public var completed: Int
        public var running: Int
        public var waiting: Int
        public var dead: Int
        public var cancelled: Int
        /// Units of work done (files, spectra ...), summed over the jobs.
        public var unitsDone: Int
        /// Units of work in all, when known.
        public var unitsTotal: Int?
        /// Errors of dead jobs: id and last error.
        public var errors: [(Int, String)]
        public var elapsedSeconds: Double

        public var finished: Bool { completed + dead + cancelled == total }

        /// Units per second so far.
        public var rate: Double { elapsedSeconds > 0 ? Double(unitsDone) / elapsedSeconds : 0 }
        /// Seconds left at the current rate, when it can be told.
        public var etaSeconds: Double? {
            guard let unitsTotal, rate > 0, unitsDone < unitsTotal else { return nil }
            return Double(unitsTotal - unitsDone) / rate
        }

        public static func == (a: Snapshot, b: Snapshot) -> Bool {
            a.total == b.total && a.completed == b.completed && a.running == b.running && a.dead == b.dead
                && a.unitsDone == b.unitsDone && a.unitsTotal == b.unitsTotal
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
            return text
        }
    }

    public let ids: [Int]
    public let pollSeconds: Double
    /// Units of work in all, when the caller knows them (e.g. files enqueued); otherwise summed from
    /// the jobs' reported totals once every job has reported one.
    public let expectedUnits: Int?

    public init(ids: [Int], pollSeconds: Double = 1, expectedUnits: Int? = nil) {
        self.ids = ids
        self.pollSeconds = pollSeconds
        self.expectedUnits = expectedUnits
    }

    /// One look at the jobs.
    public func snapshot(_ db: PostgresConnection, since start: Date) throws(PostgresError) -> Snapshot {
        let rows = try db.query("""
            SELECT state, coalesce((progress->>'done')::int8, 0) AS done, (progress->>'total')::int8 AS total,
                   id, last_error
            FROM job WHERE id = ANY($1)
            """, [ids], name: "job_waiter_snapshot")
        var s = Snapshot(total: ids.count, completed: 0, running: 0, waiting: 0, dead: 0, cancelled: 0,
                         unitsDone: 0, unitsTotal: 0, errors: [], elapsedSeconds: Date().timeIntervalSince(start))
        var allTotals = true
        for row in rows.rows {
            let state = try row.decode(String.self, "state")
            let done = try row.decode(Int.self, "done")
            let total = try row.decode(Int?.self, "total")
            switch state {
            case "completed": s.completed += 1
            case "running": s.running += 1
            case "dead":
                s.dead += 1
                s.errors.append((try row.decode(Int.self, "id"), try row.decode(String?.self, "last_error") ?? "?"))
            case "cancelled": s.cancelled += 1
            default: s.waiting += 1
            }
            s.unitsDone += state == "completed" ? (total ?? max(done, 1)) : done
            if let total { s.unitsTotal! += total } else { allTotals = false }
        }
        if !allTotals { s.unitsTotal = nil }
        if let expectedUnits { s.unitsTotal = expectedUnits }
        return s
    }

    /// Polls until every job is finished, calling `report` whenever the snapshot changes; returns the last one.
    public func wait(_ factory: PostgresConnectionFactory, report: @escaping @Sendable (Snapshot) -> Void) async throws -> Snapshot {
        let start = Date()
        let ids = self.ids
        let poll = pollSeconds
        let expected = expectedUnits
        return try await BlockingThread.run(name: "slam-wait") {
            let db = try factory.connect()
            var last: Snapshot? = nil
            while true {
                let s = try JobWaiter(ids: ids, pollSeconds: poll, expectedUnits: expected).snapshot(db, since: start)
                if s != last { report(s) }
                last = s
                if s.finished { return s }
                Thread.sleep(forTimeInterval: poll)
            }
        }
    }
}
