import ArgumentParser

extension ModelCommand {
    /// `slam model retire ID`: retires a model; its predictions stay.
    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Retire a model (its predictions stay).")
        @OptionGroup var target: ModelTarget

        func run() async throws {
            try await target.withRegistry { try $0.retire($1, db: $2) }
            print("model \(target.model) retired")
        }
    }
}
