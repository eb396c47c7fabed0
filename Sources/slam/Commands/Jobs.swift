import ArgumentParser

/// `slam jobs`: the queue by kind and state; `show`, `retry`, `cancel` one job.
struct Jobs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the job queue; show, retry or cancel a job.",
        subcommands: [Summary.self, Show.self, Retry.self, Cancel.self],
        defaultSubcommand: Summary.self)
}
