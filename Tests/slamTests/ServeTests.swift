@testable import slam
import Testing

/// `slam serve` (Serve.swift): the TAP service's address, URL, database role and limits.
@Suite struct ServeTests {
    @Test func parsesItsOptions() throws {
        let serve = try SLAMParsing.parse(["serve", "--host", "0.0.0.0", "--port", "9000", "--base-url", "https://tap.example.org/tap",
                                           "--tap-database-url", "postgres://slam_tap_login@db/slam", "--max-rows", "500",
                                           "--hard-max-rows", "5000", "--sync-timeout", "2.5",
                                           "--database-url", "postgres://slam_operator@db/slam", "--log-level", "debug"], as: Serve.self)
        #expect(serve.host == "0.0.0.0" && serve.port == 9000 && serve.baseURL == "https://tap.example.org/tap")
        #expect(serve.tapDatabaseURL == "postgres://slam_tap_login@db/slam")
        #expect(serve.maxRows == 500 && serve.hardMaxRows == 5000 && serve.syncTimeout == 2.5)
        #expect(serve.database.databaseURL == "postgres://slam_operator@db/slam" && serve.logging.logLevel == "debug")
    }

    @Test func defaults() throws {
        let serve = try SLAMParsing.parse(["serve"], as: Serve.self)
        #expect(serve.host == "127.0.0.1" && serve.port == 8080 && serve.baseURL == nil && serve.tapDatabaseURL == nil)
        #expect(serve.maxRows == 100_000 && serve.hardMaxRows == 10_000_000 && serve.syncTimeout == 60)
        #expect(serve.database.databaseURL == nil)
    }

    @Test func limitsAtTheirBoundsAreAccepted() throws {
        let serve = try SLAMParsing.parse(["serve", "--port", "0", "--max-rows", "0", "--hard-max-rows", "1", "--base-url", "http://h:1/tap"],
                                          as: Serve.self)
        #expect(serve.port == 0 && serve.maxRows == 0 && serve.hardMaxRows == 1)
        let equal = try SLAMParsing.parse(["serve", "--port", "65535", "--max-rows", "7", "--hard-max-rows", "7"], as: Serve.self)
        #expect(equal.port == 65535 && equal.maxRows == 7 && equal.hardMaxRows == 7)
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["serve", "--port", "70000"], saying: "--port must be 0...65535")
        SLAMParsing.expectRejected(["serve", "--port=-1"], saying: "--port must be 0...65535")
        SLAMParsing.expectRejected(["serve", "--base-url", "ftp://x"], saying: "--base-url must start with http:// or https://")
        SLAMParsing.expectRejected(["serve", "--max-rows", "100", "--hard-max-rows", "10"],
                                   saying: "--hard-max-rows must be at least 1 and at least --max-rows")
        SLAMParsing.expectRejected(["serve", "--hard-max-rows", "0", "--max-rows", "0"],
                                   saying: "--hard-max-rows must be at least 1 and at least --max-rows")
        SLAMParsing.expectRejected(["serve", "--max-rows=-5"], saying: "--max-rows must be at least 0")
        SLAMParsing.expectRejected(["serve", "--sync-timeout", "0"], saying: "--sync-timeout must be positive")
        SLAMParsing.expectRejected(["serve", "--sync-timeout=-1"], saying: "--sync-timeout must be positive")
        SLAMParsing.expectRejected(["serve", "--port", "http"], saying: "The value 'http' is invalid for '--port <port>'")
        SLAMParsing.expectRejected(["serve", "--survey-refresh", "0.5"], saying: "--survey-refresh must be at least 1 second")
    }
}
