import ArgumentParser

/// `slam`: the Stellar LAbel Machine catalogue system's command-line interface.
///
/// To add a subcommand, add its type to ``subcommands`` (one file per subcommand in `Commands/`).
@main
struct SLAMCommand: AsyncParsableCommand {
    /// Every subcommand, in help order.
    static let subcommands: [any ParsableCommand.Type] = [
        Demo.self,
        Simulate.self,
        Ingest.self,
        Crossmatch.self,
        Labels.self,
        TrainingSet.self,
        Train.self,
        Predict.self,
        ModelCommand.self,
        Migrate.self,
        DB.self,
        Worker.self,
        Jobs.self,
        Schedule.self,
        Export.self,
    ]

    static let configuration = CommandConfiguration(
        commandName: "slam",
        abstract: "Stellar labels for LAMOST spectra with the Stellar LAbel Machine, on PostgreSQL.",
        subcommands: subcommands
    )
}
