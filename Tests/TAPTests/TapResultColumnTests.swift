import Catalogue
import Formats
import Store
import Testing
@testable import TAP

@Suite struct TapResultColumnTests {
    @Test(arguments: [
        (PostgresType.bool, VOTableDatatype.boolean, String?.none, String?.none),
        (.int2, .short, nil, nil), (.int4, .int, nil, nil), (.int8, .long, nil, nil),
        (.float4, .float, nil, nil), (.float8, .double, nil, nil), (.numeric, .double, nil, nil),
        (.text, .char, "*", nil), (.varchar, .char, "*", nil), (.bpchar, .char, "*", nil), (.name, .char, "*", nil),
        (.timestamptz, .char, "*", "timestamp"), (.timestamp, .char, "*", "timestamp"), (.date, .char, "*", "timestamp"),
        (.int2Array, .short, "*", nil), (.int4Array, .int, "*", nil), (.int8Array, .long, "*", nil),
        (.float4Array, .float, "*", nil), (.float8Array, .double, "*", nil),
    ])
    func theServersTypeDecidesTheDatatype(type: PostgresType, datatype: VOTableDatatype, arraysize: String?, xtype: String?) throws {
        let field = try TapResultColumn(name: "c", published: nil).field(type: type)
        #expect(field == VOTableField(name: "c", datatype: datatype, arraysize: arraysize, xtype: xtype), "\(type)")
    }

    @Test func publishedMetadataIsCopied() throws {
        let published = PublishedColumn(name: "teff", datatype: "float", unit: "K", ucd: "phys.temperature.effective",
                                        utype: "u:teff", description: "Effective temperature, K.", principal: true)
        let field = try TapResultColumn(name: "teff", published: published).field(type: .float4)
        #expect(field == VOTableField(name: "teff", datatype: .float, unit: "K", ucd: "phys.temperature.effective", utype: "u:teff",
                                      description: "Effective temperature, K."))
    }

    @Test func theServersTypeWinsOverThePublishedDatatype() throws {
        // An expression on a published column (teff * 2 as double) keeps the column's metadata only when the
        // translator marks it plain; here the published column says float but the server sends float8.
        let published = PublishedColumn(name: "teff", datatype: "float", unit: "K")
        let field = try TapResultColumn(name: "teff", published: published).field(type: .float8)
        #expect(field.datatype == .double && field.arraysize == nil && field.unit == "K")
    }

    @Test func aPublishedXtypeIsKeptForTextOnly() throws {
        let published = PublishedColumn(name: "date_obs", datatype: "char", arraysize: "*", xtype: "timestamp")
        #expect(try TapResultColumn(name: "date_obs", published: published).field(type: .text).xtype == "timestamp")
        let point = PublishedColumn(name: "n", datatype: "int", xtype: "point")
        #expect(try TapResultColumn(name: "n", published: point).field(type: .int4).xtype == nil)
        let time = PublishedColumn(name: "t", datatype: "char", arraysize: "*", xtype: "other")
        #expect(try TapResultColumn(name: "t", published: time).field(type: .timestamptz).xtype == "timestamp")
    }

    @Test(arguments: [PostgresType.jsonb, .bytea, .uuid, .boolArray, .textArray, PostgresType(oid: 600)])
    func anUnsupportedTypeThrowsNamingTheColumn(type: PostgresType) {
        do {
            _ = try TapResultColumn(name: "odd_column", published: nil).field(type: type)
            Issue.record("\(type) was accepted")
        } catch {
            guard case let .serviceFailure(message) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(message.contains("odd_column"), "\(message)")
            #expect(error.httpStatus == 500)
        }
    }
}
