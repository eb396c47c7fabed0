@testable import Pipeline
import Queue
import Store
import Testing

/// LAMOST catalogue loads: keyed by release and file.
@Suite struct IngestCatalogueJobTests {
    @Test func aLoadIsKeyedByReleaseAndFile() throws {
        #expect(IngestCatalogueJob.uniqueKey(release: "DR5", file: "f") == "ingest_catalogue:DR5:f")
        let request = try JobRequest(IngestCataloguePayload(path: "/d/dr5.csv", release: "DR5"))
        #expect(request.kind == "ingest_catalogue")
        #expect(try request.payload.decode(IngestCataloguePayload.self) == IngestCataloguePayload(path: "/d/dr5.csv", release: "DR5"))
    }
}
