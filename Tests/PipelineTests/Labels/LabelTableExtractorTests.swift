import Catalogue
import Formats
@testable import Pipeline
import Testing

/// A reference table becomes validated label rows: keys, units, missing values, and every refusal naming
/// the file, column and 1-based row.
@Suite struct LabelTableExtractorTests {
    static let file = "labels.csv"

    /// An obsid-keyed mapping: Teff in kK with an error column, log g in dex with one, S/N and flags kept.
    static let obsidMapping = LabelTableMapping(
        obsidColumn: "OBSID", raColumn: "ra", decColumn: "dec",
        labels: [.init(name: "teff", column: "TEFF", error: "E_TEFF", unit: .kilokelvin),
                 .init(name: "logg", column: "logg", error: "e_logg")],
        snrColumn: "snr", flagsColumn: "flags")

    /// A position-keyed mapping with one label and no id column.
    static let positionMapping = LabelTableMapping(raColumn: "RA", decColumn: "DEC", labels: [.init(name: "feh", column: "FEH")])

    static func table(_ columns: KeyValuePairs<String, CatalogueColumnValues>) -> CatalogueTable {
        CatalogueTable(columns: columns.map { CatalogueColumn(name: $0.key, values: $0.value) })
    }

    @Test func obsidKeyedRowsAreConvertedToStoredUnitsWithMissingValuesNil() throws {
        let table = Self.table([
            "obsid": .string(["101", " 102.0 "]),
            "ra": .double([10.5, 400]),
            "dec": .double([-5, 5]),
            "teff": .double([4.75, -9999]),
            "e_teff": .double([-0.25, .nan]),
            "LOGG": .string(["2.5", "-9999"]),
            "E_LOGG": .string(["NULL", " 0.125 "]),
            "snr": .int64([40, nil]),
            "flags": .double([3, 2.5]),
        ])
        let rows = try LabelTableExtractor.rows(table, mapping: Self.obsidMapping, file: Self.file)
        #expect(rows == [
            // 4.75 kK is 4750 K; an error is its absolute value, converted the same way.
            LabelReferenceRow(referenceID: "101", obsid: 101, ra: 10.5, dec: -5, labels: [4750, 2.5], errors: [250, nil],
                              snr: 40, flags: 3),
            // -9999, NaN and NULL are missing; an obsid-keyed row keeps no out-of-range position; flags
            // that are not an integer are 0.
            LabelReferenceRow(referenceID: "102", obsid: 102, ra: nil, dec: nil, labels: [nil, nil], errors: [nil, 0.125],
                              snr: nil, flags: 0),
        ])
    }

    @Test(arguments: ["", "NULL", "null", "NaN", "nan", "NA", "N/A", "None", "--", "  NA  "])
    func missingTokensInATextColumnAreMissingValues(token: String) throws {
        let table = Self.table(["RA": .double([1]), "DEC": .double([2]), "FEH": .string([token])])
        let rows = try LabelTableExtractor.rows(table, mapping: Self.positionMapping, file: Self.file)
        #expect(rows.map(\.labels) == [[nil]])
    }

    @Test func positionKeyedRowsWithoutAnIdAreNamedByTheirRowInTheFile() throws {
        let table = Self.table(["ra": .double([0, 359.5]), "dec": .double([-90, 90]), "feh": .int64([0, -1])])
        var seen: [String: Int] = [:]
        let rows = try LabelTableExtractor.rows(table, mapping: Self.positionMapping, file: Self.file, firstRow: 10, seen: &seen)
        #expect(rows == [
            LabelReferenceRow(referenceID: "row:11", obsid: nil, ra: 0, dec: -90, labels: [0], errors: [nil], snr: nil, flags: 0),
            LabelReferenceRow(referenceID: "row:12", obsid: nil, ra: 359.5, dec: 90, labels: [-1], errors: [nil], snr: nil, flags: 0),
        ])
        #expect(seen == ["row:11": 11, "row:12": 12])
    }

    @Test func anIdColumnNamesTheRowsTrimmed() throws {
        var mapping = Self.positionMapping
        mapping.idColumn = "sobject_id"
        let table = Self.table(["RA": .double([1, 2]), "DEC": .double([3, 4]), "FEH": .double([-0.5, 0.25]),
                                "sobject_id": .string([" a1 ", "b2"])])
        let rows = try LabelTableExtractor.rows(table, mapping: mapping, file: Self.file)
        #expect(rows.map(\.referenceID) == ["a1", "b2"])
    }

    @Test func aRowWithoutItsIdIsRefused() {
        var mapping = Self.positionMapping
        mapping.idColumn = "sobject_id"
        let table = Self.table(["RA": .double([1, 2]), "DEC": .double([3, 4]), "FEH": .double([0, 0]),
                                "sobject_id": .string(["a1", "  "])])
        #expect(throws: LabelCatalogueError.invalidRow(file: Self.file, row: 2, detail: "no sobject_id")) {
            try LabelTableExtractor.rows(table, mapping: mapping, file: Self.file)
        }
    }

    @Test func aRowWithoutItsObsidIsRefused() {
        let table = Self.table(["OBSID": .int64([5, nil]), "RA": .double([1, 2]), "DEC": .double([3, 4]),
                                "TEFF": .double([5, 5]), "E_TEFF": .double([0, 0]), "LOGG": .double([1, 1]),
                                "E_LOGG": .double([0, 0]), "SNR": .double([1, 1]), "FLAGS": .int64([0, 0])])
        #expect(throws: LabelCatalogueError.invalidRow(file: Self.file, row: 2, detail: "no obsid")) {
            try LabelTableExtractor.rows(table, mapping: Self.obsidMapping, file: Self.file)
        }
    }

    @Test func textThatIsNotANumberIsRefusedWithItsColumnAndFileRow() {
        let labels = Self.table(["RA": .double([1, 2]), "DEC": .double([3, 4]), "Feh": .string(["0.1", "metal-poor"])])
        var seen: [String: Int] = [:]
        #expect(throws: LabelCatalogueError.notNumeric(column: "Feh", file: Self.file, row: 7, value: "metal-poor")) {
            try LabelTableExtractor.rows(labels, mapping: Self.positionMapping, file: Self.file, firstRow: 5, seen: &seen)
        }
        let obsids = Self.table(["OBSID": .string(["12.5"]), "RA": .double([1]), "DEC": .double([3]),
                                 "TEFF": .double([5]), "E_TEFF": .double([0]), "LOGG": .double([1]),
                                 "E_LOGG": .double([0]), "SNR": .double([1]), "FLAGS": .int64([0])])
        #expect(throws: LabelCatalogueError.notNumeric(column: "OBSID", file: Self.file, row: 1, value: "12.5")) {
            try LabelTableExtractor.rows(obsids, mapping: Self.obsidMapping, file: Self.file)
        }
    }

    @Test func aRepeatedIdIsRefusedNamingBothRowsAcrossChunks() throws {
        var seen: [String: Int] = [:]
        let first = Self.table(["obsid": .int64([7, 8]), "feh": .double([0, 0])])
        let mapping = LabelTableMapping(obsidColumn: "obsid", labels: [.init(name: "feh", column: "feh")])
        _ = try LabelTableExtractor.rows(first, mapping: mapping, file: Self.file, firstRow: 0, seen: &seen)
        let second = Self.table(["obsid": .int64([9, 7]), "feh": .double([0, 0])])
        #expect(throws: LabelCatalogueError.duplicateID("7", file: Self.file, rows: (1, 4))) {
            try LabelTableExtractor.rows(second, mapping: mapping, file: Self.file, firstRow: 2, seen: &seen)
        }
    }

    @Test func aPositionKeyedRowNeedsAPositionInRange() {
        let missing = Self.table(["RA": .double([1, nil]), "DEC": .double([3, 4]), "FEH": .double([0, 0])])
        #expect(throws: LabelCatalogueError.invalidRow(file: Self.file, row: 2, detail: "no position")) {
            try LabelTableExtractor.rows(missing, mapping: Self.positionMapping, file: Self.file)
        }
        let outside = Self.table(["RA": .double([360]), "DEC": .double([0]), "FEH": .double([0])])
        #expect(throws: LabelCatalogueError.invalidRow(file: Self.file, row: 1, detail: "RA 360.0, Dec 0.0 out of range")) {
            try LabelTableExtractor.rows(outside, mapping: Self.positionMapping, file: Self.file)
        }
        let south = Self.table(["RA": .double([10]), "DEC": .double([-90.5]), "FEH": .double([0])])
        #expect(throws: LabelCatalogueError.invalidRow(file: Self.file, row: 1, detail: "RA 10.0, Dec -90.5 out of range")) {
            try LabelTableExtractor.rows(south, mapping: Self.positionMapping, file: Self.file)
        }
    }

    @Test func anAbsentColumnIsNamedWithItsRoleAndTheColumnsThereAre() {
        let table = Self.table(["OBSID": .int64([1]), "RA": .double([1]), "DEC": .double([1]), "TEFF": .double([5])])
        #expect(throws: LabelCatalogueError.missingColumn("E_TEFF", role: "error of teff", file: Self.file,
                                                          available: ["OBSID", "RA", "DEC", "TEFF"])) {
            try LabelTableExtractor.rows(table, mapping: Self.obsidMapping, file: Self.file)
        }
    }

    @Test func columnsAreCheckedBeforeAnEmptyTableIsRefused() {
        let empty = Self.table(["RA": .double([]), "DEC": .double([]), "FEH": .double([])])
        #expect(throws: LabelCatalogueError.emptyTable(file: Self.file)) {
            try LabelTableExtractor.rows(empty, mapping: Self.positionMapping, file: Self.file)
        }
        let emptyWithoutLabel = Self.table(["RA": .double([]), "DEC": .double([])])
        #expect(throws: LabelCatalogueError.missingColumn("FEH", role: "label feh", file: Self.file, available: ["RA", "DEC"])) {
            try LabelTableExtractor.rows(emptyWithoutLabel, mapping: Self.positionMapping, file: Self.file)
        }
    }

    @Test func anInvalidMappingIsRefusedBeforeTheColumnsAreLookedAt() {
        let noKey = LabelTableMapping(labels: [.init(name: "feh", column: "FEH")])
        #expect(throws: LabelCatalogueError.invalidMapping("name an obsid column (--obsid), or RA and Dec columns (--ra, --dec)")) {
            try LabelTableExtractor.checkColumns([], mapping: noKey, file: Self.file)
        }
    }

    @Test(arguments: [("42", Int64(42)), (" -7 ", -7), ("55862.0", 55862), ("1e3", 1000)])
    func integerTextIncludesIntegralReals(text: String, value: Int64) {
        #expect(CatalogueTable.parseIntegerText(text) == value)
    }

    @Test(arguments: ["12.5", "abc", "", "1e19", "nan"])
    func integerTextRefusesFractionsWordsAndOverflow(text: String) {
        #expect(CatalogueTable.parseIntegerText(text) == nil)
    }

    @Test func theSentinelAndNonFiniteValuesAreMissing() {
        #expect(LabelTableExtractor.missingToNil(-9999) == nil)
        #expect(LabelTableExtractor.missingToNil(.nan) == nil)
        #expect(LabelTableExtractor.missingToNil(-.infinity) == nil)
        #expect(LabelTableExtractor.missingToNil(-9998.5) == -9998.5)
        #expect(LabelTableExtractor.missingToNil(0) == 0)
    }
}
