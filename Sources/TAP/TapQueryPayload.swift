import Queue

/// Payload of the queue job `tap_query`: the asynchronous TAP job (`tap_job.uws_id`) a worker runs.
public struct TapQueryPayload: JobPayload, Equatable {
    public static let kind = "tap_query"
    /// The UWS job id.
    public var uwsID: String

    public init(uwsID: String) {
        self.uwsID = uwsID
    }
}
