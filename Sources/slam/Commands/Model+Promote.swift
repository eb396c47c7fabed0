import ArgumentParser

extension ModelCommand {
    /// `slam model promote ID`: makes a ready model the current one of its label set.
    struct Promote: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a ready model the current one of its label set.")
        @OptionGroup var target: ModelTarget

        func run() async throws {
            try await target.withRegistry { try $0.promote($1, reasons: ["rule": "explicit promotion"], db: $2) }
            print("model \(target.model) is now current for its label set")
        }
    }
}
