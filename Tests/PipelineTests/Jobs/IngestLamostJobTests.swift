@testable import Pipeline
import Queue
import SLAMNumerics
import Store
import Testing

/// Ingest batches: keyed by their files, and by their preprocessing when it is not the worker's.
@Suite struct IngestLamostJobTests {
    @Test func theWorkersPreprocessingAddsNothingToTheKey() {
        #expect(IngestLamostJob.uniqueKey(batch: "files-abc", preprocessing: nil) == "files-abc")
    }

    @Test func otherPreprocessingIsAnotherBatch() {
        let key = IngestLamostJob.uniqueKey(batch: "files-abc", preprocessing: PreprocessingSettings())
        #expect(key.hasPrefix("files-abc:pp-"))
        #expect(key.count == "files-abc:pp-".count + 16)
    }

    @Test func thePayloadRoundTripsWithoutAGroup() throws {
        let request = try JobRequest(IngestLamostPayload(paths: ["/d/a.fits"]), priority: 10)
        #expect(request.kind == "ingest_lamost")
        #expect(request.groupKey == nil)
        #expect(try request.payload.decode(IngestLamostPayload.self) == IngestLamostPayload(paths: ["/d/a.fits"]))
    }
}
