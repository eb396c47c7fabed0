import ArgumentParser

/// The start of an executable of this package (`slam`, `slam-bench`): the processor check, OpenBLAS on one
/// thread per task, then the command line parsed as `Root` and the chosen command run.
public enum CommandLaunch {
    /// Prepares the process and runs the command; an error goes to `failure`, which reports it and exits.
    public static func run<Root: ParsableCommand>(_ root: Root.Type, program: String,
                                                  failure: @Sendable (any Error) -> Never) async {
        ProcessorCheck.exitIfUnsupported(program: program)
        BLASThreading.configureForTaskParallelism()
        do {
            var command = try root.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            failure(error)
        }
    }
}
