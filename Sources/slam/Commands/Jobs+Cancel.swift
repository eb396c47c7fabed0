import ArgumentParser
import Pipeline

extension Jobs {
    /// `slam jobs cancel ID`: cancels an available or running job; for a job of a sharded training (its
    /// `train` planner, a `train_shard` or its `train_assemble`), the whole training: its waiting and running
    /// jobs, and the model (`failed`, "cancelled").
    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel an available or running job (for a job of a sharded training: all its jobs and the model).")
        @OptionGroup var target: JobTarget

        func run() async throws {
            let cancelled = try await target.withQueue { try $0.cancel(id: $1) }
            let training = try await target.withQueue { queue, id in try TrainingJobGroup.cancelTraining(ofJob: id, db: queue.connection) }
            if let training {
                print("training of model \(training.modelID) cancelled: \(training.jobs) of its jobs cancelled")
                return
            }
            guard cancelled else { throw ValidationError("job \(target.id) does not exist or is already finished") }
            print("job \(target.id) cancelled")
        }
    }
}
