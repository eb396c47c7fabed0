/// Retry timing: exponential backoff with jitter. A pure function of the attempt number and a
/// jitter draw, so it is tested without a server or a clock.
///
/// The delay after failed attempt `n` (1-based) is
/// `min(maximumSeconds, baseSeconds * multiplier^(n-1)) * (1 + jitterFraction * (2u - 1))`
/// for a uniform draw `u` in [0, 1): ±`jitterFraction` around the capped exponential, so workers
/// that failed together do not retry together.
public struct RetryPolicy: Sendable, Equatable {
    /// Delay after the first failed attempt, seconds.
    public var baseSeconds: Double
    /// Growth per attempt (> 1).
    public var multiplier: Double
    /// Cap of the un-jittered delay, seconds.
    public var maximumSeconds: Double
    /// Relative jitter amplitude in [0, 1).
    public var jitterFraction: Double

    /// A policy; preconditions: non-negative times, multiplier >= 1, jitter in [0, 1).
    public init(baseSeconds: Double = 2, multiplier: Double = 2, maximumSeconds: Double = 3600, jitterFraction: Double = 0.2) {
        precondition(baseSeconds >= 0 && multiplier >= 1 && maximumSeconds >= 0 && (0..<1).contains(jitterFraction),
                     "invalid RetryPolicy")
        self.baseSeconds = baseSeconds
        self.multiplier = multiplier
        self.maximumSeconds = maximumSeconds
        self.jitterFraction = jitterFraction
    }

    /// The default for production queues: 2 s, 4 s, 8 s ... capped at one hour, ±20 %.
    public static let standard = RetryPolicy()

    /// Seconds to wait after failed attempt `attempt` (1-based; values below 1 count as 1), for a
    /// jitter draw `unit` in [0, 1) (clamped).
    public func delaySeconds(afterAttempt attempt: Int, jitter unit: Double) -> Double {
        let exponent = Double(max(1, attempt) - 1)
        let raw = baseSeconds * pow(multiplier, exponent)
        let capped = raw.isFinite ? min(maximumSeconds, raw) : maximumSeconds
        let u = min(max(unit, 0), 0.999_999_999)
        return max(0, capped * (1 + jitterFraction * (2 * u - 1)))
    }

    private func pow(_ base: Double, _ exponent: Double) -> Double {
        var result = 1.0
        var remaining = Int(min(exponent, 2000))
        while remaining > 0 && result.isFinite {
            result *= base
            remaining -= 1
        }
        return result
    }
}
