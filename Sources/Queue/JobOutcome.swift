/// How a handler run ended.
public enum JobOutcome: Sendable, Equatable {
    /// `run` returned.
    case succeeded
    /// `run` threw; `retryable` is false for ``JobHandlerError`` failures and permanent ``JobFailure``s.
    case failed(message: String, retryable: Bool)
    /// `run` threw ``JobHandlerError/interrupted`` (it saw ``JobContext/isCancelled``).
    case interrupted
    /// Never started: claimed, then the worker began shutting down.
    case notStarted
    /// A result write was refused by the lease fence (``JobContext/fence(_:)``): another attempt holds
    /// the job now, or it was cancelled.
    case leaseLost

    /// Classifies an error thrown by a handler.
    public static func from(error: any Error) -> JobOutcome {
        if let handlerError = error as? JobHandlerError {
            if handlerError == .interrupted { return .interrupted }
            return .failed(message: handlerError.description, retryable: false)
        }
        if let failure = error as? any JobFailure, failure.isLeaseLost { return .leaseLost }
        return .failed(message: String(describing: error), retryable: isTransient(error))
    }
}

/// What the worker writes for a finished run: a pure decision, tested without a server.
public enum JobAction: Sendable, Equatable {
    /// Mark completed.
    case complete
    /// Back to available after the delay (seconds), keeping the error.
    case retry(afterSeconds: Double, error: String)
    /// Dead: last attempt used, or not retryable; the error is kept.
    case kill(error: String)
    /// Back to available now, attempt given back (graceful shutdown).
    case release
    /// Write nothing: the job is no longer ours (lease lost or cancelled); any write would be refused.
    case abandon

    /// The action for `outcome` of attempt `attempt` of `maxAttempts`.
    /// - Parameters:
    ///   - leaseLost: the heartbeat found the job rescued or cancelled.
    ///   - shuttingDown: the worker is stopping (informational: interrupted or unstarted jobs are
    ///     released in either case, so no job waits for its lease to expire).
    ///   - jitter: a uniform draw in [0, 1) for ``RetryPolicy``.
    public static func decide(_ outcome: JobOutcome, attempt: Int, maxAttempts: Int, leaseLost: Bool,
                              shuttingDown: Bool, policy: RetryPolicy, jitter: Double) -> JobAction {
        if leaseLost || outcome == .leaseLost { return .abandon }
        switch outcome {
        case .succeeded:
            return .complete
        case let .failed(message, retryable):
            if !retryable || attempt >= maxAttempts { return .kill(error: message) }
            return .retry(afterSeconds: policy.delaySeconds(afterAttempt: attempt, jitter: jitter), error: message)
        case .leaseLost:
            return .abandon
        case .interrupted, .notStarted:
            // Interrupted without a lost lease (shutdown, or a handler stopping on its own):
            // give the attempt back rather than leave the job to lease expiry.
            _ = shuttingDown
            return .release
        }
    }
}
