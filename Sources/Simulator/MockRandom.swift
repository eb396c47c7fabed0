import Foundation

/// A small, fast, seeded pseudo-random generator (xoshiro256**, seeded through SplitMix64) for the mock
/// survey. Never the system RNG: every draw is a pure function of the seed and the stream keys, so the same
/// seed gives the same survey byte for byte, whatever the scheduling.
///
/// A generator is a value type: copy it to fork a stream, or derive independent streams with
/// `init(seed:streams:)` from (survey seed, star index, observation index, purpose).
public struct MockRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator seeded from `seed` and any number of stream keys (e.g. star index, purpose tag).
    /// Different key sequences give statistically independent streams.
    public init(seed: UInt64, streams: UInt64...) {
        var h = MockRandom.splitMix(seed ^ 0x5EED_5A1A_0000_0001)
        for key in streams { h = MockRandom.splitMix(h ^ MockRandom.splitMix(key &+ 0x9E37_79B9_7F4A_7C15)) }
        var x = h
        s0 = MockRandom.splitMixAdvance(&x)
        s1 = MockRandom.splitMixAdvance(&x)
        s2 = MockRandom.splitMixAdvance(&x)
        s3 = MockRandom.splitMixAdvance(&x)
    }

    @inline(__always) private static func splitMix(_ v: UInt64) -> UInt64 {
        var z = v &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always) private static func splitMixAdvance(_ x: inout UInt64) -> UInt64 {
        x = x &+ 0x9E37_79B9_7F4A_7C15
        return splitMix(x &- 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    @inline(__always) public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// Uniform in [0, 1), 53 random bits.
    @inline(__always) public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in [lower, upper).
    @inline(__always) public mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * uniform()
    }

    /// Standard normal deviate (Box-Muller; one of the pair is discarded so that the stream stays a
    /// simple function of the number of calls).
    @inline(__always) public mutating func gaussian() -> Double {
        let u1 = max(uniform(), 0x1.0p-60)
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Normal deviate with the given mean and standard deviation.
    @inline(__always) public mutating func gaussian(mean: Double, sigma: Double) -> Double {
        mean + sigma * gaussian()
    }

    /// True with probability `p`.
    @inline(__always) public mutating func bernoulli(_ p: Double) -> Bool { uniform() < p }

    /// Uniform integer in `range` (which must not be empty).
    public mutating func integer(in range: ClosedRange<Int>) -> Int {
        precondition(!range.isEmpty)
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % width)
    }

    /// Log-uniform deviate in [lower, upper) (both positive).
    public mutating func logUniform(_ lower: Double, _ upper: Double) -> Double {
        exp(uniform(log(lower), log(upper)))
    }

    /// Exponential deviate with the given mean.
    public mutating func exponential(mean: Double) -> Double {
        -mean * log(max(1 - uniform(), 0x1.0p-60))
    }
}

