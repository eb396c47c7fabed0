import Testing
@testable import TAP

@Suite struct TapOutputFormatTests {
    @Test(arguments: [
        ("votable", TapOutputFormat.votableBinary2), ("application/x-votable+xml", .votableBinary2),
        ("application/x-votable+xml;serialization=TABLEDATA", .votableTabledata),
        ("application/x-votable+xml; serialization=binary2", .votableBinary2), ("text/xml", .votableBinary2),
        ("votable/td", .votableTabledata), ("VOTABLE/B2", .votableBinary2), ("csv", .csv), ("text/csv", .csv),
        ("tsv", .tsv), ("text/tab-separated-values", .tsv),
    ])
    func readsNamesAndMimeTypes(text: String, format: TapOutputFormat) {
        #expect(TapOutputFormat(parameter: text) == format)
    }

    @Test func refusesUnknownFormatsAndSerializations() {
        #expect(TapOutputFormat(parameter: "fits") == nil)
        #expect(TapOutputFormat(parameter: "application/x-votable+xml;serialization=binary") == nil)
    }

    @Test func everyAdvertisedFormatIsRead() {
        for (mime, alias) in TapOutputFormat.advertised {
            #expect(TapOutputFormat(parameter: mime) != nil)
            #expect(TapOutputFormat(parameter: alias) != nil)
        }
    }
}
