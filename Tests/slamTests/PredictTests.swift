import SLAMNumerics
@testable import slam
import Testing

/// `slam predict` (Predict.swift), with the fit options (FitOptions.swift) it shares with `slam posterior`.
@Suite struct PredictTests {
    @Test func parsesItsOptions() throws {
        let predict = try SLAMParsing.parse(["predict", "--model", "3", "--label-set", "apogee-dr15", "--where", "snrg > 20 AND class = 'STAR'",
                                             "--batch-size", "100", "--loss", "huber:2", "--robust-solver", "reweighting",
                                             "--robust-rounds", "3", "--starts", "4", "--store-spectra", "--wait"], as: Predict.self)
        #expect(predict.model == "3" && predict.labelSet == "apogee-dr15")
        #expect(predict.filter == "snrg > 20 AND class = 'STAR'")
        #expect(predict.batchSize == 100 && predict.storeSpectra && predict.waiting.wait)
        let settings = try predict.fit.settings()
        #expect(settings.loss.hasPrefix("huber"))
        #expect(settings.robustSolver == "reweighting" && settings.robustRounds == 3 && settings.starts == 4)
    }

    @Test func parsesTheContinuumCorrection() throws {
        let three = try SLAMParsing.parse(["predict", "--continuum-degree", "3", "--continuum-rounds", "4"], as: Predict.self)
        let settings = try three.fit.settings()
        #expect(settings.continuumDegree == 3 && settings.continuumRounds == 4)
        #expect(try settings.options().continuumDegree == 3)
        #expect(settings.continuumStart == "first_guess")
        let plain = try SLAMParsing.parse(["predict", "--continuum-start", "plain_fit", "--continuum-rounds", "2"], as: Predict.self)
        #expect(try plain.fit.settings().options().continuumStart == .plainFit)
        let none = try SLAMParsing.parse(["predict", "--continuum-degree", "none"], as: Predict.self)
        #expect(try none.fit.settings().continuumDegree == nil)
    }

    @Test func parsesTheEstimate() throws {
        let posterior = try SLAMParsing.parse(["predict", "--estimate", "posterior_mean:2.0"], as: Predict.self)
        #expect(try posterior.fit.settings().estimate == "posterior_mean:2")  // canonical: one settings row per value
        let plain = try SLAMParsing.parse(["predict", "--estimate", "ml"], as: Predict.self)
        #expect(try plain.fit.settings().options().estimate == .maximumLikelihood)
        #expect(try SLAMParsing.parse(["predict"], as: Predict.self).fit.settings().estimate == "posterior_mean:1")
    }

    @Test func defaults() throws {
        let predict = try SLAMParsing.parse(["predict"], as: Predict.self)
        #expect(predict.model == "current" && predict.labelSet == nil && predict.filter == "")
        #expect(predict.batchSize == 500 && !predict.storeSpectra)
        #expect(predict.fit.loss == nil && predict.fit.robustSolver == nil && predict.fit.robustRounds == nil && predict.fit.starts == nil)
        #expect(predict.fit.continuumDegree == nil && predict.fit.continuumRounds == nil && predict.fit.continuumStart == nil)
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["predict", "--batch-size", "0"], saying: "--batch-size must be 1...100000")
        SLAMParsing.expectRejected(["predict", "--where", "foo > 2"], saying: "filter 'foo > 2' is not accepted", "unknown column 'foo'")
        SLAMParsing.expectRejected(["predict", "--where", "snrg >> 2"], saying: "filter 'snrg >> 2' is not accepted")
        SLAMParsing.expectRejected(["predict", "--loss", "cauchy"], saying: "--loss cauchy: expected linear, soft_l1:S or huber:S")
        SLAMParsing.expectRejected(["predict", "--robust-solver", "newton"], saying: "--robust-solver newton: expected transform or reweighting")
        SLAMParsing.expectRejected(["predict", "--robust-rounds", "51"], saying: "--robust-rounds must be 0...50")
        SLAMParsing.expectRejected(["predict", "--starts", "0"], saying: "--starts must be 1...50")
        SLAMParsing.expectRejected(["predict", "--continuum-degree", "11"], saying: "--continuum-degree 11: expected 0...10 or none")
        SLAMParsing.expectRejected(["predict", "--continuum-rounds", "0"], saying: "--continuum-rounds must be 1...10")
        SLAMParsing.expectRejected(["predict", "--continuum-start", "template"], saying: "--continuum-start template: expected first_guess or plain_fit")
        SLAMParsing.expectRejected(["predict", "--estimate", "median"], saying: "--estimate median: expected ml or posterior_mean:S with S > 0")
        SLAMParsing.expectRejected(["predict", "--estimate", "posterior_mean:0"], saying: "--estimate posterior_mean:0: expected ml or posterior_mean:S with S > 0")
    }
}
