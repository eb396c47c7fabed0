import ArgumentParser
import Pipeline
import Platform

/// `slam-bench`: benchmarks that print figures (run with `swift run -c release slam-bench ...`).
@main
struct BenchCommand: AsyncParsableCommand {
    /// Checks that the processor can run this build's numerics, sets BLAS to one thread per task, then
    /// parses and runs the command.
    static func main() async {
        await CommandLaunch.run(Self.self, program: "slam-bench") { exit(withError: $0) }
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
            BiasBench.self,
            IngestBench.self,
            EnqueueBench.self,
            CrossmatchBench.self,
            EncodingBench.self,
            ScaleBench.self,
            ScaleAppendBench.self,
            ScaleQueriesBench.self,
            TapBench.self,
            PagesBench.self,
        ]
    )
}
