import Foundation
import Testing
@testable import Formats

@Suite struct VOTableReaderTests {
    /// One field of every datatype and shape the encoders write.
    static let everyField: [VOTableField] = [
        VOTableField(name: "b", datatype: .boolean),
        VOTableField(name: "s", datatype: .short),
        VOTableField(name: "i", datatype: .int, ucd: "meta.id"),
        VOTableField(name: "l", datatype: .long, utype: "src:id"),
        VOTableField(name: "f", datatype: .float, unit: "K", ucd: "phys.temperature.effective"),
        VOTableField(name: "d", datatype: .double, unit: "deg", ucd: "pos.eq.ra;meta.main", description: "Right ascension (ICRS)"),
        VOTableField(name: "c", datatype: .char, arraysize: "*", xtype: "adql:VARCHAR"),
        VOTableField(name: "c1", datatype: .char),
        VOTableField(name: "c6", datatype: .char, arraysize: "6"),
        VOTableField(name: "u", datatype: .unicodeChar, arraysize: "*"),
        VOTableField(name: "da", datatype: .double, arraysize: "*"),
        VOTableField(name: "fa", datatype: .float, arraysize: "3"),
        VOTableField(name: "ia", datatype: .int, arraysize: "*"),
        VOTableField(name: "la", datatype: .long, arraysize: "2x2"),
        VOTableField(name: "sa", datatype: .short, arraysize: "4*"),
    ]

    /// Row `n` of a deterministic table over `everyField`, with nulls, extremes, unicode and escaping.
    static func row(_ n: Int) -> [VOTableValue] {
        let texts = ["plain", "a<b>&\"'", "tab\tline\nreturn\r", "é ü 中文 🌟", " spaced ", "x"]
        let doubles: [Double] = [0.1, -0, 1e300, -Double.leastNonzeroMagnitude, .infinity, -.infinity, 123456.789, 1.0 / 3.0]
        let null = n % 7 == 3
        return [
            null ? .null : .boolean(n % 2 == 0),
            null ? .null : .integer(n % 3 == 0 ? Int64(Int16.min) + Int64(n % 5) : Int64(Int16.max) - Int64(n % 5)),
            .integer(Int64(n) * 1_000_003 % Int64(Int32.max)),
            null ? .null : .integer(n % 4 == 0 ? Int64.min : Int64.max - Int64(n)),
            null ? .double(.nan) : .double(Double(Float(4000 + Double(n) * 0.37))),
            null ? .null : .double(doubles[n % doubles.count] * (n % 2 == 0 ? 1 : -1)),
            null ? .null : .text(texts[n % texts.count] + String(n)),
            .text(["A", "z", "%"][n % 3]),
            null ? .null : .text(String("abcdef".prefix(1 + n % 6))),
            null ? .null : .text("ü" + texts[(n + 3) % texts.count]),
            null ? .null : .doubleArray([Double(n), nil, 2.5e-8 * Double(n)].prefix(1 + n % 3).map { $0 }),
            .doubleArray([Double(Float(0.25 * Double(n))), nil, -1]),
            null ? .null : .integerArray([Int64(n), nil, Int64(Int32.max)].prefix(1 + n % 3).map { $0 }),
            .integerArray([Int64(n), Int64.min + 1, nil, Int64.max]),
            .integerArray([1, 2, 3, nil].prefix(1 + n % 4).map { $0 }),
        ]
    }

    @Test(arguments: [VOTableSerialization.tabledata, .binary2], [0, 1, 1000])
    func encodedTablesReadBackEqual(serialization: VOTableSerialization, rowCount: Int) throws {
        let rows = (0..<rowCount).map(Self.row)
        let document = try VOTableTestSupport.document(Self.everyField, rows, serialization: serialization)
        let table = try VOTableReader.read(document)
        #expect(table.name == nil)
        #expect(table.fields == Self.everyField)
        #expect(table.rows.count == rowCount)
        let expected = rows.map { $0.map { value -> VOTableValue in
            if case .double(let d) = value, d.isNaN { return .null }   // NaN is written as null
            return value
        } }
        for (index, (read, written)) in zip(table.rows, expected).enumerated() {
            #expect(read == written, "row \(index + 1)")
        }
    }

