@testable import Pipeline
import Formats
import Queue
import Store
import Testing

/// allStar loads: keyed by release and file; column presets by name.
@Suite struct IngestApogeeJobTests {
    @Test func aLoadIsKeyedByReleaseAndFile() {
        #expect(IngestApogeeJob.uniqueKey(release: "DR15", file: "f") == "ingest_apogee:DR15:f")
    }

    @Test func thePayloadRoundTrips() throws {
        let payload = IngestApogeePayload(path: "/d/allStar.fits", release: "DR15", columns: "dr15")
        let request = try JobRequest(payload)
        #expect(request.kind == "ingest_apogee")
        #expect(try request.payload.decode(IngestApogeePayload.self) == payload)
    }

    @Test func presetsAreFoundByNameInAnyCase() {
        #expect(ApogeeColumnMap.preset("DR14") != nil)
        #expect(ApogeeColumnMap.preset("dr17") != nil)
        #expect(ApogeeColumnMap.preset("dr99") == nil)
    }
}
