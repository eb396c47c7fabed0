import Catalogue
import Formats
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Store
import StoreTestSupport
import TAP
import Testing

/// The TAP routes over real HTTP on loopback, against a real published catalogue (``TapTestCatalogue``):
/// results compared with the same question asked in SQL as the database's superuser.
@Suite struct TapRoutesTests {
    static let labelsQuery = "SELECT obsid, designation, ra, dec, snrg, teff, logg, m_h, alpha_m, flags FROM slam.labels ORDER BY obsid"

    /// Expects the CSV or TSV `records` (header first) to hold `expected`'s rows under `columns`: integers and
    /// text as they are, floating point read back (to Float for values of float columns), null empty.
    static func expectDelimited(_ records: [[String]], columns: [String], _ expected: [[VOTableValue]],
                                sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(records.first == columns, sourceLocation: sourceLocation)
        let rows = Array(records.dropFirst())
        #expect(rows.count == expected.count, "\(records)", sourceLocation: sourceLocation)
        for (row, want) in zip(rows, expected) {
            #expect(row.count == want.count, "\(row)", sourceLocation: sourceLocation)
            for (cell, value) in zip(row, want) {
                switch value {
                case .null: #expect(cell.isEmpty, "\(cell) for null", sourceLocation: sourceLocation)
                case let .integer(number): #expect(cell == String(number), sourceLocation: sourceLocation)
                case let .text(text): #expect(cell == text, sourceLocation: sourceLocation)
                case let .boolean(flag): #expect(cell == (flag ? "true" : "false"), sourceLocation: sourceLocation)
                case let .double(number):
                    if Double(Float(number)) == number {
                        #expect(Float(cell) == Float(number), "\(cell) for \(number)", sourceLocation: sourceLocation)
                    } else {
                        #expect(Double(cell) == number, "\(cell) for \(number)", sourceLocation: sourceLocation)
                    }
                default: Issue.record("unexpected \(value)", sourceLocation: sourceLocation)
                }
            }
        }
    }

    /// The columns of `query`'s select list as the result names them (here: plain names).
    static let labelsColumns = ["obsid", "designation", "ra", "dec", "snrg", "teff", "logg", "m_h", "alpha_m", "flags"]

    @Test func getSyncAsCSVEqualsSQL() async throws {
        try await TapTestCatalogue.withServer { base, database in
            let response = try await TapHTTP.get(base + "/sync", [("LANG", "ADQL"), ("QUERY", Self.labelsQuery), ("RESPONSEFORMAT", "csv")])
            #expect(response.status == 200, "\(response.text)")
            #expect(response.contentType?.hasPrefix("text/csv") == true, "\(String(describing: response.contentType))")
            let expected = try await TapTestCatalogue.sqlRows(database, Self.labelsQuery)
            #expect(expected.count == TapTestCatalogue.stars.count)
            Self.expectDelimited(TapHTTP.csvRecords(response.text), columns: Self.labelsColumns, expected)
        }
    }

    @Test func postSyncAsTSVEqualsSQL() async throws {
        try await TapTestCatalogue.withServer { base, database in
            let response = try await TapHTTP.post(base + "/sync", [("REQUEST", "doQuery"), ("LANG", "ADQL-2.1"), ("QUERY", Self.labelsQuery),
                                                                   ("RESPONSEFORMAT", "text/tab-separated-values")])
            #expect(response.status == 200, "\(response.text)")
            #expect(response.contentType?.hasPrefix("text/tab-separated-values") == true)
            let records = response.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
            Self.expectDelimited(records, columns: Self.labelsColumns, try await TapTestCatalogue.sqlRows(database, Self.labelsQuery))
        }
    }

