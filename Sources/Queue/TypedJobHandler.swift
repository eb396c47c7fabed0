import Store

/// Runs jobs of one kind with their payload decoded: the handler half of a job kind's file.
///
/// Register it with ``JobHandlerRegistry/register(_:)-(TypedJobHandler)``; the registry wraps it in a
/// ``JobHandler`` that decodes `job.payload` as ``Payload`` first. A payload that does not decode, or that
/// ``validate(_:)`` refuses, ends the job at once with ``JobHandlerError/malformedPayload(kind:reason:)``
/// (retrying cannot help). `run` follows ``JobHandler/run(_:context:)``'s rules: it may block, should check
/// cancellation and report progress, and throws ``JobHandlerError`` for failures that are not retried.
public protocol TypedJobHandler<Payload>: Sendable {
    /// The payload type, and so the kind, this handler runs.
    associatedtype Payload: JobPayload
    /// The job kind run (`job.kind`): `Payload.kind` unless the payload type serves several kinds.
    var kind: String { get }
    /// Checks what decoding cannot (e.g. that a field agrees with the job kind); throws
    /// ``JobHandlerError/malformedPayload(kind:reason:)``. Called before ``run(_:job:context:)`` and by
    /// ``JobHandler/validatePayload(_:)`` (a payload checked before it is stored). Default: accepts.
    func validate(_ payload: Payload) throws(JobHandlerError)
    /// Runs one job with its decoded payload.
    func run(_ payload: Payload, job: Job, context: JobContext) throws
}

extension TypedJobHandler {
    public var kind: String { Payload.kind }
    public func validate(_ payload: Payload) throws(JobHandlerError) {}
}

/// A ``TypedJobHandler`` as a ``JobHandler``: decodes, validates, runs.
struct TypedJobHandlerBox<Handler: TypedJobHandler>: JobHandler {
    let handler: Handler
    var kind: String { handler.kind }

    func run(_ job: Job, context: JobContext) throws {
        try handler.run(try decode(job.payload, reason: { "\($0)" }), job: job, context: context)
    }

    func validatePayload(_ payload: JSONB) throws(JobHandlerError) {
        _ = try decode(payload, reason: JobHandlerError.describe)
    }

    /// The payload decoded and validated; a decoding error becomes a malformed payload with `reason(error)`.
    private func decode(_ payload: JSONB, reason: (any Error) -> String) throws(JobHandlerError) -> Handler.Payload {
        let decoded: Handler.Payload
        do {
            decoded = try payload.decode(Handler.Payload.self)
        } catch {
            throw .malformedPayload(kind: kind, reason: reason(error))
        }
        try handler.validate(decoded)
        return decoded
    }
}

extension JobHandlerRegistry {
    /// Adds (or replaces) the handler for `handler.kind`, run with its payload decoded.
    public mutating func register<Handler: TypedJobHandler>(_ handler: Handler) {
        register(TypedJobHandlerBox(handler: handler) as any JobHandler)
    }
}
