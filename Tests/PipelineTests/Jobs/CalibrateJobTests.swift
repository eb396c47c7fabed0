@testable import Pipeline
import Queue
import Store
import Testing

/// A model's calibration: one per model while pending, in the model's group, and its waits recognised.
@Suite struct CalibrateJobTests {
    @Test func aCalibrationIsKeyedAndGroupedByItsModel() throws {
        let request = try JobRequest(CalibratePayload(modelID: 4))
        #expect(request.kind == "calibrate")
        #expect(request.groupKey == "model:4")
        #expect(CalibrateJob.uniqueKey(modelID: 4) == "calibrate:4")
        #expect(try request.payload.decode(CalibratePayload.self) == CalibratePayload(modelID: 4))
        #expect(try JobRequest(CalibratePayload(modelID: 4, refit: true)).payload.decode(CalibratePayload.self).refit)
    }

    @Test func aPayloadEnqueuedBeforeRefitExistedKeepsTheStoredCalibration() throws {
        let old = try JSONB("{\"modelID\": 4}").decode(CalibratePayload.self)
        #expect(old == CalibratePayload(modelID: 4, refit: false))
    }

    @Test func aWaitForPredictionsIsNotAFailureThatRepeats() {
        let wait = CalibrateJob.WaitingForPredictions(modelID: 4, pending: 2)
        #expect(wait.isTransient)
        #expect(CalibrateJob.isWaitingForOtherJobs(wait.description))
        #expect(!CalibrateJob.isWaitingForOtherJobs("model 4: calibration cannot read its stored rows"))
    }
}
