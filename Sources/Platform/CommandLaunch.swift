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
            try await parseAndRun(root, arguments: nil)
        } catch {
            failure(error)
        }
    }

    /// Parses `arguments` (`nil`: the process's command line) as `Root` and runs the chosen command,
    /// awaiting it when it is an `AsyncParsableCommand`.
    /// - Throws: the parse error (including ArgumentParser's help and version requests) or the command's error.
    static func parseAndRun<Root: ParsableCommand>(_ root: Root.Type, arguments: [String]?) async throws {
        var command = try root.parseAsRoot(arguments)
        if var asyncCommand = command as? AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    }
}
