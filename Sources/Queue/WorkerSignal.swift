import Foundation

/// Wake-ups and stop requests for a worker's threads.
///
/// `wake()` bumps a generation counter so a slot that read the generation before an empty claim
/// never misses a notification that arrives between the claim and its wait.
/// `@unchecked Sendable`: all state is guarded by `condition`.
final class WorkerSignal: @unchecked Sendable {
    private let condition = NSCondition()
    private var generationValue = 0
    private var stopping = false

    var generation: Int { condition.withLock { generationValue } }
    var isStopping: Bool { condition.withLock { stopping } }

    /// Wakes every waiting thread (new jobs may be available).
    func wake() {
        condition.withLock {
            generationValue &+= 1
            condition.broadcast()
        }
    }

    /// Asks every thread to stop (graceful shutdown, cancellation, or drained queue).
    func stop() {
        condition.withLock {
            stopping = true
            condition.broadcast()
        }
    }

    /// Waits up to `seconds` for a wake after generation `since`, or a stop.
    func wait(since: Int? = nil, seconds: Double) {
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.withLock {
            while !stopping && (since == nil || generationValue == since) {
                if !condition.wait(until: deadline) { return }
                if since == nil { return }
            }
        }
    }
}
