import ArgumentParser

extension Jobs {
    /// `slam jobs retry ID`: a dead or cancelled job back to available.
    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put a dead or cancelled job back to available (fresh attempts).")
        @OptionGroup var target: JobTarget

        func run() async throws {
            guard try await target.withQueue({ try $0.retry(id: $1) }) else {
                throw ValidationError("job \(target.id) does not exist or is not dead/cancelled")
            }
            print("job \(target.id) is available again")
        }
    }
}
