import Logging

/// Chooses the database for a command: `--database-url`, else `DATABASE_URL`, else the `PG*`
/// variables, else the embedded server (started on demand).
public enum DatabaseResolver {
    /// Where the chosen configuration came from.
    public enum Source: String, Sendable {
        case option = "--database-url"
        case databaseURL = "DATABASE_URL"
        case libpqEnvironment = "PG* environment"
        case embedded = "embedded server"
    }

    /// Resolves the database; starts the embedded server only when nothing else is configured.
    public static func resolve(explicitURL: String?, environment: [String: String] = ProcessEnvironment.current,
                               embeddedOptions: EmbeddedServer.Options = .init(),
                               logger: Logger = Logger(label: "slam.db")) throws(EmbeddedServerError) -> (PostgresConfiguration, Source) {
        if let explicitURL, !explicitURL.isEmpty { return (PostgresConfiguration(explicitURL), .option) }
        if let url = environment["DATABASE_URL"], !url.isEmpty { return (PostgresConfiguration(url), .databaseURL) }
        if let configured = PostgresConfiguration.fromEnvironment(environment) { return (configured, .libpqEnvironment) }
        let server = EmbeddedServer(dataDirectory: EmbeddedServer.defaultDataDirectory(environment: environment),
                                    options: embeddedOptions, logger: logger)
        return (try server.ensureRunning(), .embedded)
    }
}
