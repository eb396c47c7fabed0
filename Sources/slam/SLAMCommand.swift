import ArgumentParser

/// `slam`: the Stellar LAbel Machine catalogue system's command-line interface.
@main
struct SLAMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slam",
        abstract: "Stellar labels for LAMOST spectra with the Stellar LAbel Machine, on PostgreSQL.",
        subcommands: [Simulate.self]
    )
}
