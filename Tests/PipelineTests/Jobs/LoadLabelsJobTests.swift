import Catalogue
@testable import Pipeline
import Queue
import Store
import Testing

/// The three label loaders share one payload: its job kind is its loader's.
@Suite struct LoadLabelsJobTests {
    @Test func eachLoaderHasItsOwnJobKind() throws {
        for (kind, jobKind) in [(LabelCatalogueKind.apogee, "load_labels_apogee"), (.lasp, "load_labels_lasp"), (.table, "load_labels_table")] {
            let payload = LoadLabelsPayload(kind: kind, path: "/d/f", name: "n", release: "R")
            #expect(payload.jobKind == jobKind)
            #expect(try JobRequest(payload).kind == jobKind)
            #expect(LoadLabelsJob.Handler(catalogueKind: kind).kind == jobKind)
        }
    }

    @Test func aLoadIsKeyedByLoaderNameAndFile() {
        let payload = LoadLabelsPayload(kind: .lasp, path: "/d/f", name: "lasp-dr5", release: "DR5")
        #expect(LoadLabelsJob.uniqueKey(payload, file: "f") == "load_labels:lasp:lasp-dr5:f")
    }

    @Test func aHandlerRefusesAnotherLoadersPayload() {
        let handler = LoadLabelsJob.Handler(catalogueKind: .apogee)
        #expect(throws: JobHandlerError.self) {
            try handler.validate(LoadLabelsPayload(kind: .lasp, path: "/d/f", name: "n", release: "R"))
        }
        #expect(throws: Never.self) {
            try handler.validate(LoadLabelsPayload(kind: .apogee, path: "/d/f", name: "n", release: "R"))
        }
    }
}
