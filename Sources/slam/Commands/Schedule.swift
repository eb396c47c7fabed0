import ArgumentParser

/// `slam schedule add|list|remove`: recurring jobs enqueued by workers' schedulers.
struct Schedule: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage recurring jobs (5-field cron, UTC).",
        subcommands: [Add.self, List.self, Remove.self])
}
