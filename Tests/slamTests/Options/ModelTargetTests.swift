@testable import slam
import Testing

/// The one-model options shared by `slam model promote` and `retire`.
@Suite struct ModelTargetTests {
    @Test func takesTheModelIDWithTheDatabaseOption() throws {
        let target = try ModelTarget.parse(["5", "--database-url", "postgres:///survey"])
        #expect(target.model == 5)
        #expect(target.database.databaseURL == "postgres:///survey")
        #expect(target.logging.logLevel == nil)
    }

    @Test func theModelIDIsANumber() {
        do {
            _ = try ModelTarget.parse(["current"])
            Issue.record("a model id that is not a number was accepted")
        } catch {
            #expect(ModelTarget.message(for: error).contains("The value 'current' is invalid for '<model>'"))
        }
    }
}
