import ArgumentParser
import Pipeline
import Platform

/// `slam-bench`: benchmarks that print figures (run with `swift run -c release slam-bench ...`).
@main
struct BenchCommand: AsyncParsableCommand {
    /// Checks that the processor can run this build's numerics, sets BLAS to one thread per task, then
    /// parses and runs the command.
    static func main() async {
        ProcessorCheck.exitIfUnsupported(program: "slam-bench")
        BLASThreading.configureForTaskParallelism()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "slam-bench",
        abstract: "Benchmarks of the SLAM system; they print figures and assert nothing.",
        subcommands: [
            QueueBench.self,
            PreprocessBench.self,
            FITSReadBench.self,
            SimulateBench.self,
            TrainingBench.self,
            InferenceBench.self,
            ReferenceComparisonBench.self,
            IngestBench.self,
            CrossmatchBench.self,
        ]
    )
}
