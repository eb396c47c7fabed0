import Pipeline
import Queue

/// The job handlers this binary runs: the pipeline's kinds plus the queue's test kinds. One model
/// cache per process, shared by every prediction handler.
enum SLAMJobHandlers {
    static let models = ModelStore()
    static var registry: JobHandlerRegistry { JobKind.registry(models: models) }

    /// The registry of `slam worker`, its asynchronous TAP queries run as `tapDatabaseURL` (nil: the default).
    static func registry(tapDatabaseURL: String?) -> JobHandlerRegistry {
        JobKind.registry(models: models, tapDatabaseURL: tapDatabaseURL)
    }
}
