@testable import Pipeline
import Queue
import Store
import Testing

/// A retrain job's payload is the ``RetrainRequest`` a schedule stores.
@Suite struct RetrainJobTests {
    @Test func aScheduledRequestDecodesWithItsDefaults() throws {
        #expect(try JSONB(#"{"trainingSet":"kgiants"}"#).decode(RetrainRequest.self) == RetrainRequest(trainingSet: "kgiants"))
        #expect(try JobRequest(RetrainRequest(trainingSet: "kgiants")).kind == "retrain")
    }
}
