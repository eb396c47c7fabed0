@testable import Pipeline
import Queue
import Store
import Testing

/// A model's prediction batches: their cut, unique keys, group and payload.
@Suite struct PredictJobTests {
    @Test func spectraAreCutInOrderedBatchesOfTheRequestedSize() {
        #expect(PredictJob.batches([1, 2, 3, 4, 5], size: 2) == [[1, 2], [3, 4], [5]])
        #expect(PredictJob.batches([1, 2], size: 0) == [[1], [2]], "a size below one is one")
        #expect(PredictJob.batches([], size: 10).isEmpty)
    }

    @Test func aBatchIsKeyedByModelRangeAndCount() {
        #expect(PredictJob.uniqueKey(modelID: 7, obsids: [11, 12, 19]) == "predict:7:11-19:3")
    }

    @Test func theRequestCarriesTheKindAndTheModelsGroup() throws {
        let payload = PredictPayload(modelID: 7, obsids: [11, 12], storeSpectra: true)
        let request = try JobRequest(payload, priority: 3)
        #expect(request.kind == "predict")
        #expect(request.groupKey == "model:7")
        #expect(try request.payload.decode(PredictPayload.self) == payload)
    }

    @Test func anOldPayloadWithoutOptionalFieldsDecodes() throws {
        let payload = try JSONB(#"{"modelID":1,"obsids":[1,2]}"#).decode(PredictPayload.self)
        #expect(payload == PredictPayload(modelID: 1, obsids: [1, 2]))
    }
}
