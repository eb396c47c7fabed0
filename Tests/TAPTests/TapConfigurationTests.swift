import Testing
@testable import TAP

@Suite struct TapConfigurationTests {
    @Test func defaults() {
        let configuration = TapConfiguration(baseURL: "http://h:8080/tap")
        #expect(configuration.baseURL == "http://h:8080/tap")
        #expect(configuration.defaultMaxRecords == 100_000)
        #expect(configuration.hardMaxRecords == 10_000_000)
        #expect(configuration.statementTimeoutSeconds == 60)
        #expect(configuration.pageSize == 2000)
    }

    @Test func noMAXRECGivesTheDefault() {
        let configuration = TapConfiguration(baseURL: "http://h/tap", defaultMaxRecords: 50, hardMaxRecords: 1000)
        #expect(configuration.maxRecords(requested: nil) == 50)
    }

    @Test(arguments: [(0, 0), (1, 1), (50, 50), (999, 999), (1000, 1000), (1001, 1000), (Int.max, 1000)])
    func aRequestIsHonouredUpToTheHardLimit(requested: Int, expected: Int) {
        let configuration = TapConfiguration(baseURL: "http://h/tap", defaultMaxRecords: 50, hardMaxRecords: 1000)
        #expect(configuration.maxRecords(requested: requested) == expected)
    }

    @Test func aDefaultAboveTheHardLimitIsCapped() {
        let configuration = TapConfiguration(baseURL: "http://h/tap", defaultMaxRecords: 5000, hardMaxRecords: 1000)
        #expect(configuration.maxRecords(requested: nil) == 1000)
    }
}
