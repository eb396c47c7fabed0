import Catalogue
import Pipeline
import Store
import Testing

/// Parsing of user filters on spectra and the SQL they become (no server).
@Suite("Spectrum filter")
struct SpectrumFilterTests {
    @Test func emptyFilterKeepsEverything() throws {
        for text in ["", "   ", "\n\t"] {
            let filter = try SpectrumFilter(text)
            #expect(filter.comparisons.isEmpty)
            #expect(filter.predicate.sql.text == "true")
            #expect(filter.predicate.sql.parameters.isEmpty)
        }
    }

    @Test func comparisonsJoinedByAndBecomeParameterisedSQL() throws {
        let filter = try SpectrumFilter("SNRG>20 and class = 'STAR' AND dec <= -5.5 AND subclass != 'K3'")
        #expect(filter.comparisons == [
            .init(column: "snrg", op: ">", value: .number(20)),
            .init(column: "class", op: "=", value: .text("STAR")),
            .init(column: "dec", op: "<=", value: .number(-5.5)),
            .init(column: "subclass", op: "<>", value: .text("K3")),
        ])
        let sql = filter.predicate.sql, values = sql.parameters
        #expect(sql.text == "s.snrg > $1 AND s.class = $2 AND s.dec <= $3 AND s.subclass <> $4")
        #expect(values.count == 4)
        #expect(values[0] as? Double == 20)
        #expect(values[1] as? String == "STAR")
        #expect(values[2] as? Double == -5.5)
        #expect(values[3] as? String == "K3")
    }

    @Test func quotesInsideTextAreDoubledAndKeptAsOneValue() throws {
        let filter = try SpectrumFilter("designation = 'it''s; DROP TABLE x --' AND obsid >= 1e3")
        #expect(filter.comparisons == [
            .init(column: "designation", op: "=", value: .text("it's; DROP TABLE x --")),
            .init(column: "obsid", op: ">=", value: .number(1000)),
        ])
        #expect(filter.predicate.sql.text == "s.designation = $1 AND s.obsid >= $2")
    }

    @Test(arguments: [
        ("snrg > 20; DROP TABLE x", "character ';'"),
        ("snrg > (select 1)", "character '('"),
        ("foo > 1", "unknown column 'foo'"),
        ("snrg > 20 OR 1=1", "only AND"),
        ("class = 'STAR", "unterminated string"),
        ("snrg > 20 AND", "nothing after AND"),
        ("snrg >", "COLUMN OP VALUE"),
        ("snrg LIKE 20", "operator 'LIKE'"),
        ("snrg > 'x'", "snrg is numeric"),
        ("class = 5", "value '5' for class"),
        ("snrg > 1e400", "value '1e400'"),
        ("snrg > --1", "value '--1'"),
        ("snrg > 20 /* c */", "character '/'"),
        ("snrg > 20 AND pg_sleep(10) > 0", "character '('"),
        ("s.snrg > 20", "unknown column 's.snrg'"),
        ("snrg > 20 snrg < 30", "only AND"),
    ])
    func unsafeFiltersAreRefusedWithTheReason(text: String, reason: String) {
        do {
            let filter = try SpectrumFilter(text)
            Issue.record("accepted '\(text)' as \(filter.comparisons)")
        } catch {
            guard case let .unsafeFilter(refused, why) = error else { Issue.record("\(error)"); return }
            #expect(refused == text)
            #expect(why.contains(reason), "reason: \(why)")
            #expect(error.description.contains("is not accepted"))
        }
    }
}
