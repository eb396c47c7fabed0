@testable import Pipeline
import Queue
import SLAMNumerics
import Testing

/// The jobs working on one model share one group, `model:<id>` (the form migration 0021 gave existing jobs).
@Suite struct ModelJobGroupTests {
    @Test func aModelsPredictionCalibrationAndPosteriorJobsShareItsGroup() throws {
        let requests = [
            try JobRequest(PredictPayload(modelID: 12, obsids: [1, 2])),
            try JobRequest(CalibratePayload(modelID: 12)),
            try JobRequest(PosteriorPayload(modelID: 12, obsid: 5, sampler: EnsembleSamplerSettings(), fit: nil)),
        ]
        #expect(requests.map(\.groupKey) == Array(repeating: "model:12", count: 3))
    }
}
