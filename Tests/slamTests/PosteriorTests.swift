@testable import slam
import Testing

/// `slam posterior` (Posterior.swift).
@Suite struct PosteriorTests {
    @Test func parsesObsidsAndTheSampler() throws {
        let posterior = try SLAMParsing.parse(["posterior", "--obsid", "101", "102", "--model", "4", "--label-set", "lasp-dr5",
                                               "--walkers", "16", "--steps", "300", "--burn-in", "100", "--seed", "9",
                                               "--loss", "soft_l1:3", "--work", "1"], as: Posterior.self)
        #expect(posterior.obsids == [101, 102] && posterior.filter == nil)
        #expect(posterior.model == "4" && posterior.labelSet == "lasp-dr5" && posterior.waiting.work == 1)
        let sampler = posterior.sampler
        #expect(sampler.walkers == 16 && sampler.steps == 300 && sampler.burnIn == 100 && sampler.seed == 9)
        #expect(try posterior.fit.settings().loss.hasPrefix("soft_l1"))
    }

    @Test func parsesAFilterInsteadOfObsids() throws {
        let posterior = try SLAMParsing.parse(["posterior", "--where", "snrg > 50"], as: Posterior.self)
        #expect(posterior.obsids.isEmpty && posterior.filter == "snrg > 50" && posterior.model == "current")
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["posterior"], saying: "give either --obsid ID... or --where FILTER")
        SLAMParsing.expectRejected(["posterior", "--obsid", "1", "--where", "snrg > 5"], saying: "give either --obsid ID... or --where FILTER")
        SLAMParsing.expectRejected(["posterior", "--obsid", "x"], saying: "The value 'x' is invalid for '--obsid <obsid>'")
        SLAMParsing.expectRejected(["posterior", "--obsid", "1", "--walkers", "3"], saying: "walkers = 3", "even number")
        SLAMParsing.expectRejected(["posterior", "--where", "bogus = 1"], saying: "unknown column 'bogus'")
        SLAMParsing.expectRejected(["posterior", "--obsid", "1", "--starts", "99"], saying: "--starts must be 1...50")
    }
}
