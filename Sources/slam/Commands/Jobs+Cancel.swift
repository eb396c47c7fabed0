import ArgumentParser

extension Jobs {
    /// `slam jobs cancel ID`: cancels an available or running job.
    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel an available or running job.")
        @OptionGroup var target: JobTarget

        func run() async throws {
            guard try await target.withQueue({ try $0.cancel(id: $1) }) else {
                throw ValidationError("job \(target.id) does not exist or is already finished")
            }
            print("job \(target.id) cancelled")
        }
    }
}
