import ArgumentParser
import Foundation
import Pipeline
import Queue

extension Jobs {
    /// `slam jobs [summary]`: a table of job counts by kind and state, then one line per sharded training
    /// under way (or finished in the last hour): shards done/total, rate and ETA.
    struct Summary: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "summary", abstract: "Jobs by kind and state (the default).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let factory = try database.factory(logger: logging.makeLogger("slam.jobs"))
            let (rows, trainings) = try await factory.withConnection { db in
                (try JobQueue(db).summary(), try JobQueue(db).groupProgress(prefix: "training:", kind: JobKind.trainShard))
            }
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
            for training in trainings {
                let model = training.groupKey.dropFirst("training:".count)
                print("training of model \(model): " + training.line(what: "shards"))
            }
        }
    }
}
