import ADQL
import Catalogue
import Store
import Testing
@testable import TAP

@Suite struct TapQueryPlanTests {
    static let labels = PublishedTable(
        schemaName: "slam", tableName: "labels", qualifiedName: "slam.labels", tableType: "view", description: "SLAM labels",
        columns: [
            PublishedColumn(name: "obsid", datatype: "long", description: "LAMOST obsid", principal: true, indexed: true),
            PublishedColumn(name: "ra", datatype: "double", unit: "deg", ucd: "pos.eq.ra;meta.main", description: "Right ascension"),
            PublishedColumn(name: "dec", datatype: "double", unit: "deg", ucd: "pos.eq.dec;meta.main", description: "Declination"),
            PublishedColumn(name: "m_h", datatype: "double", unit: "dex", ucd: "phys.abund.Z", description: "[M/H]"),
            PublishedColumn(name: "label_set", datatype: "char", arraysize: "*", description: "Label set"),
            PublishedColumn(name: "created_at", datatype: "char", arraysize: "*", xtype: "timestamp"),
        ])

    @Test func rendersIdentifiersQuotedAndStringsBound() throws {
        let plan = try TapQueryPlan(adql: "SELECT TOP 5 obsid, m_h AS metal FROM slam.labels WHERE label_set = 'apogee-dr17'",
                                    tables: [Self.labels], maxRecords: 100)
        let text = plan.statement.text
        #expect(text.contains("\"slam\".\"labels\""), "\(text)")
        #expect(!text.contains("apogee-dr17"), "\(text)")
        #expect(plan.statement.parameters.count == 1)
        #expect(plan.limit == 5)
        #expect(plan.columns.map(\.name) == ["obsid", "metal"])
        #expect(plan.columns[1].published?.unit == "dex")
    }

    @Test func capsAtMaxRecordsPlusOneToSeeOverflow() throws {
        let plan = try TapQueryPlan(adql: "SELECT obsid FROM slam.labels", tables: [Self.labels], maxRecords: 10)
        #expect(plan.limit == 10)
        #expect(plan.statement.text.contains("LIMIT 11"), "\(plan.statement.text)")
    }

    @Test func refusesUnknownTablesWithThePosition() {
        do {
            _ = try TapQueryPlan(adql: "SELECT * FROM job", tables: [Self.labels], maxRecords: 10)
            Issue.record("a non-published table was planned")
        } catch {
            guard case let .invalidQuery(adql) = error else { Issue.record("\(error)"); return }
            #expect(adql.position != nil)
            #expect(error.description.contains("job"), "\(error)")
        }
    }

    @Test func mapsPublishedDatatypesToADQLTypes() {
        #expect(TapQueryPlan.adqlType(of: PublishedColumn(name: "a", datatype: "short")) == .smallint)
        #expect(TapQueryPlan.adqlType(of: PublishedColumn(name: "a", datatype: "long")) == .bigint)
        #expect(TapQueryPlan.adqlType(of: PublishedColumn(name: "a", datatype: "char", arraysize: "*", xtype: "timestamp")) == .timestamp)
        #expect(TapQueryPlan.adqlType(of: PublishedColumn(name: "a", datatype: "char", arraysize: "*")) == .varchar)
        #expect(TapQueryPlan.adqlType(of: PublishedColumn(name: "a", datatype: "boolean")) == .boolean)
    }
}
