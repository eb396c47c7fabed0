@testable import slam
import Testing

/// `slam jobs` (Jobs.swift): `summary` is the default subcommand.
@Suite struct JobsTests {
    @Test func withoutASubcommandItSummarises() throws {
        let summary = try SLAMParsing.parse(["jobs", "--database-url", "postgres:///slam"], as: Jobs.Summary.self)
        #expect(summary.database.databaseURL == "postgres:///slam")
    }

    @Test func anUnknownSubcommandIsRefused() {
        SLAMParsing.expectRejected(["jobs", "bogus"], saying: "Unexpected argument 'bogus'")
    }
}
