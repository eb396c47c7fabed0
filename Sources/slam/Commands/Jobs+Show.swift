import ArgumentParser
import Foundation
import Queue

extension Jobs {
    /// `slam jobs show ID`: one job, with its payload, lease, progress and error history.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one job, with its error history.")
        @OptionGroup var target: JobTarget

        func run() async throws {
            guard let job = try await target.withQueue({ try $0.job(id: $1) }) else {
                throw ValidationError("no job \(target.id)")
            }
            let format = ISO8601DateFormatter()
            print("""
                job \(job.id): \(job.kind), \(job.state.rawValue), attempt \(job.attempt)/\(job.maxAttempts), priority \(job.priority)
                payload: \(job.payload.text)
                run after: \(format.string(from: job.runAfter)); created \(format.string(from: job.createdAt))\(job.finishedAt.map { "; finished \(format.string(from: $0))" } ?? "")
                lease: \(job.leaseOwner.map { "\($0) until \(job.leaseExpiresAt.map(format.string(from:)) ?? "?")" } ?? "-")
                unique key: \(job.uniqueKey ?? "-")
                progress: \(job.progress.text)
                last error: \(job.lastError ?? "-")
                errors: \(job.errors.text)
                """)
        }
    }
}
