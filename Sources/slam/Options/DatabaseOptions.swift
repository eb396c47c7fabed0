import ArgumentParser
import Logging
import Store

/// `--database-url`, shared by every subcommand that talks to the database.
///
/// Resolution order: `--database-url`, `DATABASE_URL`, the `PG*` variables (PGHOST...), else the
/// embedded server (started on demand; see `slam db`).
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "PostgreSQL URL (default: DATABASE_URL, PG* variables, else the embedded server).")
    var databaseURL: String?

    /// The configuration to connect with; starts the embedded server when nothing is configured.
    /// `environment` is the process's (a test passes its own).
    func configuration(logger: Logger, environment: [String: String] = ProcessEnvironment.current) throws -> PostgresConfiguration {
        let (configuration, source) = try DatabaseResolver.resolve(explicitURL: databaseURL, environment: environment, logger: logger)
        logger.debug("database \(configuration.redactedDescription) (from \(source.rawValue))")
        return configuration
    }

    /// A connection factory for the resolved database, retrying while it is unreachable.
    /// `environment` is the process's (a test passes its own).
    func factory(logger: Logger, retry: ReconnectPolicy = .standard,
                 environment: [String: String] = ProcessEnvironment.current) throws -> PostgresConnectionFactory {
        PostgresConnectionFactory(configuration: try configuration(logger: logger, environment: environment), retry: retry, logger: logger)
    }
}
