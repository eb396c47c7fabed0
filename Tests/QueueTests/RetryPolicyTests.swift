import Queue
import Testing

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(baseSeconds: 2, multiplier: 2, maximumSeconds: 60, jitterFraction: 0.2)

    @Test func delayDoublesPerAttemptWithoutJitterAtMidpoint() {
        #expect(policy.delaySeconds(afterAttempt: 1, jitter: 0.5) == 2)
        #expect(policy.delaySeconds(afterAttempt: 2, jitter: 0.5) == 4)
        #expect(policy.delaySeconds(afterAttempt: 4, jitter: 0.5) == 16)
    }

    @Test func delayIsCappedAtMaximum() {
        #expect(policy.delaySeconds(afterAttempt: 10, jitter: 0.5) == 60)
        #expect(policy.delaySeconds(afterAttempt: 5000, jitter: 0.5) == 60)
    }

    @Test func jitterStaysWithinFraction() {
        #expect(abs(policy.delaySeconds(afterAttempt: 3, jitter: 0) - 6.4) < 1e-9)
        #expect(policy.delaySeconds(afterAttempt: 3, jitter: 0.999_999) < 9.6 + 1e-6)
        #expect(policy.delaySeconds(afterAttempt: 3, jitter: 0.999_999) > 9.59)
    }

    @Test func outOfRangeInputsAreClamped() {
        #expect(policy.delaySeconds(afterAttempt: 0, jitter: 0.5) == 2)
        #expect(policy.delaySeconds(afterAttempt: -3, jitter: 7) <= 2.4 + 1e-9)
    }
}
