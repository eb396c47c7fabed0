@testable import slam
import Testing

/// The one-job options shared by `slam jobs cancel`, `retry` and `show`.
@Suite struct JobTargetTests {
    @Test func takesTheJobIDWithTheDatabaseAndLoggingOptions() throws {
        let target = try JobTarget.parse(["17", "--database-url", "postgres:///survey", "--log-level", "debug"])
        #expect(target.id == 17)
        #expect(target.database.databaseURL == "postgres:///survey")
        #expect(target.logging.logLevel == "debug")
    }

    @Test func theJobIDIsRequiredAndANumber() {
        #expect(throws: (any Error).self) { try JobTarget.parse([]) }
        do {
            _ = try JobTarget.parse(["one"])
            Issue.record("a job id that is not a number was accepted")
        } catch {
            #expect(JobTarget.message(for: error).contains("The value 'one' is invalid for '<id>'"))
        }
    }
}
