import ArgumentParser
import Queue

extension Schedule {
    /// `slam schedule remove NAME`.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a schedule.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Schedule name.") var name: String

        func run() async throws {
            let factory = try database.factory(logger: logging.makeLogger("slam.schedule"))
            let name = self.name
            guard try await factory.withConnection({ try ScheduleStore($0).remove(name: name) }) else {
                throw ValidationError("no schedule \(name)")
            }
            print("schedule \(name) removed")
        }
    }
}
