import Logging
@testable import slam
import Store
import Testing

/// `--database-url` and the order in which the database is chosen: the option, `DATABASE_URL`, then the
/// `PG*` variables (the embedded server, last, is not started here: every case configures a database).
@Suite struct DatabaseOptionsTests {
    let logger = Logger(label: "slam.test")

    @Test func theOptionWinsOverTheEnvironment() throws {
        let options = try DatabaseOptions.parse(["--database-url", "postgres://alice@db.example/survey"])
        let configuration = try options.configuration(logger: logger, environment: ["DATABASE_URL": "postgres:///other", "PGHOST": "elsewhere"])
        #expect(configuration.conninfo == "postgres://alice@db.example/survey")
    }

    @Test func withoutTheOptionDATABASE_URLIsUsed() throws {
        let options = try DatabaseOptions.parse([])
        #expect(options.databaseURL == nil)
        let configuration = try options.configuration(logger: logger, environment: ["DATABASE_URL": "postgres:///survey", "PGHOST": "elsewhere"])
        #expect(configuration.conninfo == "postgres:///survey")
    }

    @Test func thenThePGVariablesSelectLibpqDefaults() throws {
        let options = try DatabaseOptions.parse([])
        #expect(try options.configuration(logger: logger, environment: ["PGHOST": "db.example", "PGDATABASE": "survey"]).conninfo == "")
        // An empty --database-url or DATABASE_URL counts as not given.
        let empty = try DatabaseOptions.parse(["--database-url", ""])
        #expect(try empty.configuration(logger: logger, environment: ["DATABASE_URL": "", "PGPORT": "5433"]).conninfo == "")
    }

    @Test func theFactoryConnectsToTheChosenDatabaseRetryingByDefault() throws {
        let options = try DatabaseOptions.parse(["--database-url", "postgres:///survey"])
        let factory = try options.factory(logger: logger, environment: [:])
        #expect(factory.configuration.conninfo == "postgres:///survey")
        #expect(factory.retry == .standard)
        #expect(try options.factory(logger: logger, retry: .never, environment: [:]).retry == .never)
    }

    @Test func theOptionNeedsAValue() {
        SLAMParsing.expectRejected(["jobs", "summary", "--database-url"], saying: "Missing value for '--database-url <database-url>'")
    }
}
