import ArgumentParser

/// `slam-bench`: benchmarks that print figures (run with `swift run -c release slam-bench ...`).
@main
struct BenchCommand: AsyncParsableCommand {
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
            IngestBench.self,
            CrossmatchBench.self,
        ]
    )
}