    @Test func emptyTextAndEmptyArraysAreNullOnlyInTabledata() throws {
        let fields = [VOTableField(name: "t", datatype: .char, arraysize: "*"), VOTableField(name: "a", datatype: .double, arraysize: "*")]
        let row: [VOTableValue] = [.text(""), .doubleArray([])]
        let tabledata = try VOTableReader.read(try VOTableTestSupport.document(fields, [row], serialization: .tabledata))
        #expect(tabledata.rows == [[.null, .null]])
        let binary2 = try VOTableReader.read(try VOTableTestSupport.document(fields, [row], serialization: .binary2))
        #expect(binary2.rows == [row])
    }

    @Test func forbiddenControlCharactersAreReplacedInTabledataAndKeptInBinary2() throws {
        let fields = [VOTableField(name: "t", datatype: .char, arraysize: "*")]
        let row: [VOTableValue] = [.text("a\u{0}b\u{1B}c\u{FFFE}")]
        let tabledata = try VOTableReader.read(try VOTableTestSupport.document(fields, [row], serialization: .tabledata))
        #expect(tabledata.rows == [[.text("a\u{FFFD}b\u{FFFD}c\u{FFFD}")]])
        let binary2 = try VOTableReader.read(try VOTableTestSupport.document(fields, [row], serialization: .binary2))
        #expect(binary2.rows == [row])
    }

    /// The values of `Fixtures/VOTable/astropy_targets_*.xml` (see `make_astropy_fixtures.py`).
    static func astropyTargets(emptyName: VOTableValue) -> [[VOTableValue]] {
        [
            [.integer(101), .double(10.5), .double(4800.5), .text("star <a>"), .text("g"), .boolean(true), .integer(1), .doubleArray([1.5, 2.5])],
            [.null, .double(200.25), .null, .text("é&\""), .text("r"), .boolean(false), .integer(-2), .doubleArray([nil, 3])],
            [.integer(103), .double(359.999999), .null, emptyName, .text("iz"), .boolean(true), .integer(3), .doubleArray([-0.25, 0])],
        ]
    }

