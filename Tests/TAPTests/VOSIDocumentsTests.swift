import Catalogue
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import TAP

@Suite struct VOSIDocumentsTests {
    /// Whether `text` is well-formed XML (namespaces not resolved, no external entities).
    static func isWellFormed(_ text: String) -> Bool {
        let parser = XMLParser(data: Data(text.utf8))
        parser.shouldResolveExternalEntities = false
        return parser.parse()
    }

    /// How often `needle` occurs in `text`.
    static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func availabilitySaysTrueOrFalseWithTheNoteEscaped() {
        let up = VOSIDocuments.availability(available: true, note: "queries <fast> & \"slow\"")
        #expect(up.contains("xmlns:vosi=\"http://www.ivoa.net/xml/VOSIAvailability/v1.0\""), "\(up)")
        #expect(up.contains("<vosi:available>true</vosi:available>"), "\(up)")
        #expect(up.contains("<vosi:note>queries &lt;fast&gt; &amp; &quot;slow&quot;</vosi:note>"), "\(up)")
        #expect(Self.isWellFormed(up), "\(up)")
        let down = VOSIDocuments.availability(available: false, note: "maintenance")
        #expect(down.contains("<vosi:available>false</vosi:available>"), "\(down)")
        #expect(!down.contains("<vosi:available>true"), "\(down)")
        #expect(Self.isWellFormed(down), "\(down)")
    }

    @Test func capabilitiesDeclareTAPWithTheBaseURLAndTheLimits() {
        let base = "http://catalogue.example.org:8080/tap"
        let text = VOSIDocuments.capabilities(baseURL: base, defaultMaxRecords: 1234, hardMaxRecords: 56789)
        #expect(Self.isWellFormed(text), "\(text)")
        #expect(text.contains("<capability standardID=\"ivo://ivoa.net/std/TAP\" xsi:type=\"tr:TableAccess\">"), "\(text)")
        #expect(text.contains("<accessURL use=\"base\">\(base)</accessURL>"), "\(text)")
        #expect(text.contains("<default unit=\"row\">1234</default>"), "\(text)")
        #expect(text.contains("<hard unit=\"row\">56789</hard>"), "\(text)")
        #expect(text.contains("<name>ADQL</name>"), "\(text)")
        #expect(text.contains("ivo://ivoa.net/std/ADQL#v2.0") && text.contains("ivo://ivoa.net/std/ADQL#v2.1"), "\(text)")
        for form in ["POINT", "CIRCLE", "CONTAINS", "DISTANCE"] {
            #expect(text.contains("<feature><form>\(form)</form></feature>"), "\(form)")
        }
    }

    @Test(arguments: [
        ("ivo://ivoa.net/std/VOSI#capabilities", "/capabilities"),
        ("ivo://ivoa.net/std/VOSI#availability", "/availability"),
        ("ivo://ivoa.net/std/VOSI#tables-1.1", "/tables"),
        ("ivo://ivoa.net/std/DALI#examples", "/examples"),
    ])
    func capabilitiesListEachVOSIAndDALIEndpointUnderTheBase(standardID: String, path: String) throws {
        let base = "https://tap.example.org/tap"
        let text = VOSIDocuments.capabilities(baseURL: base, defaultMaxRecords: 10, hardMaxRecords: 20)
        let start = try #require(text.range(of: "<capability standardID=\"\(standardID)\">"), "\(standardID) missing: \(text)")
        let end = try #require(text.range(of: "</capability>", range: start.upperBound..<text.endIndex))
        let capability = text[start.lowerBound..<end.upperBound]
        #expect(capability.contains("<accessURL use=\"full\">\(base)\(path)</accessURL>"), "\(capability)")
    }

    @Test func capabilitiesAdvertiseEveryOutputFormat() {
        let text = VOSIDocuments.capabilities(baseURL: "http://h/tap", defaultMaxRecords: 1, hardMaxRecords: 2)
        #expect(Self.occurrences(of: "<outputFormat>", in: text) == TapOutputFormat.advertised.count, "\(text)")
        for (mime, alias) in TapOutputFormat.advertised {
            #expect(text.contains("<outputFormat><mime>\(mime)</mime><alias>\(alias)</alias></outputFormat>"), "\(mime)")
        }
    }

    @Test func capabilitiesEscapeTheBaseURL() {
        let text = VOSIDocuments.capabilities(baseURL: "http://h/tap?a=1&b=<2>", defaultMaxRecords: 1, hardMaxRecords: 2)
        #expect(text.contains("<accessURL use=\"base\">http://h/tap?a=1&amp;b=&lt;2&gt;</accessURL>"), "\(text)")
        #expect(Self.isWellFormed(text), "\(text)")
    }

