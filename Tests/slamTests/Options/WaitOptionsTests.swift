import Logging
@testable import slam
import Store
import Testing

/// `--wait`, `--work N` and `--timeout`: their limits, and that without them nothing is followed.
@Suite struct WaitOptionsTests {
    @Test func parsesTheOptionsWithTheirDefaults() throws {
        let defaults = try WaitOptions.parse([])
        #expect(!defaults.wait && defaults.work == 0 && defaults.timeout == nil)
        let given = try WaitOptions.parse(["--wait", "--work", "64", "--timeout", "0.5"])
        #expect(given.wait && given.work == 64 && given.timeout == 0.5)
    }

    @Test(arguments: ["-1", "65"])
    func workIsZeroToSixtyFourSlots(_ work: String) {
        SLAMParsing.expectRejected(["crossmatch", "--work=\(work)"], saying: "--work must be 0...64")
    }

    @Test(arguments: ["0", "-3", "inf", "nan"])
    func theTimeoutIsAPositiveNumberOfSeconds(_ timeout: String) {
        SLAMParsing.expectRejected(["crossmatch", "--wait", "--timeout=\(timeout)"], saying: "--timeout must be a positive number of seconds")
    }

    @Test func aTimeoutThatIsNotANumberIsRefused() {
        SLAMParsing.expectRejected(["crossmatch", "--timeout", "soon"], saying: "The value 'soon' is invalid for '--timeout <timeout>'")
    }

    /// Without --wait or --work, or with no job enqueued, `follow` returns at once without connecting (the
    /// factory points at a server that does not exist, so a connection attempt would throw).
    @Test func followsOnlyWhenAskedAndThereAreJobs() async throws {
        let factory = PostgresConnectionFactory(configuration: PostgresConfiguration("host=/nonexistent/socket dbname=none"), retry: .never)
        let logger = Logger(label: "slam.test")
        let notAsked = try WaitOptions.parse([])
        #expect(try await notAsked.follow(ids: [1, 2], kinds: ["ingest_lamost"], what: "spectra", factory: factory, logger: logger) == nil)
        let nothingEnqueued = try WaitOptions.parse(["--wait", "--work", "2"])
        #expect(try await nothingEnqueued.follow(ids: [], kinds: ["ingest_lamost"], what: "spectra", factory: factory, logger: logger) == nil)
    }
}
