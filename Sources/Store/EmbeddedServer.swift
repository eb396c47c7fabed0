import Foundation
import Logging

/// The project-local PostgreSQL 15 cluster used when no database is configured.
///
/// - Data directory: ``defaultDataDirectory(environment:)`` (`$SLAM_HOME/pg`, else `.slam/pg` at
///   the checkout root, else `$XDG_DATA_HOME/slam/pg`).
/// - Listens on a Unix socket in a short directory (`/tmp/slam-<hash of data dir>`, well under
///   the 107-byte limit) and on a free port of 127.0.0.1 (remembered in `slam-port` in the data
///   dir), trust authentication, superuser `postgres`, database `slam`.
/// - `shared_preload_libraries = 'pg_cron'`, `cron.database_name = 'slam'` (pg_cron is created in
///   `slam`); q3c is available (created by migration 0001).
/// - `synchronous_commit = off` (a crash may lose the last few commits, never corrupts);
///   `fsync` stays on unless ``Options/fsync`` is false (tests only).
/// - As root, `initdb` and `postgres` run as the `postgres` system user through
///   `setpriv --reuid=postgres --regid=postgres --init-groups`, with the data directory chowned
///   to it; as a normal user they run directly.
/// - Start and initialisation are serialised across processes with `flock` on `<data dir>.lock`.
public struct EmbeddedServer: Sendable {
    /// Start-up choices.
    public struct Options: Sendable {
        /// `fsync` setting; false only for throw-away test clusters.
        public var fsync: Bool
        /// Options; `fsync: false` only for tests.
        public init(fsync: Bool = true) { self.fsync = fsync }
    }

    /// Where the server runs now.
    public struct Endpoint: Sendable, Equatable {
        /// Postmaster process id.
        public var pid: Int32
        /// TCP port on 127.0.0.1 (also the socket file's suffix).
        public var port: Int
        /// Directory of the Unix socket.
        public var socketDirectory: String
    }

    /// The cluster's data directory.
    public let dataDirectory: URL
    /// Directory with `initdb`, `pg_ctl`, `postgres`, `psql`.
    public var binDirectory: URL
    /// Start-up options.
    public var options: Options
    /// Logger for start/stop events.
    public var logger: Logger

    /// The database the project uses.
    public static let databaseName = "slam"
    /// The superuser created by `initdb`.
    public static let superuser = "postgres"
    /// `max_connections` of the embedded server, set at every start (so an existing cluster gets it too).
    /// The test suite runs a thousand tests at once, each with its own database, workers and servers: it
    /// has held 260 connections at a time on two cores, over the 300 it once had.
    public static let maxConnections = 1000

    /// A server rooted at `dataDirectory` (not started until ``ensureRunning()``).
    public init(dataDirectory: URL, options: Options = Options(),
                binDirectory: URL = URL(fileURLWithPath: "/usr/lib/postgresql/15/bin"),
                logger: Logger = Logger(label: "slam.db")) {
        self.dataDirectory = dataDirectory.standardizedFileURL
        self.options = options
        self.binDirectory = binDirectory
        self.logger = logger
    }

    /// `$SLAM_HOME/pg` if set; else `.slam/pg` at the checkout root (``ProjectLocator``); else
    /// `$XDG_DATA_HOME/slam/pg` (default `~/.local/share/slam/pg`). As root, when the `postgres` user
    /// cannot reach the checkout (e.g. under a private `/root`), `/var/lib/slam/<hash of the checkout
    /// path>/pg` instead.
    public static func defaultDataDirectory(environment: [String: String] = ProcessEnvironment.current) -> URL {
        if let home = environment["SLAM_HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home).appendingPathComponent("pg")
        }
        if let root = ProjectLocator.projectRoot() {
            if isRoot && !isSearchableByOthers(root) {
                let tag = SHA256Digest.hex(Array(root.standardizedFileURL.path.utf8)).prefix(12)
                return URL(fileURLWithPath: "/var/lib/slam/\(tag)/pg")
            }
            return root.appendingPathComponent(".slam/pg")
        }
        let xdg = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return URL(fileURLWithPath: xdg).appendingPathComponent("slam/pg")
    }

    /// True when every directory from `directory` up to `/` can be searched by other users.
    static func isSearchableByOthers(_ directory: URL) -> Bool {
        var current = directory.standardizedFileURL
        while current.path != "/" {
            if let attributes = try? FileManager.default.attributesOfItem(atPath: current.path),
               let mode = attributes[.posixPermissions] as? Int, mode & 0o001 == 0 {
                return false
            }
            current = current.deletingLastPathComponent()
        }
        return true
    }

    /// The short socket directory for this data directory: `/tmp/slam-<8 hex digits>`.
    public var socketDirectory: String {
        "/tmp/slam-" + SHA256Digest.hex(Array(dataDirectory.path.utf8)).prefix(8)
    }

    /// True once `initdb` has run here.
    public var isInitialised: Bool {
        FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path)
    }

    /// The running server's endpoint from `postmaster.pid`, or nil when it is not running.
    public func runningEndpoint() -> Endpoint? {
        let pidFile = dataDirectory.appendingPathComponent("postmaster.pid")
        guard let text = try? String(contentsOf: pidFile, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 5, let pid = Int32(lines[0].trimmingCharacters(in: .whitespaces)),
              let port = Int(lines[3].trimmingCharacters(in: .whitespaces)) else { return nil }
        guard kill(pid, 0) == 0 || errno == EPERM else { return nil }
        if lines.count >= 8, !lines[7].contains("ready") { return nil }
        return Endpoint(pid: pid, port: port, socketDirectory: lines[4].trimmingCharacters(in: .whitespaces))
    }

    /// Connection settings for `database` on a running server (Unix socket, user `postgres`).
    public func configuration(for endpoint: Endpoint, database: String = databaseName) -> PostgresConfiguration {
        PostgresConfiguration("postgresql:///\(database)?host=\(endpoint.socketDirectory)&port=\(endpoint.port)&user=\(Self.superuser)")
    }

    /// A TCP URL for `database` on a running server (for tools that do not take socket URLs).
    public func tcpURL(for endpoint: Endpoint, database: String = databaseName) -> String {
        "postgresql://\(Self.superuser)@127.0.0.1:\(endpoint.port)/\(database)"
    }

    /// Initialises (first time) and starts the server if needed, creates database `slam` with
    /// pg_cron, and returns its connection settings. Safe to call from several processes at once.
    public func ensureRunning() throws(EmbeddedServerError) -> PostgresConfiguration {
        let lock = try FileLock(path: dataDirectory.path + ".lock")
        defer { lock.unlock() }
        let endpoint: Endpoint
        if let running = runningEndpoint() {
            endpoint = running
        } else {
            if !isInitialised { try initialise() }
            endpoint = try start()
        }
        try createDatabase(endpoint)
        return configuration(for: endpoint)
    }

    /// Stops the server (`pg_ctl stop -m fast`); does nothing if it is not running.
    public func stop() throws(EmbeddedServerError) {
        let lock = try FileLock(path: dataDirectory.path + ".lock")
        defer { lock.unlock() }
        guard runningEndpoint() != nil else { return }
        try runAsServerUser(binary("pg_ctl"), ["-D", dataDirectory.path, "-m", "fast", "-w", "-t", "60", "stop"])
        logger.info("stopped embedded PostgreSQL (\(dataDirectory.path))")
    }
}
