import Foundation
import Logging

/// Applies numbered SQL migrations in order, each in its own transaction, recording name,
/// checksum, time and duration in `schema_migrations`.
///
/// - Refuses (``MigrationError/checksumMismatch(name:applied:current:)``) when an applied file
///   changed, and when the database has a migration the directory lacks.
/// - Safe to run twice (applied files are skipped) and from two processes at once: the whole run
///   holds a session advisory lock (``advisoryLockKey``), so a second runner waits, then finds
///   everything applied.
/// - A migration that needs to run outside a transaction (e.g. `CREATE INDEX CONCURRENTLY`) is not
///   supported.
/// - Objects a migration creates are handed to ``ownerRole`` in the same transaction (when the
///   database has `slam_claim_ownership`, migration 0018, and the role running migrations is a
///   member of it), so that any login role granted `slam_owner` can run the next migration,
///   whoever ran the earlier ones (docs/roles.md).
public struct MigrationRunner: Sendable {
    /// The migrations to apply, sorted by version.
    public let migrations: [Migration]
    /// Logger for "applied X" lines.
    public var logger: Logger
    /// The group role that owns the schema's objects (`slam_owner`); nil leaves ownership alone.
    public var ownerRole: String?

    /// The `pg_advisory_lock` key held while migrating.
    public static let advisoryLockKey = 0x534C_414D_4D49_47  // "SLAMMIG"

    /// A runner for `migrations` (sorted by version here).
    public init(migrations: [Migration], logger: Logger = Logger(label: "slam.migrate"), ownerRole: String? = "slam_owner") {
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.logger = logger
        self.ownerRole = ownerRole
    }

    /// What a run did.
    public struct Report: Sendable, Equatable {
        /// Names of migrations applied by this run, in order.
        public var applied: [String]
        /// Number already applied before this run.
        public var alreadyApplied: Int
    }

    /// Applies pending migrations on `connection` (blocking). See the type's documentation.
    @discardableResult
    public func migrate(_ connection: PostgresConnection) throws(MigrationError) -> Report {
        do {
            try connection.execute("SELECT pg_advisory_lock($1)", [Self.advisoryLockKey], name: "migrate_lock")
        } catch {
            throw .failed(name: "(lock)", underlying: error)
        }
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock($1)", [Self.advisoryLockKey], name: "migrate_unlock") }
        do {
            try connection.executeScript(Self.createTable, name: "create schema_migrations")
        } catch {
            throw .failed(name: "schema_migrations", underlying: error)
        }
        let applied = try appliedChecksums(connection)
        for (name, checksum) in applied {
            guard let migration = migrations.first(where: { $0.name == name }) else { throw .unknownApplied(name: name) }
            if migration.checksum != checksum {
                throw .checksumMismatch(name: name, applied: checksum, current: migration.checksum)
            }
        }
        var report = Report(applied: [], alreadyApplied: applied.count)
        for migration in migrations where applied[migration.name] == nil {
            let started = Date()
            do {
                try connection.transaction { connection in
                    try connection.executeScript(migration.sql, name: migration.name)
                    try claimOwnership(connection)
                    try connection.execute(
                        "INSERT INTO schema_migrations (version, name, checksum, duration_ms) VALUES ($1, $2, $3, $4)",
                        [migration.version, migration.name, migration.checksum, Date().timeIntervalSince(started) * 1000],
                        name: "record_migration")
                }
            } catch let error as PostgresError {
                throw .failed(name: migration.name, underlying: error)
            } catch {
                throw .failed(name: migration.name, underlying: .protocolViolation("\(error)"))
            }
            logger.info("applied migration \(migration.name) in \(Int(Date().timeIntervalSince(started) * 1000)) ms")
            report.applied.append(migration.name)
        }
        return report
    }

    /// Hands the schema's objects the current role may give away to ``ownerRole`` (see the type's
    /// documentation); a no-op before migration 0018 or for a role outside ``ownerRole``.
    func claimOwnership(_ connection: PostgresConnection) throws(PostgresError) {
        guard let ownerRole else { return }
        let ready = try connection.query("""
            SELECT to_regprocedure('slam_claim_ownership(name)') IS NOT NULL
                   AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1 AND pg_has_role(current_user, oid, 'MEMBER')) AS ready
            """, [ownerRole], name: "migration_owner_ready")
        guard try ready.first?.decode(Bool.self, "ready") == true else { return }
        try connection.execute("SELECT slam_claim_ownership($1)", [ownerRole], name: "migration_claim_ownership")
    }

    /// Applied migrations (name to checksum), or empty when `schema_migrations` does not exist.
    public func appliedChecksums(_ connection: PostgresConnection) throws(MigrationError) -> [String: String] {
        do {
            let exists = try connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS present", name: "migrations_table_exists")
            guard try exists.first?.decode(Bool.self, "present") == true else { return [:] }
            let rows = try connection.query("SELECT name, checksum FROM schema_migrations ORDER BY version", name: "applied_migrations")
            var result: [String: String] = [:]
            for row in rows.rows { result[try row.decode(String.self, "name")] = try row.decode(String.self, "checksum") }
            return result
        } catch {
            throw .failed(name: "schema_migrations", underlying: error)
        }
    }

    static let createTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version     integer PRIMARY KEY CHECK (version >= 0),
            name        text NOT NULL UNIQUE CHECK (name ~ '^[0-9]+_.*\\.sql$'),
            checksum    text NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
            applied_at  timestamptz NOT NULL DEFAULT now(),
            duration_ms double precision NOT NULL CHECK (duration_ms >= 0)
        );
        COMMENT ON TABLE schema_migrations IS 'Applied migrations of migrations/, one row per file (written by slam migrate)';
        COMMENT ON COLUMN schema_migrations.version IS 'Numeric prefix of the file name; applied in increasing order';
        COMMENT ON COLUMN schema_migrations.name IS 'File name, e.g. 0002_job_queue.sql';
        COMMENT ON COLUMN schema_migrations.checksum IS 'SHA-256 of the file when applied, lowercase hex; a changed file is refused';
        COMMENT ON COLUMN schema_migrations.applied_at IS 'When the migration was committed (timestamptz)';
        COMMENT ON COLUMN schema_migrations.duration_ms IS 'Time to apply the file, milliseconds';
        """
}
