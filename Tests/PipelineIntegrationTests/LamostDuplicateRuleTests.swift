import Testing
@testable import Pipeline

/// The duplicate-OBSID rule as a pure decision (no database).
@Suite struct LamostDuplicateRuleTests {
    typealias Candidate = LamostDuplicateRule.Candidate

    static func candidate(_ path: String, release: String? = "LAMOST DR5", version: String? = "v2.9.7",
                          job: Int64? = nil, position: Int? = nil) -> Candidate {
        Candidate(path: path, sha256: path, dataRelease: release, pipelineVersion: version, jobID: job, position: position)
    }

    @Test func releaseAndVersionAreReadAsNumbers() {
        #expect(LamostDuplicateRule.releaseNumber("LAMOST DR10") == 10)
        #expect(LamostDuplicateRule.releaseNumber("LAMOST DR9 v2.0") == 9)
        #expect(LamostDuplicateRule.releaseNumber(nil) == nil)
        #expect(LamostDuplicateRule.versionNumbers("v2.9.10") == [2, 9, 10])
        #expect(LamostDuplicateRule.versionNumbers("none") == nil)
    }

    @Test func higherReleaseThenNewerPipelineThenFirstIngestedWins() {
        #expect(LamostDuplicateRule.pick(Self.candidate("a", release: "LAMOST DR10"), Self.candidate("b", release: "LAMOST DR9")).challengerWins)
        #expect(!LamostDuplicateRule.pick(Self.candidate("a", release: nil), Self.candidate("b")).challengerWins)
        #expect(LamostDuplicateRule.pick(Self.candidate("a", version: "v2.9.10"), Self.candidate("b", version: "v2.9.8")).challengerWins)
        #expect(!LamostDuplicateRule.pick(Self.candidate("a", version: "v2.9.7"), Self.candidate("b", version: "v2.9.8")).challengerWins)
        // Ties: the stored one stays, unless the challenger's job was enqueued first or it is earlier in the batch.
        #expect(!LamostDuplicateRule.pick(Self.candidate("a"), Self.candidate("b")).challengerWins)
        #expect(!LamostDuplicateRule.pick(Self.candidate("a", job: 5), Self.candidate("b")).challengerWins)
        #expect(LamostDuplicateRule.pick(Self.candidate("a", job: 5), Self.candidate("b", job: 6)).challengerWins)
        #expect(!LamostDuplicateRule.pick(Self.candidate("a", job: 7), Self.candidate("b", job: 6)).challengerWins)
        #expect(LamostDuplicateRule.pick(Self.candidate("a", job: 6, position: 1), Self.candidate("b", job: 6, position: 4)).challengerWins)
        #expect(!LamostDuplicateRule.pick(Self.candidate("a", job: 6, position: 4), Self.candidate("b", job: 6, position: 1)).challengerWins)
    }
}

extension LamostDuplicateRule {
    static func pick(_ challenger: Candidate, _ incumbent: Candidate) -> Decision {
        decide(challenger: challenger, incumbent: incumbent)
    }
}
