/// The job group (``Queue/JobPayload/groupKey``) of jobs working on one model: `model:<id>` for its
/// prediction batches, calibration and posterior sampling, so a calibration counts its model's pending
/// prediction jobs through the queue.
enum ModelJobGroup {
    /// The group of the jobs of model `modelID`.
    static func key(modelID: Int) -> String { "model:\(modelID)" }
}
