/// How long to wait between connection attempts: exponential backoff from ``initialDelaySeconds``
/// doubling to ``maximumDelaySeconds``, for at most ``maximumAttempts`` attempts (nil: forever).
public struct ReconnectPolicy: Sendable, Equatable {
    /// Delay before the second attempt, seconds.
    public var initialDelaySeconds: Double
    /// Upper bound of any delay, seconds.
    public var maximumDelaySeconds: Double
    /// Attempts in all, including the first; nil retries forever.
    public var maximumAttempts: Int?

    /// A policy; the defaults retry 8 times from 0.1 s up to 5 s between attempts.
    public init(initialDelaySeconds: Double = 0.1, maximumDelaySeconds: Double = 5, maximumAttempts: Int? = 8) {
        self.initialDelaySeconds = initialDelaySeconds
        self.maximumDelaySeconds = maximumDelaySeconds
        self.maximumAttempts = maximumAttempts
    }

    /// One attempt, no waiting.
    public static let never = ReconnectPolicy(maximumAttempts: 1)
    /// About 30 s of attempts: for a server that is restarting.
    public static let standard = ReconnectPolicy(initialDelaySeconds: 0.1, maximumDelaySeconds: 5, maximumAttempts: 12)

    /// The delay in seconds after failed attempt number `attempt` (1-based), or nil to give up.
    public func delay(afterAttempt attempt: Int) -> Double? {
        if let maximumAttempts, attempt >= maximumAttempts { return nil }
        let exponent = Double(max(0, attempt - 1))
        return min(maximumDelaySeconds, initialDelaySeconds * pow2(exponent))
    }

    private func pow2(_ x: Double) -> Double {
        x > 60 ? .infinity : Double(1 << Int(x))
    }
}
