import ArgumentParser
import Foundation
import Queue

extension Schedule {
    /// `slam schedule list`: every schedule with its last and next fire.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List schedules.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let factory = try database.factory(logger: logging.makeLogger("slam.schedule"))
            let entries = try await factory.withConnection { try ScheduleStore($0).list() }
            let format = ISO8601DateFormatter()
            var table = [["name", "cron", "kind", "payload", "enabled", "last fire", "next fire"]]
            for e in entries {
                table.append([e.name, e.cron, e.kind, e.payload.text, e.enabled ? "yes" : "no",
                              e.lastFireAt.map(format.string(from:)) ?? "-", e.nextFireAt.map(format.string(from:)) ?? "-"])
            }
            print(entries.isEmpty ? "no schedules" : TextTable.render(table))
        }
    }
}
