import ADQL
import Formats
import Testing
@testable import TAP

/// UPLOAD references and uploaded tables: names, types, limits and the schema the translator sees.
@Suite struct TapUploadTableTests {
    static let document = Array("""
        <?xml version="1.0"?>
        <VOTABLE version="1.4"><RESOURCE><TABLE name="ignored">
        <FIELD name="id" datatype="long"/><FIELD name="RA (deg)" datatype="double"/><FIELD name="flag" datatype="boolean"/>
        <FIELD name="name" datatype="char" arraysize="*"/><FIELD name="seen" datatype="char" arraysize="*" xtype="timestamp"/>
        <FIELD name="mag" datatype="float"/><FIELD name="n" datatype="short"/><FIELD name="k" datatype="int"/>
        <DATA><TABLEDATA>
        <TR><TD>1</TD><TD>10.5</TD><TD>T</TD><TD>star a</TD><TD>2020-01-02T03:04:05Z</TD><TD>12.5</TD><TD>3</TD><TD>7</TD></TR>
        <TR><TD>2</TD><TD></TD><TD>F</TD><TD></TD><TD></TD><TD>NaN</TD><TD>4</TD><TD>8</TD></TR>
        </TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>
        """.utf8)

    @Test func anUploadReferenceNamesATableAndItsPart() throws {
        #expect(try TapUploadReference(parameter: "targets,param:list") == TapUploadReference(tableName: "targets", source: .part("list")))
        #expect(try TapUploadReference(parameter: " t_1 , param:p ;") == TapUploadReference(tableName: "t_1", source: .part("p")))
        #expect(try TapUploadReference(parameter: "t,https://example.org/t.xml?a=1&b=2")
                == TapUploadReference(tableName: "t", source: .url("https://example.org/t.xml?a=1&b=2")))
    }

    @Test(arguments: [
        ("t", "is not name,param:part or name,URL"),
        ("t,param:", "must come inline (param:<part>) or from an http(s) URL"),
        ("t,ftp://example.org/t.xml", "must come inline (param:<part>) or from an http(s) URL"),
        ("1t,param:p", "'1t' is not a table name"),
        ("t,param:a;u,param:b", "one uploaded table per query"),
    ])
    func aBadReferenceIsRefused(text: String, reason: String) {
        #expect { _ = try TapUploadReference(parameter: text) } throws: { "\($0)".contains(reason) }
    }

    @Test func everyScalarTypeAndTextIsTypedAndKeepsItsName() throws {
        let table = try TapUploadTable(name: "mine", document: Self.document, maximumBytes: 1 << 20)
        #expect(table.columns.map(\.name) == ["id", "RA (deg)", "flag", "name", "seen", "mag", "n", "k"])
        #expect(table.columns.map(\.sqlName) == ["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"])
        #expect(table.columns.map(\.sqlType) == ["bigint", "double precision", "boolean", "text", "timestamptz", "real", "smallint", "integer"])
        #expect(table.rows.count == 2)
        let schema = table.schemaTable
        #expect(schema.schema == "TAP_UPLOAD" && schema.name == "mine" && schema.sqlSchema == "pg_temp" && schema.sqlName == "tap_upload")
        #expect(TapUploadTable.cell(.null, as: table.columns[0]).text == "NULL::bigint")
        #expect(TapUploadTable.cell(.text("x'; DROP TABLE t"), as: table.columns[3]).parameters.count == 1)
    }

    @Test func arraysTooLargeDocumentsAndOtherTextsAreRefused() {
        let arrays = Array("""
            <VOTABLE><RESOURCE><TABLE><FIELD name="v" datatype="double" arraysize="3"/>
            <DATA><TABLEDATA><TR><TD>1 2 3</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>
            """.utf8)
        #expect { _ = try TapUploadTable(name: "t", document: arrays, maximumBytes: 1 << 20) } throws: {
            "\($0)".contains("column v of table t is an array of double")
        }
        #expect { _ = try TapUploadTable(name: "t", document: Self.document, maximumBytes: 100) } throws: {
            "\($0)".contains("at most 100 are taken")
        }
        #expect { _ = try TapUploadTable(name: "t", document: Array("a,b\n".utf8), maximumBytes: 100) } throws: {
            "\($0)".contains("table t is not a VOTable")
        }
    }

    @Test func aQueryJoinsTheUploadedTableByItsADQLNames() throws {
        let table = try TapUploadTable(name: "mine", document: Self.document, maximumBytes: 1 << 20)
        let plan = try TapQueryPlan(adql: #"SELECT u.id, u."RA (deg)" FROM TAP_UPLOAD.mine AS u JOIN slam.labels AS l ON l.obsid = u.id"#,
                                    tables: [TapQueryPlanTests.labels], upload: table, maxRecords: 10)
        #expect(plan.statement.text.contains(#""pg_temp"."tap_upload""#), "\(plan.statement.text)")
        #expect(plan.columns.map(\.name) == ["id", "RA (deg)"])
    }
}