    @Test(arguments: ["tabledata", "binary", "binary2"])
    func astropyDocumentsAreRead(serialization: String) throws {
        let table = try VOTableReader.read(try VOTableTestSupport.fixture("astropy_targets_\(serialization).xml"))
        #expect(table.name == "targets")
        #expect(table.fields == [
            VOTableField(name: "obsid", datatype: .long),
            VOTableField(name: "ra", datatype: .double, unit: "deg", ucd: "pos.eq.ra;meta.main"),
            VOTableField(name: "teff", datatype: .float),
            VOTableField(name: "name", datatype: .unicodeChar, arraysize: "8"),
            VOTableField(name: "band", datatype: .char, arraysize: "2"),
            VOTableField(name: "good", datatype: .boolean),
            VOTableField(name: "n16", datatype: .short),
            VOTableField(name: "flux", datatype: .double, arraysize: "2"),
        ])
        // The empty name has no mask in astropy: BINARY2 writes it unflagged, the others cannot tell.
        let expected = Self.astropyTargets(emptyName: serialization == "binary2" ? .text("") : .null)
        #expect(table.rows == expected)
    }

    @Test(.enabled(if: VOTableTestSupport.hasAstropy, "python3 with astropy"))
    func astropyReadsWhatTheEncodersWrite() throws {
        // Not the char fields: astropy (verify='exception') refuses non-ASCII text in char (W55), and
        // reads a scalar char as bytes. Text beyond ASCII belongs in unicodeChar fields.
        let fields = Self.everyField.filter { $0.name != "c" && $0.name != "c1" }
        let rows = (0..<20).map { n in Array(Self.row(n).enumerated().filter { $0.offset != 6 && $0.offset != 7 }.map(\.element)) }
        for serialization in [VOTableSerialization.tabledata, .binary2] {
            let url = try VOTableTestSupport.temporaryFile(
                try VOTableTestSupport.document(fields, rows, serialization: serialization), name: "result.xml")
            defer { FormatsTestSupport.removeTemporary(url.deletingLastPathComponent()) }
            let script = """
                import sys, json, warnings
                from astropy.io.votable import parse_single_table
                with warnings.catch_warnings():
                    warnings.simplefilter('error')
                    t = parse_single_table(sys.argv[1], verify='exception').to_table()
                mask = getattr(t['u'], 'mask', [False] * len(t))
                u = [None if m else str(v) for v, m in zip(t['u'], mask)]
                print(json.dumps({'names': t.colnames, 'i': [int(v) for v in t['i']], 'u': u}))
                """
            let python = try #require(VOTableTestSupport.executable("python3"))
            let result = try VOTableTestSupport.run(python, ["-c", script, url.path])
            #expect(result.status == 0, "\(result.output)")
            let decoded = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
            #expect(decoded?["names"] as? [String] == fields.map(\.name))
            #expect(decoded?["i"] as? [Int] == rows.map { row -> Int in
                if case .integer(let i) = row[2] { return Int(i) }
                return -1
            })
            // astropy gives "" for a null string and trims trailing whitespace in TABLEDATA text.
            let texts = (decoded?["u"] as? [Any])?.map { ($0 as? String ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
            #expect(texts == rows.map { row -> String in
                if case .text(let text) = row[7] { return text.trimmingCharacters(in: .whitespacesAndNewlines) }
                return ""
            })
        }
    }

    @Test func integerNullsHexAndInfinitiesAreReadFromTabledata() throws {
        let document = """
            <?xml version="1.0"?>
            <VOTABLE version="1.3" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">
            <RESOURCE><RESOURCE><TABLE name="inner">
            <FIELD name="n" datatype="int"><VALUES null="-99"/></FIELD>
            <FIELD name="x" datatype="double"/>
            <FIELD name="v" datatype="unsignedByte" arraysize="*"><VALUES null="255"/></FIELD>
            <FIELD name="flag" datatype="bit"/>
            <DATA><TABLEDATA>
            <TR><TD>-99</TD><TD>+Inf</TD><TD>1 255 0x10</TD><TD>1</TD></TR>
            <TR><TD> 0x1F </TD><TD>-inf</TD><TD></TD><TD>0</TD></TR>
            <TR><TD>7</TD><TD><![CDATA[2.5]]></TD><TD>3</TD><TD></TD></TR>
            </TABLEDATA></DATA></TABLE></RESOURCE></RESOURCE>
            <RESOURCE><TABLE name="second"><FIELD name="z" datatype="int"/></TABLE></RESOURCE>
            </VOTABLE>
            """
        let table = try VOTableReader.read(Array(document.utf8))
        #expect(table.name == "inner")
        #expect(table.fields.map(\.datatype) == [.int, .double, .short, .boolean])
        #expect(table.rows == [
            [.null, .double(.infinity), .integerArray([1, nil, 16]), .boolean(true)],
            [.integer(31), .double(-.infinity), .null, .boolean(false)],
            [.integer(7), .double(2.5), .integerArray([3]), .null],
        ])
    }

    @Test func namespacePrefixedDocumentsAreRead() throws {
        let document = """
            <vot:VOTABLE xmlns:vot="http://www.ivoa.net/xml/VOTable/v1.3" version="1.4">
            <vot:RESOURCE><vot:TABLE><vot:FIELD name="a" datatype="char" arraysize="*"/>
            <vot:DATA><vot:TABLEDATA><vot:TR><vot:TD>x</vot:TD></vot:TR></vot:TABLEDATA></vot:DATA>
            </vot:TABLE></vot:RESOURCE></vot:VOTABLE>
            """
        #expect(try VOTableReader.read(Array(document.utf8)).rows == [[.text("x")]])
    }

    @Test func badDocumentsAreRefusedNamingRowAndField() throws {
        func table(_ fields: String, _ data: String) -> [UInt8] {
            Array("<VOTABLE><RESOURCE><TABLE>\(fields)<DATA>\(data)</DATA></TABLE></RESOURCE></VOTABLE>".utf8)
        }
        let field = "<FIELD name=\"teff\" datatype=\"float\"/>"
        let cases: [([UInt8], VOTableError)] = [
            (table(field, "<TABLEDATA><TR><TD>1</TD></TR><TR><TD>hot</TD></TR></TABLEDATA>"),
             VOTableError(.invalidDocument, row: 2, field: "teff", detail: "'hot' is not a float")),
            (table(field, "<TABLEDATA><TR><TD>1</TD><TD>2</TD></TR></TABLEDATA>"),
             VOTableError(.invalidDocument, row: 1, detail: "more than 1 cells")),
            (table(field + field, "<TABLEDATA><TR><TD>1</TD></TR></TABLEDATA>"),
             VOTableError(.invalidDocument, row: 1, detail: "1 cells for 2 fields")),
            (table("<FIELD name=\"z\" datatype=\"doubleComplex\"/>", ""),
             VOTableError(.unsupported, field: "z", detail: "datatype doubleComplex is not supported")),
            (table("<FIELD name=\"z\" datatype=\"real\"/>", ""),
             VOTableError(.invalidDocument, field: "z", detail: "datatype 'real' is not a VOTable datatype")),
            (table("<FIELD name=\"z\" datatype=\"bit\" arraysize=\"8\"/>", ""),
             VOTableError(.unsupported, field: "z", detail: "arrays of bit are not supported")),
            (table(field, "<FITS><STREAM href=\"file:///x.fits\"/></FITS>"),
             VOTableError(.unsupported, detail: "FITS serialization is not supported; send TABLEDATA, BINARY or BINARY2")),
            (table(field, "<BINARY2><STREAM href=\"http://example.org/x\"/></BINARY2>"),
             VOTableError(.unsupported, detail: "a STREAM by reference (href 'http://example.org/x') is not supported; inline the data")),
            (table(field, "<BINARY2><STREAM encoding=\"gzip\">AAAA</STREAM></BINARY2>"),
             VOTableError(.unsupported, detail: "STREAM encoding 'gzip' is not supported; use base64")),
            // One complete row (flags 0x00, float 1.0) and a second cut after two of its four bytes.
            (table(field, "<BINARY2><STREAM encoding=\"base64\">AD+AAAAAAAA=</STREAM></BINARY2>"),
             VOTableError(.invalidDocument, row: 2, field: "teff", detail: "the stream ends inside the row (4 bytes needed, 2 left)")),
            (Array("<TABLE/>".utf8), VOTableError(.invalidDocument, detail: "the root element is TABLE, not VOTABLE")),
            (Array("<VOTABLE><RESOURCE/></VOTABLE>".utf8), VOTableError(.invalidDocument, detail: "no TABLE in the first RESOURCE")),
        ]
        for (document, error) in cases {
            #expect(throws: error) { try VOTableReader.read(document) }
        }
    }

    @Test func textThatIsNotXMLIsRefused() throws {
        let error = try #require(throws: VOTableError.self) { try VOTableReader.read(Array("<VOTABLE><RESOURCE>".utf8)) }
        #expect(error.kind == .invalidDocument)
        let empty = try #require(throws: VOTableError.self) { try VOTableReader.read([]) }
        #expect(empty.kind == .invalidDocument)
    }
}
