@testable import Pipeline
import Queue
import SLAMNumerics
import Store
import Testing

/// Posterior jobs: one per spectrum, model and seed, in the model's group.
@Suite struct PosteriorJobTests {
    @Test func aPosteriorIsKeyedBySpectrumModelAndSeed() {
        #expect(PosteriorJob.uniqueKey(modelID: 3, obsid: 35, seed: 9) == "posterior:3:35:9")
    }

    @Test func thePayloadRoundTripsInTheModelsGroup() throws {
        let payload = PosteriorPayload(modelID: 3, obsid: 35, sampler: EnsembleSamplerSettings(), fit: nil)
        let request = try JobRequest(payload, priority: 2)
        #expect(request.kind == "posterior")
        #expect(request.groupKey == "model:3")
        #expect(try request.payload.decode(PosteriorPayload.self) == payload)
    }
}
