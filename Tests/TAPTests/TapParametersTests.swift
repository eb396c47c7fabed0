import Testing
@testable import TAP

@Suite struct TapParametersTests {
    @Test func readsAQueryWithCaseInsensitiveNamesAndTheFirstOfRepeatedValues() throws {
        let parameters = try TapParameters(pairs: [("request", "doQuery"), ("lang", "ADQL"), ("Query", "SELECT 1 FROM slam.labels"),
                                                   ("responseformat", "csv"), ("MAXREC", "10"), ("maxrec", "20")])
        #expect(parameters == TapParameters(query: "SELECT 1 FROM slam.labels", format: .csv, maxRecords: 10))
    }

    @Test func defaultsToBinary2VOTableAndTheServiceLimit() throws {
        let parameters = try TapParameters(pairs: [("LANG", "adql-2.1"), ("QUERY", "SELECT 1")])
        #expect(parameters.format == .votableBinary2)
        #expect(parameters.maxRecords == nil)
    }

    @Test func takesFormatWhenResponseFormatIsAbsent() throws {
        #expect(try TapParameters(pairs: [("LANG", "ADQL"), ("QUERY", "x"), ("FORMAT", "votable/td")]).format == .votableTabledata)
    }

    @Test(arguments: [
        ([("QUERY", "SELECT 1")], "LANG", "missing"),
        ([("LANG", "SQL"), ("QUERY", "SELECT 1")], "LANG", "'SQL' is not served"),
        ([("LANG", "ADQL")], "QUERY", "missing or empty"),
        ([("LANG", "ADQL"), ("QUERY", "  ")], "QUERY", "missing or empty"),
        ([("REQUEST", "getCapabilities"), ("LANG", "ADQL"), ("QUERY", "x")], "REQUEST", "'getCapabilities' is not served"),
        ([("LANG", "ADQL"), ("QUERY", "x"), ("RESPONSEFORMAT", "fits")], "RESPONSEFORMAT", "'fits' is not served"),
        ([("LANG", "ADQL"), ("QUERY", "x"), ("MAXREC", "-1")], "MAXREC", "not a non-negative integer"),
        ([("LANG", "ADQL"), ("QUERY", "x"), ("MAXREC", "ten")], "MAXREC", "not a non-negative integer"),
        ([("LANG", "ADQL"), ("QUERY", "x"), ("UPLOAD", "t,file:///etc/passwd")], "UPLOAD", "must come inline (param:<part>) or from an http(s) URL"),
    ] as [([(String, String)], String, String)])
    func refusesWithTheParameterAndReason(pairs: [(String, String)], name: String, reason: String) {
        do {
            _ = try TapParameters(pairs: pairs.map { (name: $0.0, value: $0.1) })
            Issue.record("accepted \(pairs)")
        } catch {
            guard case let .invalidParameter(refused, message) = error else { Issue.record("\(error)"); return }
            #expect(refused == name)
            #expect(message.contains(reason), "\(message)")
            #expect(error.httpStatus == 400)
        }
    }
}
