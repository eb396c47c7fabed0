import Foundation

/// Kind `noop`: does nothing (queue tests and benchmarks). Any payload.
public struct NoopJobHandler: JobHandler {
    /// The handler.
    public init() {}
    public var kind: String { "noop" }
    public func run(_ job: Job, context: JobContext) throws {}
}

/// Kind `sleep`: payload `{"seconds": x}` (0...86400); sleeps in 10 ms steps, checking for
/// cancellation and reporting progress in milliseconds. A missing or invalid `seconds` is a
/// malformed payload (dead at once).
public struct SleepJobHandler: JobHandler {
    struct Payload: Decodable { var seconds: Double }
    /// The handler.
    public init() {}
    public var kind: String { "sleep" }
    public func run(_ job: Job, context: JobContext) throws {
        let payload = try job.decodePayload(Payload.self)
        guard payload.seconds.isFinite, (0...86_400).contains(payload.seconds) else {
            throw JobHandlerError.malformedPayload(kind: kind, reason: "seconds must be in 0...86400, got \(payload.seconds)")
        }
        let total = Int(payload.seconds * 1000)
        let start = Date()
        while true {
            let elapsed = Int(Date().timeIntervalSince(start) * 1000)
            context.reportProgress(done: min(elapsed, total), total: total)
            if elapsed >= total { return }
            try context.checkCancellation()
            Thread.sleep(forTimeInterval: min(0.01, Double(total - elapsed) / 1000))
        }
    }
}

/// Kind `fail`: always fails with payload `{"message": "...", "permanent": false}` (both optional):
/// a retryable error unless `permanent` is true.
public struct FailJobHandler: JobHandler {
    struct Payload: Decodable {
        var message: String?
        var permanent: Bool?
    }

    /// The retryable error thrown by `fail` jobs.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The handler.
    public init() {}
    public var kind: String { "fail" }
    public func run(_ job: Job, context: JobContext) throws {
        let payload = try job.decodePayload(Payload.self)
        let message = payload.message ?? "fail job \(job.id) failed on purpose (attempt \(job.attempt))"
        if payload.permanent == true { throw JobHandlerError.permanent(message) }
        throw Failure(description: message)
    }
}
