import ArgumentParser

/// `slam db start|stop|status|url|psql`: the embedded PostgreSQL server.
struct DB: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the embedded PostgreSQL 15 server (used when no database is configured).",
        subcommands: [Start.self, Stop.self, Status.self, URLCommand.self, Psql.self])
}
