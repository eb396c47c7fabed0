import ArgumentParser
import Foundation
import Pipeline
import Queue
import Store

extension Schedule {
    /// `slam schedule add NAME --cron EXPR --kind KIND [--payload JSON]`: adds or replaces a schedule; the payload is checked as the kind's handler decodes it.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add or replace a schedule.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Schedule name.") var name: String
        @Option(help: "Cron expression, e.g. \"0 3 * * 0\" (UTC).") var cron: String
        @Option(help: "Job kind to enqueue.") var kind: String
        @Option(help: "JSON payload of each job.") var payload = "{}"

        func validate() throws {
            do { _ = try CronExpression(cron) } catch { throw ValidationError("\(error)") }
            guard (try? JSONSerialization.jsonObject(with: Data(payload.utf8))) is [String: Any] else {
                throw ValidationError("--payload must be a JSON object")
            }
            // The same decoding the kind's handler does, so that a bad payload fails now, not when it fires.
            do { try JobKind.validatePayload(JSONB(payload), kind: kind) } catch { throw ValidationError("--payload: \(error)") }
        }

        func run() async throws {
            let factory = try database.factory(logger: logging.makeLogger("slam.schedule"))
            let (name, cron, kind, payload) = (self.name, self.cron, self.kind, JSONB(self.payload))
            let entry = try await factory.withConnection { try ScheduleStore($0).add(name: name, cron: cron, kind: kind, payload: payload) }
            print("schedule \(entry.name): \(entry.cron) -> \(entry.kind); next \(entry.nextFireAt.map { ISO8601DateFormatter().string(from: $0) } ?? "never")")
        }
    }
}
