@testable import slam
import Testing

/// `slam db url` (DB+URL.swift).
@Suite struct DBURLTests {
    @Test func parsesTCPAndTheServerOptions() throws {
        let url = try SLAMParsing.parse(["db", "url", "--tcp", "--data-dir", "/tmp/pg"], as: DB.URLCommand.self)
        #expect(url.tcp && url.options.dataDirectory == "/tmp/pg")
        #expect(try !SLAMParsing.parse(["db", "url"], as: DB.URLCommand.self).tcp)
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["db", "url", "--tcp=yes"], saying: "The option '--tcp' does not take any value")
        SLAMParsing.expectRejected(["db", "url", "slam"], saying: "Unexpected argument 'slam'")
    }
}
