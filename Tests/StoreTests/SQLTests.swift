import Store
import Testing

/// `SQL` never pastes a value into the text: interpolations become numbered parameters, fragments are
/// renumbered when spliced, identifiers are quoted.
@Suite struct SQLTests {
    @Test func interpolatedValuesBecomeNumberedParameters() {
        let name = "x'); DROP TABLE model; --"
        let sql: SQL = "SELECT * FROM model WHERE label_set = \(name) AND model_id > \(3)"
        #expect(sql.text == "SELECT * FROM model WHERE label_set = $1 AND model_id > $2")
        #expect(sql.parameters.count == 2)
        #expect(sql.parameters[0] as? String == name)
        #expect(sql.parameters[1] as? Int == 3)
    }

    @Test func aNilValueIsANullParameter() {
        let missing: Int? = nil
        let sql: SQL = "UPDATE t SET v = \(missing)"
        #expect(sql.text == "UPDATE t SET v = $1")
        #expect(sql.parameters[0].isPostgresNull)
    }

    @Test func splicedFragmentsAreRenumbered() {
        let filter: SQL = "snrg > \(50.0) AND class = \("STAR")"
        let sql: SQL = "SELECT obsid FROM lamost_spectrum WHERE obsid > \(10) AND \(filter) LIMIT \(5)"
        #expect(sql.text == "SELECT obsid FROM lamost_spectrum WHERE obsid > $1 AND snrg > $2 AND class = $3 LIMIT $4")
        #expect(sql.parameters.count == 4)
        let joined = SQL.joined([filter, "obsid = \(7)"], separator: " OR ")
        #expect(joined.text == "snrg > $1 AND class = $2 OR obsid = $3")
        #expect((filter + " LIMIT \(1)").text == "snrg > $1 AND class = $2 LIMIT $3")
    }

    @Test func identifiersAreQuoted() {
        let sql: SQL = "SELECT \(identifier: "labels[1]") FROM \(identifier: #"we"ird"#)"
        #expect(sql.text == #"SELECT "labels[1]" FROM "we""ird""#)
        #expect(sql.parameters.isEmpty)
    }

    @Test func aPlainLiteralHasNoParameters() {
        let sql: SQL = "SELECT 1"
        #expect(sql.text == "SELECT 1" && sql.parameters.isEmpty)
    }
}
