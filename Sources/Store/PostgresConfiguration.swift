import CLibPQ

/// Where and how to connect: a libpq connection URL (`postgresql://user@host:port/db?...`) or
/// conninfo string (`host=... dbname=...`). An empty string means "libpq defaults", i.e. the
/// standard `PG*` environment variables (`PGHOST`, `PGPORT`, `PGDATABASE`, `PGUSER`, `PGPASSWORD`...).
public struct PostgresConfiguration: Sendable, CustomStringConvertible {
    /// The URL or conninfo string. May contain a password: never log it; use ``redactedDescription``.
    public var conninfo: String
    /// `application_name` reported to the server (visible in `pg_stat_activity`).
    public var applicationName: String
    /// Seconds libpq waits for a connection before giving up (`connect_timeout`).
    public var connectTimeoutSeconds: Int

    /// A configuration from a URL or conninfo string.
    public init(_ conninfo: String, applicationName: String = "slam", connectTimeoutSeconds: Int = 5) {
        self.conninfo = conninfo
        self.applicationName = applicationName
        self.connectTimeoutSeconds = connectTimeoutSeconds
    }

    /// The names of the `PG*` environment variables that select a server.
    public static let libpqEnvironmentKeys = ["PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE"]

    /// The database configured by the environment: `DATABASE_URL` if set and non-empty, else libpq
    /// defaults when any of ``libpqEnvironmentKeys`` is set, else nil (nothing configured).
    public static func fromEnvironment(_ environment: [String: String]) -> PostgresConfiguration? {
        if let url = environment["DATABASE_URL"], !url.isEmpty { return PostgresConfiguration(url) }
        if libpqEnvironmentKeys.contains(where: { !(environment[$0] ?? "").isEmpty }) {
            return PostgresConfiguration("")
        }
        return nil
    }

    /// The same server with another database name (e.g. a per-test database).
    public func withDatabase(_ name: String) -> PostgresConfiguration {
        var copy = self
        var fields = Self.parse(conninfo) ?? []
        fields.removeAll { $0.key == "dbname" }
        fields.append((key: "dbname", value: name))
        copy.conninfo = fields.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        return copy
    }

    /// The same server and database as another role (e.g. a login role granted `slam_worker`); the
    /// password, if any, is dropped with the old user's.
    public func withUser(_ name: String) -> PostgresConfiguration {
        var copy = self
        var fields = Self.parse(conninfo) ?? []
        fields.removeAll { $0.key == "user" || $0.key == "password" }
        fields.append((key: "user", value: name))
        copy.conninfo = fields.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        return copy
    }

    /// `user@host:port/dbname` without password or other options, for messages and logs.
    public var redactedDescription: String {
        let fields = Dictionary(Self.parse(conninfo) ?? [], uniquingKeysWith: { _, last in last })
        let env = ProcessEnvironment.current
        let user = fields["user"] ?? env["PGUSER"] ?? "(default user)"
        let host = fields["host"] ?? fields["hostaddr"] ?? env["PGHOST"] ?? "(default socket)"
        let port = fields["port"] ?? env["PGPORT"] ?? "5432"
        let db = fields["dbname"] ?? env["PGDATABASE"] ?? user
        return "\(user)@\(host):\(port)/\(db)"
    }

    public var description: String { redactedDescription }

    /// Key/value pairs of a URL or conninfo string as libpq parses it (nil if unparsable).
    static func parse(_ conninfo: String) -> [(key: String, value: String)]? {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &errorMessage) else {
            if let errorMessage { PQfreemem(errorMessage) }
            return nil
        }
        defer { PQconninfoFree(options) }
        var result: [(key: String, value: String)] = []
        var cursor = options
        while let keyword = cursor.pointee.keyword {
            if let value = cursor.pointee.val {
                result.append((key: String(cString: keyword), value: String(cString: value)))
            }
            cursor += 1
        }
        return result
    }

    static func quote(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
