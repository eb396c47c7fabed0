import ArgumentParser

/// `slam trainingset create|list`.
struct TrainingSet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trainingset",
        abstract: "Create and list training sets (immutable, versioned selections with reference labels).",
        subcommands: [Create.self, List.self])
}