    @Test(arguments: [("votable/td", "TABLEDATA"), ("application/x-votable+xml;serialization=BINARY2", "BINARY2"), ("votable", "BINARY2")])
    func votableEqualsSQLWithTheColumnsMetadata(format: String, serialization: String) async throws {
        try await TapTestCatalogue.withServer { base, database in
            let response = try await TapHTTP.post(base + "/sync", [("LANG", "ADQL"), ("QUERY", Self.labelsQuery), ("RESPONSEFORMAT", format)])
            #expect(response.status == 200, "\(response.text)")
            #expect(response.contentType == "application/x-votable+xml;serialization=\(serialization)")
            #expect(response.text.contains("<\(serialization)>"))
            #expect(TapHTTP.queryStatuses(response.text) == ["OK"], "\(response.text)")
            let table = try VOTableReader.read(response.body)
            #expect(table.fields.map(\.name) == Self.labelsColumns)
            let expected = try await TapTestCatalogue.sqlRows(database, Self.labelsQuery)
            #expect(table.rows == TapTestCatalogue.normalized(expected, fields: table.fields))
            let fields = Dictionary(table.fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            #expect(fields["teff"]?.unit == "K" && fields["teff"]?.ucd == "phys.temperature.effective")
            #expect(fields["ra"]?.unit == "deg" && fields["ra"]?.ucd == "pos.eq.ra;meta.main")
            #expect(fields["obsid"]?.datatype == .long && fields["designation"]?.datatype == .char)
            #expect(fields["m_h"]?.description?.contains("Metallicity") == true)
        }
    }

    @Test(arguments: [1, 2, 3])
    func maxrecBelowTheResultOverflowsWithExactlyMaxrecRows(maxrec: Int) async throws {
        try await TapTestCatalogue.withServer { base, database in
            let response = try await TapHTTP.get(base + "/sync", [("LANG", "ADQL"), ("QUERY", Self.labelsQuery),
                                                                  ("RESPONSEFORMAT", "votable/td"), ("MAXREC", String(maxrec))])
            #expect(response.status == 200, "\(response.text)")
            #expect(TapHTTP.queryStatuses(response.text) == ["OK", "OVERFLOW"], "\(response.text)")
            let table = try VOTableReader.read(response.body)
            let expected = try await TapTestCatalogue.sqlRows(database, Self.labelsQuery)
            #expect(table.rows == TapTestCatalogue.normalized(Array(expected.prefix(maxrec)), fields: table.fields))
        }
    }

    @Test func maxrecOfTheResultSizeOrMoreDoesNotOverflow() async throws {
        try await TapTestCatalogue.withServer { base, _ in
            for maxrec in [TapTestCatalogue.stars.count, TapTestCatalogue.stars.count + 1, 1000] {
                let response = try await TapHTTP.get(base + "/sync", [("LANG", "ADQL"), ("QUERY", Self.labelsQuery),
                                                                      ("FORMAT", "votable"), ("MAXREC", String(maxrec))])
                #expect(TapHTTP.queryStatuses(response.text) == ["OK"], "MAXREC=\(maxrec): \(response.text)")
                #expect(try VOTableReader.read(response.body).rows.count == TapTestCatalogue.stars.count)
            }
        }
    }

    @Test func maxrecZeroReturnsTheFieldsAndNoRows() async throws {
        try await TapTestCatalogue.withServer { base, _ in
            let response = try await TapHTTP.get(base + "/sync", [("LANG", "ADQL"), ("QUERY", Self.labelsQuery), ("MAXREC", "0")])
            #expect(response.status == 200, "\(response.text)")
            let table = try VOTableReader.read(response.body)
            #expect(table.fields.map(\.name) == Self.labelsColumns)
            #expect(table.rows.isEmpty)
            #expect(TapHTTP.queryStatuses(response.text) == ["OK", "OVERFLOW"], "\(response.text)")
        }
    }

    @Test func theDefaultAndHardLimitsCapTheRows() async throws {
        try await TapTestCatalogue.withServer(defaultMaxRecords: 2, hardMaxRecords: 3) { base, _ in
            let byDefault = try await TapHTTP.get(base + "/sync", [("LANG", "ADQL"), ("QUERY", Self.labelsQuery)])
            #expect(try VOTableReader.read(byDefault.body).rows.count == 2)
            #expect(TapHTTP.queryStatuses(byDefault.text) == ["OK", "OVERFLOW"])
            let aboveHard = try await TapHTTP.get(base + "/sync", [("LANG", "ADQL"), ("QUERY", Self.labelsQuery), ("MAXREC", "100")])
            #expect(try VOTableReader.read(aboveHard.body).rows.count == 3)
            #expect(TapHTTP.queryStatuses(aboveHard.text) == ["OK", "OVERFLOW"])
            let capabilities = try await TapHTTP.get(base + "/capabilities")
            #expect(capabilities.text.contains("<default unit=\"row\">2</default>") && capabilities.text.contains("<hard unit=\"row\">3</hard>"))
        }
    }

    @Test func aBadQueryIs400WithAnErrorVOTableGivingThePosition() async throws {
        try await TapTestCatalogue.withServer { base, database in
            let adql = "SELECT obsid FROM slam.labels WHERE"
            let response = try await TapHTTP.get(base + "/sync", [("LANG", "ADQL"), ("QUERY", adql)])
            #expect(response.status == 400, "\(response.text)")
            #expect(response.contentType?.hasPrefix("application/x-votable+xml") == true)
            #expect(TapHTTP.queryStatuses(response.text) == ["ERROR"], "\(response.text)")
            #expect(response.text.contains("line 1, column "), "\(response.text)")
            // The message is the planner's own, against the same published tables.
            let factory = TapTestCatalogue.tapFactory(database)
            let tables = try await BlockingThread.run { try TapService.loadTables(factory) }
            let planned = Result { () throws(TapError) in try TapQueryPlan(adql: adql, tables: tables, maxRecords: 10) }
            guard case let .failure(error) = planned else {
                Issue.record("\(adql) was planned")
                return
            }
            #expect(error.description.contains("line 1, column "), "\(error)")
            #expect(response.text.contains(XMLEscaping.escaped(error.description, attribute: false)), "\(response.text)")
            let unknown = try await TapHTTP.get(base + "/sync", [("LANG", "ADQL"), ("QUERY", "SELECT obsid FROM slam.nothing")])
            #expect(unknown.status == 400)
            #expect(unknown.text.contains("line 1, column 19"), "\(unknown.text)")
        }
    }

    @Test func aQueryTheDatabaseRefusesIs400WithItsSQLSTATE() async throws {
        try await TapTestCatalogue.withServer { base, _ in
            let response = try await TapHTTP.get(base + "/sync", [("LANG", "ADQL"), ("QUERY", "SELECT obsid / 0 AS x FROM slam.labels")])
            #expect(response.status == 400, "\(response.text)")
            #expect(TapHTTP.queryStatuses(response.text) == ["ERROR"], "\(response.text)")
            #expect(response.text.contains("SQLSTATE 22012"), "\(response.text)")
        }
    }

    @Test(arguments: [
        ([("QUERY", "SELECT obsid FROM slam.labels")], "parameter LANG: missing"),
        ([("LANG", "SQL"), ("QUERY", "SELECT 1")], "parameter LANG: 'SQL' is not served"),
        ([("LANG", "ADQL")], "parameter QUERY: missing or empty"),
        ([("LANG", "ADQL"), ("QUERY", "SELECT obsid FROM slam.labels"), ("RESPONSEFORMAT", "fits")], "parameter RESPONSEFORMAT: 'fits' is not served"),
        ([("LANG", "ADQL"), ("QUERY", "SELECT obsid FROM slam.labels"), ("MAXREC", "-1")], "parameter MAXREC"),
        ([("LANG", "ADQL"), ("QUERY", "SELECT obsid FROM slam.labels"), ("UPLOAD", "t,http://x/t.xml")], "parameter UPLOAD"),
        ([("REQUEST", "getCapabilities"), ("LANG", "ADQL"), ("QUERY", "SELECT 1")], "parameter REQUEST"),
    ])
    func badParametersAre400WithTheirReason(pairs: [(String, String)], message: String) async throws {
        try await TapTestCatalogue.withServer { base, _ in
            for response in [try await TapHTTP.get(base + "/sync", pairs), try await TapHTTP.post(base + "/sync", pairs)] {
                #expect(response.status == 400, "\(response.text)")
                #expect(TapHTTP.queryStatuses(response.text) == ["ERROR"], "\(response.text)")
                #expect(response.text.contains(message), "\(response.text)")
            }
        }
    }

    @Test func aPostKeepsTheFirstValueOfARepeatedParameterQueryStringFirst() async throws {
        try await TapTestCatalogue.withServer { base, _ in
            let response = try await TapHTTP.post(base + "/sync?MAXREC=1", [("LANG", "ADQL"), ("QUERY", Self.labelsQuery), ("MAXREC", "3")])
            #expect(response.status == 200, "\(response.text)")
            #expect(try VOTableReader.read(response.body).rows.count == 1)
        }
    }

    /// A VOTable (TABLEDATA) of targets: `id` (int), `ra`, `dec` (double, degrees).
    static func targetsVOTable(_ targets: [(id: Int, ra: Double, dec: Double)]) -> String {
        var text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE type="results"><TABLE>
            <FIELD name="id" datatype="int"/><FIELD name="ra" datatype="double" unit="deg"/><FIELD name="dec" datatype="double" unit="deg"/>
            <DATA><TABLEDATA>

            """
        for target in targets { text += "<TR><TD>\(target.id)</TD><TD>\(target.ra)</TD><TD>\(target.dec)</TD></TR>\n" }
        return text + "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>\n"
    }

    /// POSTs `fields` and the file `parts` (name, bytes) as multipart/form-data.
    static func postMultipart(_ url: String, fields: [(String, String)], files: [(String, String)]) async throws -> TapHTTP.Response {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = "POST"
        let boundary = "slam-test-boundary-7d3f"
        request.setValue("multipart/form-data; boundary=\(boundary)", forHTTPHeaderField: "Content-Type")
        var body = ""
        for (name, value) in fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        for (name, content) in files {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(name).xml\"\r\n"
            body += "Content-Type: application/x-votable+xml\r\n\r\n\(content)\r\n"
        }
        request.httpBody = Data((body + "--\(boundary)--\r\n").utf8)
        return try await TapHTTP.send(request)
    }

    static let uploadJoin = """
        SELECT u.id, l.obsid FROM TAP_UPLOAD.targets AS u JOIN slam.labels AS l
        ON 1 = CONTAINS(POINT('ICRS', l.ra, l.dec), CIRCLE('ICRS', u.ra, u.dec, 2 / 3600.0)) ORDER BY u.id
        """

    /// A target list sent inline is crossmatched with the labels in one query: each star found by its
    /// position, a target far from every star matches nothing.
    @Test func anUploadedTargetListIsCrossmatchedWithTheLabels() async throws {
        try await TapTestCatalogue.withServer { base, _ in
            let stars = Array(TapTestCatalogue.stars.prefix(3))
            var targets = stars.enumerated().map { (id: $0.offset + 1, ra: $0.element.ra + 0.5 / 3600, dec: $0.element.dec) }
            targets.append((id: 99, ra: 10, dec: -80))
            let response = try await Self.postMultipart(base + "/sync", fields: [
                ("REQUEST", "doQuery"), ("LANG", "ADQL"), ("QUERY", Self.uploadJoin), ("RESPONSEFORMAT", "csv"), ("UPLOAD", "targets,param:list"),
            ], files: [("list", Self.targetsVOTable(targets))])
            #expect(response.status == 200, "\(response.text)")
            let expected = [["id", "obsid"]] + stars.enumerated().map { [String($0.offset + 1), String($0.element.obsid)] }
            #expect(TapHTTP.csvRecords(response.text) == expected, "\(response.text)")
        }
    }

    /// A table by URL is fetched by the service: here the VOTable of a query to the service itself.
    @Test func aTableUploadedByURLIsFetchedAndJoined() async throws {
        try await TapTestCatalogue.withServer { base, _ in
            let stars = Array(TapTestCatalogue.stars.prefix(2))
            let inner = "SELECT obsid AS id, ra, dec FROM slam.labels WHERE obsid IN (\(stars.map { String($0.obsid) }.joined(separator: ", ")))"
            let source = base + "/sync?" + TapHTTP.form([("LANG", "ADQL"), ("RESPONSEFORMAT", "votable/b2"), ("QUERY", inner)])
            let response = try await TapHTTP.post(base + "/sync", [("LANG", "ADQL"), ("RESPONSEFORMAT", "csv"), ("UPLOAD", "targets,\(source)"),
                                                                   ("QUERY", Self.uploadJoin.replacingOccurrences(of: "u.id, l.obsid", with: "u.id, l.obsid AS hit_obsid"))])
            #expect(response.status == 200, "\(response.text)")
            let expected = [["id", "hit_obsid"]] + stars.map { [String($0.obsid), String($0.obsid)] }.sorted { $0[0] < $1[0] }
            #expect(TapHTTP.csvRecords(response.text) == expected, "\(response.text)")
        }
    }

    @Test(arguments: [
        ("targets,param:other", "no document for table targets (part other)"),
        ("targets,http://127.0.0.1:9/t.xml", "could not fetch http://127.0.0.1:9/t.xml"),
        ("a,param:list;b,param:list", "one uploaded table per query"),
        ("select,param:list", "'select' is not a table name"),
    ])
    func aBadUploadIsRefusedWithTheReason(upload: String, message: String) async throws {
        try await TapTestCatalogue.withServer { base, _ in
            let response = try await Self.postMultipart(base + "/sync", fields: [
                ("LANG", "ADQL"), ("QUERY", "SELECT * FROM TAP_UPLOAD.targets"), ("UPLOAD", upload),
            ], files: [("list", Self.targetsVOTable([(1, 1, 1)]))])
            #expect(response.status == 400 && response.text.contains(message), "\(response.text)")
        }
    }

    /// An upload larger than the service's limit is refused, inline or by URL (the download stops there).
    @Test func anUploadLargerThanTheLimitIsRefused() async throws {
        try await TapTestCatalogue.withServer(maximumUploadBytes: 400) { base, _ in
            let large = Self.targetsVOTable((1...20).map { (id: $0, ra: Double($0), dec: 0) })
            let inline = try await Self.postMultipart(base + "/sync", fields: [
                ("LANG", "ADQL"), ("QUERY", "SELECT * FROM TAP_UPLOAD.targets"), ("UPLOAD", "targets,param:list"),
            ], files: [("list", large)])
            #expect(inline.status == 400 && inline.text.contains("at most 400 are taken"), "\(inline.text)")
            let source = base + "/sync?" + TapHTTP.form([("LANG", "ADQL"), ("RESPONSEFORMAT", "votable/td"),
                                                         ("QUERY", "SELECT obsid, ra, dec FROM slam.labels")])
            let byURL = try await TapHTTP.post(base + "/sync", [("LANG", "ADQL"), ("QUERY", "SELECT * FROM TAP_UPLOAD.targets"),
                                                                ("UPLOAD", "targets,\(source)")])
            #expect(byURL.status == 400 && byURL.text.contains("larger than 400 bytes"), "\(byURL.text)")
        }
    }

    @Test func anUploadThatIsNotAVOTableIsRefusedNamingTheTable() async throws {
        try await TapTestCatalogue.withServer { base, _ in
            let response = try await Self.postMultipart(base + "/sync", fields: [
                ("LANG", "ADQL"), ("QUERY", "SELECT * FROM TAP_UPLOAD.targets"), ("UPLOAD", "targets,param:list"),
            ], files: [("list", "id,ra,dec\n1,2,3\n")])
            #expect(response.status == 400 && response.text.contains("table targets is not a VOTable"), "\(response.text)")
        }
    }

    @Test func timestampsAreDALITimesInUTCWithTheTimestampXtype() async throws {
        try await TapTestCatalogue.withServer { base, database in
            let response = try await TapHTTP.get(base + "/sync", [("LANG", "ADQL"), ("QUERY", "SELECT obsid, created_at FROM slam.labels ORDER BY obsid"),
                                                                  ("RESPONSEFORMAT", "votable/td")])
            let table = try VOTableReader.read(response.body)
            #expect(table.fields.last?.xtype == "timestamp" && table.fields.last?.datatype == .char, "\(table.fields)")
            let expected = try await TapTestCatalogue.sqlRows(database, """
                SELECT obsid, extract(epoch FROM created_at)::float8 FROM slam.labels ORDER BY obsid
                """)
            #expect(table.rows.count == expected.count)
            let parser = TapTimestamp.formatter()
            for (row, want) in zip(table.rows, expected) {
                #expect(row[0] == want[0])
                guard case let .text(text) = row[1], case let .double(seconds) = want[1] else {
                    Issue.record("\(row) \(want)")
                    continue
                }
                #expect(text.count == 23 && !text.hasSuffix("Z"), "\(text) is not yyyy-MM-ddTHH:mm:ss.SSS (DALI, UTC without a zone)")
                let date = try #require(parser.date(from: text), "\(text) is not ISO 8601 with fractional seconds")
                // Written to the millisecond.
                #expect(abs(date.timeIntervalSince1970 - seconds) < 0.001, "\(text) for \(seconds)")
            }
        }
    }

    @Test func vosiEndpointsAndTheLandingPage() async throws {
        try await TapTestCatalogue.withServer { base, _ in
            let availability = try await TapHTTP.get(base + "/availability")
            #expect(availability.status == 200 && availability.text.contains("<vosi:available>true</vosi:available>"))
            #expect(availability.contentType?.hasPrefix("text/xml") == true)
            let capabilities = try await TapHTTP.get(base + "/capabilities")
            #expect(capabilities.status == 200)
            #expect(capabilities.text.contains("<accessURL use=\"base\">\(base)</accessURL>"), "\(capabilities.text)")
            #expect(capabilities.text.contains("\(base)/tables</accessURL>"))
            let tables = try await TapHTTP.get(base + "/tables")
            #expect(tables.status == 200)
            for name in ["slam.labels", "slam.spectra", "slam.models", "slam.flag_bits", "tap_schema.columns"] {
                #expect(tables.text.contains("<name>\(name)</name>"), "\(name)")
            }
            #expect(tables.text.contains("<name>teff</name>\n        <description>Effective temperature, K.</description>\n        <unit>K</unit>"),
                    "\(tables.text)")
            let examples = try await TapHTTP.get(base + "/examples")
            #expect(examples.status == 200 && examples.text == TapExamples.document())
            #expect(examples.contentType?.hasPrefix("application/xhtml+xml") == true)
            let landing = try await TapHTTP.get(base)
            #expect(landing.status == 200 && landing.contentType?.hasPrefix("text/html") == true)
            #expect(landing.text.contains("<code>slam.labels</code>") && landing.text.contains("\(base)/sync"))
            let missing = try await TapHTTP.get(base + "/nothing-here")
            #expect(missing.status == 404)
        }
    }

    /// TAP_SCHEMA names a column called by a reserved word delimited; ADQL reaches it written so, and
    /// refuses it unquoted with the reason.
    @Test func aColumnNamedByAReservedWordIsWrittenDelimited() async throws {
        try await TapTestCatalogue.withServer { base, _ in
            let published = try await TapHTTP.get(base + "/sync", [("LANG", "ADQL"), ("RESPONSEFORMAT", "csv"), ("QUERY",
                "SELECT column_name FROM TAP_SCHEMA.columns WHERE table_name = 'tap_schema.columns' AND column_name LIKE '\"%'")])
            #expect(TapHTTP.csvRecords(published.text) == [["column_name"], ["\"size\""]], "\(published.text)")
            let quoted = try await TapHTTP.get(base + "/sync", [("LANG", "ADQL"), ("RESPONSEFORMAT", "csv"),
                                                                ("QUERY", "SELECT \"size\" FROM TAP_SCHEMA.columns WHERE column_name = 'obsid'")])
            #expect(quoted.status == 200 && TapHTTP.csvRecords(quoted.text).first == ["size"], "\(quoted.text)")
            let bare = try await TapHTTP.get(base + "/sync", [("LANG", "ADQL"), ("QUERY", "SELECT size FROM TAP_SCHEMA.columns")])
            #expect(bare.status == 400 && bare.text.contains("line 1, column 8"), "\(bare.text)")
        }
    }

    @Test func everyExampleRunsAgainstThePublishedSchema() async throws {
        try await TapTestCatalogue.withServer { base, _ in
            for example in TapExamples.all {
                let response = try await TapHTTP.get(base + "/sync", [("LANG", "ADQL"), ("QUERY", example.query), ("RESPONSEFORMAT", "votable/td")])
                #expect(response.status == 200, "\(example.id): \(response.text)")
                #expect(TapHTTP.queryStatuses(response.text) == ["OK"], "\(example.id): \(response.text)")
                #expect(throws: Never.self, "\(example.id)") { _ = try VOTableReader.read(response.body) }
            }
        }
    }

    /// The obsids of `example`'s result (its first column).
    static func obsids(_ base: String, exampleID: String) async throws -> [VOTableValue] {
        let example = try #require(TapExamples.all.first { $0.id == exampleID })
        let response = try await TapHTTP.get(base + "/sync", [("LANG", "ADQL"), ("QUERY", example.query)])
        return try VOTableReader.read(response.body).rows.map { $0[0] }
    }

    @Test func theExamplesAnswerWhatSQLAnswers() async throws {
        try await TapTestCatalogue.withServer { base, database in
            let giants = try await TapTestCatalogue.sqlRows(database, """
                SELECT obsid FROM slam.labels WHERE m_h < -1 AND logg < 3.5 AND flags = 0 AND snrg > 30 ORDER BY m_h
                """)
            #expect(giants == [[.integer(101)], [.integer(105)]])
            #expect(try await Self.obsids(base, exampleID: "metal-poor-giants") == giants.map { $0[0] })
            let cone = try await TapTestCatalogue.sqlRows(database, """
                SELECT obsid FROM slam.labels WHERE q3c_radial_query(ra, dec, 332.67024, -0.583389, 0.0166667)
                ORDER BY q3c_dist(ra, dec, 332.67024, -0.583389)
                """)
            #expect(cone == [[.integer(101)], [.integer(102)]])
            #expect(try await Self.obsids(base, exampleID: "cone") == cone.map { $0[0] })
            let bits = try await TapTestCatalogue.sqlRows(database, "SELECT bit, name, description FROM slam.flag_bits")
            let response = try await TapHTTP.get(base + "/sync", [("LANG", "ADQL"), ("QUERY", "SELECT * FROM slam.flag_bits")])
            #expect(Set(try VOTableReader.read(response.body).rows.map { "\($0)" }) == Set(bits.map { "\($0)" }))
        }
    }

    @Test func aResultSpanningManyPagesIsComplete() async throws {
        // The fixture's page is 2 rows: a join of the 5 labels with themselves is 25 rows over 13 fetches.
        try await TapTestCatalogue.withServer { base, database in
            let adql = "SELECT a.obsid AS a, b.obsid AS b FROM slam.labels AS a, slam.labels AS b ORDER BY a.obsid, b.obsid"
            let sql = "SELECT a.obsid AS a, b.obsid AS b FROM slam.labels a, slam.labels b ORDER BY a.obsid, b.obsid"
            let response = try await TapHTTP.get(base + "/sync", [("LANG", "ADQL"), ("QUERY", adql)])
            #expect(try VOTableReader.read(response.body).rows == (try await TapTestCatalogue.sqlRows(database, sql)))
        }
    }
}
