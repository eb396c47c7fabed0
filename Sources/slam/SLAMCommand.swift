import ArgumentParser
import Foundation
import Pipeline
import Platform

/// `slam`: the Stellar LAbel Machine catalogue system's command-line interface.
///
/// To add a subcommand, add its type to ``subcommands``: one file per subcommand in `Commands/`, a command
/// group's subcommands as `Group+Sub.swift` extensions of the group, and its parsing tests in
/// `Tests/slamTests/<File>Tests.swift` (`SLAMCommandTests` fails for a subcommand without them).
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
        Posterior.self,
        ModelCommand.self,
        Migrate.self,
        DB.self,
        Worker.self,
        Jobs.self,
        Schedule.self,
        Export.self,
        Calibrate.self,
        Show.self,
        Serve.self,
    ]

    /// Checks that the processor can run this build's numerics, sets BLAS to one thread per task, then
    /// parses and runs the command.
    static func main() async {
        await CommandLaunch.run(Self.self, program: "slam") { error in
            // Job failures, timeouts, an unreachable database and bad data get their own statuses
            // (SLAMExitCode) and message; usage errors and anything else go to ArgumentParser.
            if let outcome = SLAMExitCode.outcome(for: error) {
                FileHandle.standardError.write(Data("slam: \(outcome.message)\n".utf8))
                exit(withError: ExitCode(outcome.code.rawValue))
            }
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "slam",
        abstract: "Stellar labels for LAMOST spectra with the Stellar LAbel Machine, on PostgreSQL.",
        subcommands: subcommands
    )
}
