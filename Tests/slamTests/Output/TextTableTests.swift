@testable import slam
import Testing

/// The plain text tables of the listing commands: a header, a rule as wide as each column, left-aligned
/// cells two spaces apart, no trailing spaces.
@Suite struct TextTableTests {
    @Test func columnsAreAsWideAsTheirWidestCell() {
        let table = TextTable.render([["id", "name", "rows"], ["7", "apogee-dr17", "733901"], ["12", "lasp", "5"]])
        #expect(table == """
            id  name         rows
            --  -----------  ------
            7   apogee-dr17  733901
            12  lasp         5
            """)
    }

    @Test func trailingSpacesAreTrimmedFromEveryLine() {
        let table = TextTable.render([["name", "file"], ["a", ""], ["long name", "x"]])
        #expect(table == "name       file\n---------  ----\na\nlong name  x")
        #expect("tail   ".trimmingSuffixSpaces() == "tail" && "  lead".trimmingSuffixSpaces() == "  lead")
    }

    @Test func widthsCountCharactersNotBytes() {
        #expect(TextTable.render([["λ (Å)", "σ"], ["3900", "0.5"]]) == "λ (Å)  σ\n-----  ---\n3900   0.5")
    }

    @Test func aHeaderAloneGetsItsRuleAndNoRowsGiveNothing() {
        #expect(TextTable.render([["id", "status"]]) == "id  status\n--  ------")
        #expect(TextTable.render([]) == "")
    }

    @Test func aShortRowLeavesItsLastColumnsEmpty() {
        #expect(TextTable.render([["kind", "done", "failed"], ["ingest_lamost"]]) == "kind           done  failed\n-------------  ----  ------\ningest_lamost")
    }

    @Test func aLongRowWidensTheTableInsteadOfFailing() {
        #expect(TextTable.render([["id"], ["7", "note"]]) == "id\n--  ----\n7   note")
    }
}
