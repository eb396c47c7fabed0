import Foundation

/// One numbered SQL file of `migrations/` (`NNNN_name.sql`).
public struct Migration: Sendable, Equatable {
    /// The numeric prefix; migrations apply in increasing version order.
    public var version: Int
    /// The file name, e.g. `0002_job_queue.sql`.
    public var name: String
    /// The SQL script (one or more statements; run in one transaction).
    public var sql: String
    /// SHA-256 of the file's bytes, lowercase hex.
    public var checksum: String

    /// A migration; its checksum is computed from `sql`.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = SHA256Digest.hex(Array(sql.utf8))
    }

    /// Loads `NNNN_*.sql` files of `directory`, sorted by version. Other files are ignored.
    /// Throws ``MigrationError/badFileName(_:reason:)`` for duplicate versions.
    public static func load(from directory: URL) throws(MigrationError) -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw .unreadable(path: directory.path, reason: "\(error)")
        }
        var migrations: [Migration] = []
        for name in names where name.hasSuffix(".sql") {
            let digits = name.prefix(while: \.isNumber)
            guard !digits.isEmpty, name.dropFirst(digits.count).first == "_", let version = Int(digits) else {
                throw .badFileName(name, reason: "expected NNNN_name.sql")
            }
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw .unreadable(path: url.path, reason: "cannot read file")
            }
            let sql = String(decoding: data, as: UTF8.self)
            if let clash = migrations.first(where: { $0.version == version }) {
                throw .badFileName(name, reason: "version \(version) also used by \(clash.name)")
            }
            migrations.append(Migration(version: version, name: name, sql: sql))
        }
        return migrations.sorted { $0.version < $1.version }
    }

    /// Combined checksum of a list of migrations (changes when any file changes, is added or removed).
    public static func combinedChecksum(_ migrations: [Migration]) -> String {
        SHA256Digest.hex(Array(migrations.map { "\($0.name):\($0.checksum)" }.joined(separator: "\n").utf8))
    }

    /// Finds the migrations directory: `explicit` (e.g. `--migrations DIR`), else env
    /// `SLAM_MIGRATIONS_DIR`, else `migrations/` of the project root found by walking up from the
    /// current directory and then from the executable's path (``ProjectLocator``).
    public static func locateDirectory(explicit: String?, environment: [String: String] = ProcessEnvironment.current) throws(MigrationError) -> URL {
        if let explicit, !explicit.isEmpty { return URL(fileURLWithPath: explicit) }
        if let fromEnvironment = environment["SLAM_MIGRATIONS_DIR"], !fromEnvironment.isEmpty {
            return URL(fileURLWithPath: fromEnvironment)
        }
        if let root = ProjectLocator.projectRoot() { return root.appendingPathComponent("migrations") }
        throw .directoryNotFound(searched: [FileManager.default.currentDirectoryPath, ProjectLocator.executableURL.path])
    }
}
