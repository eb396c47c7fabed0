@testable import slam
import Testing

/// `slam labels load table` (Labels+LoadTable.swift).
@Suite struct LabelsLoadTableTests {
    let file = #filePath

    @Test func parsesColumnsAndLabels() throws {
        let load = try SLAMParsing.parse(["labels", "load", "table", file, "--name", "galah-dr3", "--ra", "RA", "--dec", "DEC",
                                          "--id", "sobject_id", "--snr", "snr_c2", "--label", "teff=teff:e_teff:K",
                                          "--label", "feh=fe_h:e_fe_h"], as: Labels.Load.Table.self)
        #expect(load.name == "galah-dr3" && load.ra == "RA" && load.dec == "DEC" && load.id == "sobject_id" && load.snr == "snr_c2")
        #expect(load.labels == ["teff=teff:e_teff:K", "feh=fe_h:e_fe_h"] && load.obsid == nil && load.mapping == nil)
        let mapping = try load.resolvedMapping()
        #expect(mapping.raColumn == "RA" && mapping.decColumn == "DEC" && mapping.idColumn == "sobject_id" && mapping.snrColumn == "snr_c2")
        #expect(mapping.labels.map(\.name) == ["teff", "feh"])
    }

    @Test func anObsidKeyedTable() throws {
        let load = try SLAMParsing.parse(["labels", "load", "table", file, "--name", "seismic", "--obsid", "OBSID", "--label", "logg=LOGG_SEIS:E_LOGG"],
                                         as: Labels.Load.Table.self)
        #expect(try load.resolvedMapping().obsidColumn == "OBSID")
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["labels", "load", "table", file], saying: "Missing expected argument '--name <name>'")
        SLAMParsing.expectRejected(["labels", "load", "table", file, "--name", "t"], saying: "invalid column mapping: at least one label is needed")
        SLAMParsing.expectRejected(["labels", "load", "table", file, "--name", "t", "--obsid", "OBSID", "--label", "teff"],
                                   saying: "'teff' is not NAME=COLUMN[:ERROR_COLUMN[:UNIT]]")
        SLAMParsing.expectRejected(["labels", "load", "table", file, "--name", "t", "--obsid", "OBSID", "--label", "teff=T", "--mapping", "m.json"],
                                   saying: "give either --mapping or the column options, not both")
        SLAMParsing.expectRejected(["labels", "load", "table", file, "--name", "No Good", "--obsid", "OBSID", "--label", "teff=T"],
                                   saying: "catalogue name 'No Good'")
        SLAMParsing.expectRejected(["labels", "load", "table", "/no/such/table.csv", "--name", "t"], saying: "/no/such/table.csv: no such file")
    }
}
