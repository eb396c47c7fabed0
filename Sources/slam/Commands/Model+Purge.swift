import ArgumentParser

extension ModelCommand {
    /// `slam model purge ID`: drops a retired or failed model's predictions (its partition of `prediction`).
    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Drop a retired or failed model's predictions (the model itself stays).",
            discussion: """
                The predictions of each model version are one partition of the prediction table; purging drops \
                it, which frees its disk at once. The model row, its coefficients and validation stay, and \
                labels_history no longer lists the model's labels. Refused for a ready model (retire it first).
                """)
        @OptionGroup var target: ModelTarget

        func run() async throws {
            let dropped = try await target.withRegistry { try $0.purge($1, db: $2) }
            print("model \(target.model): \(dropped) predictions dropped")
        }
    }
}