    static let tables: [PublishedTable] = [
        PublishedTable(schemaName: "slam", tableName: "labels", qualifiedName: "slam.labels", tableType: "view",
                       description: "Labels <current> & \"published\"", columns: [
                           PublishedColumn(name: "obsid", datatype: "long", ucd: "meta.id;meta.main", description: "LAMOST obsid",
                                           principal: true, indexed: true),
                           PublishedColumn(name: "teff", datatype: "float", unit: "K", ucd: "phys.temperature.effective",
                                           description: "T < 10^5 & \"hot\""),
                           PublishedColumn(name: "created_at", datatype: "char", arraysize: "*", xtype: "timestamp",
                                           utype: "u:time"),
                       ]),
        PublishedTable(schemaName: "tap_schema", tableName: "schemas", qualifiedName: "tap_schema.schemas", tableType: "table",
                       description: nil, columns: [
                           PublishedColumn(name: "schema_name", datatype: "char", arraysize: "*", principal: true, std: true),
                       ]),
        PublishedTable(schemaName: "slam", tableName: "flag_bits", qualifiedName: "slam.flag_bits", tableType: "view",
                       description: "Flag bits", columns: [PublishedColumn(name: "bit", datatype: "int")]),
    ]

    @Test func tableSetGroupsTablesBySchemaInFirstSeenOrder() throws {
        let text = VOSIDocuments.tableSet(Self.tables, schemaDescriptions: ["slam": "The published catalogue"])
        #expect(Self.isWellFormed(text), "\(text)")
        #expect(Self.occurrences(of: "<schema>", in: text) == 2, "\(text)")
        let slam = try #require(text.range(of: "<name>slam</name>"))
        let tapSchema = try #require(text.range(of: "<name>tap_schema</name>"))
        let labels = try #require(text.range(of: "<name>slam.labels</name>"))
        let flagBits = try #require(text.range(of: "<name>slam.flag_bits</name>"))
        let schemas = try #require(text.range(of: "<name>tap_schema.schemas</name>"))
        #expect(slam.lowerBound < labels.lowerBound && labels.lowerBound < flagBits.lowerBound)
        #expect(flagBits.lowerBound < tapSchema.lowerBound && tapSchema.lowerBound < schemas.lowerBound)
        #expect(text.contains("<description>The published catalogue</description>"), "\(text)")
        #expect(text.contains("<table type=\"view\">") && text.contains("<table type=\"table\">"), "\(text)")
    }

    @Test func tableSetWritesEachColumnsTypeUnitUCDAndFlags() {
        let text = VOSIDocuments.tableSet(Self.tables)
        #expect(text.contains("""
                  <column>
                    <name>obsid</name>
                    <description>LAMOST obsid</description>
                    <ucd>meta.id;meta.main</ucd>
                    <dataType xsi:type="vs:VOTableType">long</dataType>
                    <flag>indexed</flag>
                    <flag>principal</flag>
                  </column>
            """), "\(text)")
        #expect(text.contains("<unit>K</unit>"), "\(text)")
        #expect(text.contains("<ucd>phys.temperature.effective</ucd>"), "\(text)")
        #expect(text.contains("<utype>u:time</utype>"), "\(text)")
        #expect(text.contains("<dataType xsi:type=\"vs:VOTableType\" arraysize=\"*\" extendedType=\"timestamp\">char</dataType>"), "\(text)")
        #expect(text.contains("<dataType xsi:type=\"vs:VOTableType\">int</dataType>\n      </column>"), "\(text)")
        #expect(text.contains("<flag>std</flag>"), "\(text)")
        #expect(Self.occurrences(of: "<flag>std</flag>", in: text) == 1, "\(text)")
    }

    @Test func tableSetWritesForeignKeysAfterTheColumnsInSchemaOrder() throws {
        var labels = Self.tables[0]
        labels.foreignKeys = [PublishedForeignKey(keyID: "labels_model", targetTable: "slam.models", description: "The model <that> made it",
                                                  columns: [.init(fromColumn: "model_id", targetColumn: "model_id")])]
        let text = VOSIDocuments.tableSet([labels])
        #expect(Self.isWellFormed(text), "\(text)")
        #expect(text.contains("""
                      <foreignKey>
                        <targetTable>slam.models</targetTable>
                        <fkColumn><fromColumn>model_id</fromColumn><targetColumn>model_id</targetColumn></fkColumn>
                        <description>The model &lt;that&gt; made it</description>
                      </foreignKey>
                """), "\(text)")
        let lastColumn = try #require(text.range(of: "</column>", options: .backwards))
        let key = try #require(text.range(of: "<foreignKey>"))
        #expect(lastColumn.upperBound < key.lowerBound)
    }

    @Test func tableSetEscapesDescriptions() {
        let text = VOSIDocuments.tableSet(Self.tables)
        #expect(text.contains("<description>Labels &lt;current&gt; &amp; &quot;published&quot;</description>"), "\(text)")
        #expect(text.contains("<description>T &lt; 10^5 &amp; &quot;hot&quot;</description>"), "\(text)")
        #expect(!text.contains("T < 10^5"), "\(text)")
    }

    @Test func anEmptyTableSetIsAnEmptyTableset() {
        let text = VOSIDocuments.tableSet([])
        #expect(Self.isWellFormed(text), "\(text)")
        #expect(!text.contains("<schema>"), "\(text)")
        #expect(text.contains("</vosi:tableset>"), "\(text)")
    }
}
