import Foundation

extension EmbeddedServer {
    static var isRoot: Bool { getuid() == 0 }

    func binary(_ name: String) throws(EmbeddedServerError) -> String {
        let path = binDirectory.appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: path) else { throw .binariesMissing(directory: binDirectory.path) }
        return path
    }

    /// `initdb` into ``dataDirectory`` and append the project's settings to `postgresql.conf`.
    func initialise() throws(EmbeddedServerError) {
        let fileManager = FileManager.default
        let path = dataDirectory.path
        do {
            // Parents with the default mode (searchable by the postgres user); the data directory 0700.
            try fileManager.createDirectory(at: dataDirectory.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !fileManager.fileExists(atPath: path) {
                try fileManager.createDirectory(at: dataDirectory, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
            }
        } catch {
            throw .fileSystem(path: path, reason: "cannot create data directory: \(error)")
        }
        if Self.isRoot {
            try checkReachableByPostgres(dataDirectory.deletingLastPathComponent())
            try run("/bin/chown", ["-R", "\(Self.superuser):\(Self.superuser)", path])
        }
        logger.info("initialising embedded PostgreSQL in \(path)")
        var arguments = ["-D", path, "-U", Self.superuser, "-A", "trust", "-E", "UTF8", "--locale=C"]
        if !options.fsync { arguments.append("--no-sync") }
        try runAsServerUser(binary("initdb"), arguments)
        let settings = """

            # --- slam (embedded development/test server) ---
            listen_addresses = '127.0.0.1'
            shared_preload_libraries = 'pg_cron'
            cron.database_name = '\(Self.databaseName)'
            synchronous_commit = off
            max_connections = \(Self.maxConnections)
            shared_buffers = '256MB'
            unix_socket_permissions = 0777
            log_min_messages = warning
            log_min_error_statement = panic

            """
        do {
            let handle = try FileHandle(forWritingTo: dataDirectory.appendingPathComponent("postgresql.conf"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(settings.utf8))
            try handle.close()
        } catch {
            throw .fileSystem(path: path + "/postgresql.conf", reason: "\(error)")
        }
    }

    /// Starts the postmaster on the remembered port (or a new free one) and the short socket dir.
    func start() throws(EmbeddedServerError) -> Endpoint {
        let socket = socketDirectory
        do {
            try FileManager.default.createDirectory(atPath: socket, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o755])
        } catch {
            throw .fileSystem(path: socket, reason: "cannot create socket directory: \(error)")
        }
        if Self.isRoot { try run("/bin/chown", ["\(Self.superuser):\(Self.superuser)", socket]) }
        let portFile = dataDirectory.appendingPathComponent("slam-port")
        var port = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
        if port == 0 || !Self.isPortFree(port) { port = Self.freePort() }
        try? "\(port)\n".write(to: portFile, atomically: false, encoding: .utf8)
        var serverOptions = "-p \(port) -k \(socket) -c max_connections=\(Self.maxConnections)"
        if !options.fsync { serverOptions += " -c fsync=off -c full_page_writes=off" }
        logger.info("starting embedded PostgreSQL on port \(port), socket \(socket)")
        try runAsServerUser(binary("pg_ctl"), [
            "-D", dataDirectory.path, "-l", dataDirectory.appendingPathComponent("server.log").path,
            "-w", "-t", "60", "-o", serverOptions, "start",
        ])
        guard let endpoint = runningEndpoint() else {
            throw .commandFailed(command: "pg_ctl start", status: 0, output: "server did not report ready; see \(dataDirectory.path)/server.log")
        }
        return endpoint
    }

    /// Creates database `slam` (if missing) and `pg_cron` in it.
    func createDatabase(_ endpoint: Endpoint) throws(EmbeddedServerError) {
        do {
            let admin = try PostgresConnection(configuration: configuration(for: endpoint, database: "postgres"),
                                               retry: ReconnectPolicy(maximumAttempts: 20), logger: logger)
            let exists = try admin.query("SELECT count(*) AS n FROM pg_database WHERE datname = $1", [Self.databaseName])
            if try exists.first?.decode(Int.self, "n") == 0 {
                try admin.executeScript("CREATE DATABASE \(try admin.quoteIdentifier(Self.databaseName))", name: "create database")
            }
            let database = try PostgresConnection(configuration: configuration(for: endpoint), logger: logger)
            try database.executeScript("CREATE EXTENSION IF NOT EXISTS pg_cron", name: "create pg_cron")
        } catch {
            throw .notReachable(error)
        }
    }

    /// Runs a server binary: as the `postgres` user through `setpriv` when we are root.
    func runAsServerUser(_ executable: String, _ arguments: [String]) throws(EmbeddedServerError) {
        if Self.isRoot {
            try run("/usr/bin/setpriv", ["--reuid=\(Self.superuser)", "--regid=\(Self.superuser)", "--init-groups", executable] + arguments)
        } else {
            try run(executable, arguments)
        }
    }

    /// Runs a program to completion with `posix_spawn` + `waitpid` (Foundation's `Process` can miss
    /// the exit of a program that leaves a daemon behind, like `pg_ctl start`); output goes to a
    /// temporary file, quoted in the error when the program fails.
    func run(_ executable: String, _ arguments: [String]) throws(EmbeddedServerError) {
        let name = URL(fileURLWithPath: executable).lastPathComponent
        let outputPath = NSTemporaryDirectory() + "slam-cmd-\(UUID().uuidString).log"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw .commandFailed(command: name, status: -1, output: String(cString: strerror(spawned)))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = (status & 0x7f) == 0
        let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        guard code == 0 else {
            let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            let tail = text.split(separator: "\n").suffix(15).joined(separator: "\n")
            throw .commandFailed(command: ([name] + arguments.prefix(4)).joined(separator: " "), status: code, output: tail)
        }
    }

    /// As root: every ancestor of `directory` must be searchable by others (the postgres user).
    func checkReachableByPostgres(_ directory: URL) throws(EmbeddedServerError) {
        var current = directory.standardizedFileURL
        while current.path != "/" {
            if let attributes = try? FileManager.default.attributesOfItem(atPath: current.path),
               let mode = attributes[.posixPermissions] as? Int, mode & 0o001 == 0 {
                throw .directoryNotAccessible(path: current.path,
                    hint: "set SLAM_HOME to a directory under a world-searchable path (e.g. /var/lib/slam) or use DATABASE_URL")
            }
            current = current.deletingLastPathComponent()
        }
    }

    static func isPortFree(_ port: Int) -> Bool { bindLoopback(port: port) != nil }

    /// A free TCP port on 127.0.0.1 (bind to port 0 and read it back).
    static func freePort() -> Int { bindLoopback(port: 0) ?? 54_329 }

    static func bindLoopback(port: Int) -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { return nil }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { return nil }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// An exclusive `flock` on a file, serialising embedded-server start-up across processes/threads.
final class FileLock {
    let descriptor: Int32

    init(path: String) throws(EmbeddedServerError) {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .fileSystem(path: path, reason: String(cString: strerror(errno))) }
        while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
    }

    func unlock() {
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
