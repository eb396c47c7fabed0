import ArgumentParser
import Foundation
import Queue
import Store

/// `slam jobs`: the queue by kind and state; `show`, `retry`, `cancel` one job.
struct Jobs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the job queue; show, retry or cancel a job.",
        subcommands: [Summary.self, Show.self, Retry.self, Cancel.self],
        defaultSubcommand: Summary.self)

    struct Summary: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "summary", abstract: "Jobs by kind and state (the default).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let factory = try database.factory(logger: logging.makeLogger("slam.jobs"))
            let rows = try await factory.withConnection { try JobQueue($0).summary() }
            let states = JobState.allCases
            let kinds = Array(Set(rows.map(\.kind))).sorted()
            var table = [["kind"] + states.map(\.rawValue) + ["oldest available"]]
            for kind in kinds {
                let mine = rows.filter { $0.kind == kind }
                let counts = states.map { state in String(mine.first { $0.state == state }?.count ?? 0) }
                let oldest = mine.first { $0.state == .available }?.oldestRunAfter.map { ISO8601DateFormatter().string(from: $0) } ?? "-"
                table.append([kind] + counts + [oldest])
            }
            if kinds.isEmpty { print("no jobs") } else { print(TextTable.render(table)) }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one job, with its error history.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Job id.") var id: Int

        func run() async throws {
            let factory = try database.factory(logger: logging.makeLogger("slam.jobs"))
            let id = self.id
            guard let job = try await factory.withConnection({ try JobQueue($0).job(id: id) }) else {
                throw ValidationError("no job \(id)")
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

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put a dead or cancelled job back to available (fresh attempts).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Job id.") var id: Int

        func run() async throws {
            let factory = try database.factory(logger: logging.makeLogger("slam.jobs"))
            let id = self.id
            guard try await factory.withConnection({ try JobQueue($0).retry(id: id) }) else {
                throw ValidationError("job \(id) does not exist or is not dead/cancelled")
            }
            print("job \(id) is available again")
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel an available or running job.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Job id.") var id: Int

        func run() async throws {
            let factory = try database.factory(logger: logging.makeLogger("slam.jobs"))
            let id = self.id
            guard try await factory.withConnection({ try JobQueue($0).cancel(id: id) }) else {
                throw ValidationError("job \(id) does not exist or is already finished")
            }
            print("job \(id) cancelled")
        }
    }
}
