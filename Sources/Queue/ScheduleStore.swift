import Foundation
import Primitives
import Store

/// A row of `schedule`.
public struct ScheduleEntry: Sendable, Equatable {
    /// Schedule name.
    public var name: String
    /// 5-field cron expression (UTC).
    public var cron: String
    /// Job kind enqueued.
    public var kind: String
    /// Payload of each job.
    public var payload: JSONB
    /// Priority of each job.
    public var priority: Int
    /// max_attempts of each job.
    public var maxAttempts: Int
    /// Disabled schedules never fire.
    public var enabled: Bool
    /// Latest fire time enqueued.
    public var lastFireAt: Date?
    /// Next fire time (whole minute, UTC).
    public var nextFireAt: Date?
}

/// A schedule fire that was enqueued (or found already enqueued) by ``ScheduleStore/enqueueDue(asOf:)``.
public struct ScheduleFire: Sendable, Equatable {
    /// Schedule name.
    public var name: String
    /// The fire time (whole minute, UTC).
    public var fireTime: Date
    /// The job enqueued for this fire time (nil if its unique key was already taken and the job is gone).
    public var jobID: Int?
    /// False when the fire time's job already existed (another scheduler won the race).
    public var inserted: Bool
}

/// Schedule operations on one connection (blocking).
public struct ScheduleStore {
    /// The connection used for every statement.
    public let connection: PostgresConnection
    /// Schedule operations on `connection`.
    public init(_ connection: PostgresConnection) { self.connection = connection }

    /// The unique key of a schedule's job for one fire time: `schedule:<name>:<YYYY-MM-DDTHH:MMZ>`.
    public static func uniqueKey(name: String, fireTime: Date) -> String {
        "schedule:\(name):\(CivilDate.minuteString(fireTime))"
    }

    /// Adds or replaces schedule `name`; the next fire time is computed after `now` (UTC).
    /// Throws ``CronError`` for a bad expression (nothing is written).
    public func add(name: String, cron: String, kind: String, payload: JSONB = JSONB("{}"), priority: Int = 0,
                    maxAttempts: Int = 5, now: Date = Date()) throws -> ScheduleEntry {
        let expression = try CronExpression(cron)
        guard let next = expression.nextFireTime(after: now) else {
            throw CronError.invalid(cron, reason: "never fires")
        }
        try connection.execute("""
            INSERT INTO schedule (name, cron, kind, payload, priority, max_attempts, enabled, next_fire_at)
            VALUES ($1, $2, $3, $4::jsonb, $5, $6, true, $7)
            ON CONFLICT (name) DO UPDATE SET cron = EXCLUDED.cron, kind = EXCLUDED.kind, payload = EXCLUDED.payload,
                priority = EXCLUDED.priority, max_attempts = EXCLUDED.max_attempts, enabled = true,
                next_fire_at = EXCLUDED.next_fire_at, updated_at = now()
            """, [name, cron, kind, payload.text, priority, maxAttempts, next], name: "schedule_add")
        return ScheduleEntry(name: name, cron: cron, kind: kind, payload: payload, priority: priority,
                             maxAttempts: maxAttempts, enabled: true, lastFireAt: nil, nextFireAt: next)
    }

    /// Removes schedule `name`; returns false if there was none.
    @discardableResult
    public func remove(name: String) throws(PostgresError) -> Bool {
        try connection.execute("DELETE FROM schedule WHERE name = $1", [name], name: "schedule_remove") == 1
    }

    /// Every schedule, by name.
    public func list() throws(PostgresError) -> [ScheduleEntry] {
        let rows = try connection.query("""
            SELECT name, cron, kind, payload, priority, max_attempts, enabled, last_fire_at, next_fire_at
            FROM schedule ORDER BY name
            """, name: "schedule_list")
        var result: [ScheduleEntry] = []
        for row in rows.rows {
            result.append(ScheduleEntry(
                name: try row.decode(String.self, "name"), cron: try row.decode(String.self, "cron"),
                kind: try row.decode(String.self, "kind"), payload: try row.decode(JSONB.self, "payload"),
                priority: try row.decode(Int.self, "priority"), maxAttempts: try row.decode(Int.self, "max_attempts"),
                enabled: try row.decode(Bool.self, "enabled"), lastFireAt: try row.decode(Date?.self, "last_fire_at"),
                nextFireAt: try row.decode(Date?.self, "next_fire_at")))
        }
        return result
    }

    /// Enqueues every due schedule exactly once per fire time, in one transaction: due rows are
    /// locked `FOR UPDATE SKIP LOCKED` (a racing scheduler skips them), each job carries the
    /// forever-unique key ``uniqueKey(name:fireTime:)`` (so even a late duplicate is a no-op), and
    /// `next_fire_at` moves to the first fire time after `asOf` (missed fire times collapse into
    /// one). `asOf` defaults to the server's `now()`; tests pass a time instead of sleeping.
    @discardableResult
    public func enqueueDue(asOf: Date? = nil) throws -> [ScheduleFire] {
        try connection.transaction { connection in
            let due = try connection.query("""
                SELECT name, cron, kind, payload, priority, max_attempts, next_fire_at, COALESCE($1::timestamptz, now()) AS as_of
                FROM schedule
                WHERE enabled AND next_fire_at <= COALESCE($1::timestamptz, now())
                ORDER BY next_fire_at
                LIMIT 100
                FOR UPDATE SKIP LOCKED
                """, [asOf], name: "schedule_due")
            var fires: [ScheduleFire] = []
            let queue = JobQueue(connection)
            for row in due.rows {
                let name = try row.decode(String.self, "name")
                let fireTime = try row.decode(Date.self, "next_fire_at")
                let now = try row.decode(Date.self, "as_of")
                let request = JobRequest(kind: try row.decode(String.self, "kind"), payload: try row.decode(JSONB.self, "payload"),
                                         priority: try row.decode(Int.self, "priority"), maxAttempts: try row.decode(Int.self, "max_attempts"),
                                         uniqueKey: Self.uniqueKey(name: name, fireTime: fireTime), uniqueScope: .forever)
                let result = try queue.enqueue(request)
                let next = (try? CronExpression(try row.decode(String.self, "cron")))?.nextFireTime(after: max(now, fireTime))
                try connection.execute("""
                    UPDATE schedule SET last_fire_at = $2, next_fire_at = $3, enabled = ($3::timestamptz IS NOT NULL),
                        last_job_id = $4, updated_at = now()
                    WHERE name = $1
                    """, [name, fireTime, next, result.id], name: "schedule_fired")
                fires.append(ScheduleFire(name: name, fireTime: fireTime, jobID: result.id, inserted: result.inserted))
            }
            return fires
        }
    }
}
