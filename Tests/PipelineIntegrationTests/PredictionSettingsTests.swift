import Foundation
import Pipeline
import SLAMNumerics
import Testing

@Suite("Prediction settings as stored with each prediction run")
struct PredictionSettingsTests {
    @Test func newSettingsUseTheTransformSolverAndRoundTrip() throws {
        let settings = PredictionSettings()
        #expect(settings.robustSolver == "transform")
        let decoded = try JSONDecoder().decode(PredictionSettings.self, from: JSONEncoder().encode(settings))
        #expect(decoded == settings)
        #expect(try decoded.options().robustSolver == .transform)
    }

    /// Runs stored before the transform solver existed have `robustRounds` and no `robustSolver`: they
    /// were fitted by reweighting, and their settings must keep saying so.
    @Test func storedSettingsWithoutASolverWereReweighting() throws {
        let legacy = #"{"loss":"soft_l1:3","robustRounds":3,"starts":1,"precision":"single"}"#
        let decoded = try JSONDecoder().decode(PredictionSettings.self, from: Data(legacy.utf8))
        #expect(decoded.robustSolver == "reweighting")
        #expect(try decoded.options().robustSolver == .reweighting)
        let minimal = try JSONDecoder().decode(PredictionSettings.self, from: Data(#"{"loss":"linear"}"#.utf8))
        #expect(minimal.robustSolver == "transform")
    }

    @Test func anUnknownSolverIsRefused() throws {
        var settings = PredictionSettings()
        settings.robustSolver = "newton"
        #expect(throws: PredictionError.self) { try settings.options() }
    }

    @Test func continuumCorrectionRoundTripsThroughStoredJSON() throws {
        var settings = PredictionSettings()
        settings.continuumDegree = 3
        settings.continuumRounds = 1
        let decoded = try JSONDecoder().decode(PredictionSettings.self, from: JSONEncoder().encode(settings))
        #expect(decoded == settings)
        #expect(try decoded.options().continuumDegree == 3 && decoded.options().continuumRounds == 1)
    }

    @Test func continuumStartRoundTripsAndStoredSettingsWithoutItStartedFromThePlainFit() throws {
        var settings = PredictionSettings()
        #expect(settings.continuumStart == "first_guess" && settings.continuumRounds == 1)
        settings.continuumStart = "plain_fit"
        let decoded = try JSONDecoder().decode(PredictionSettings.self, from: JSONEncoder().encode(settings))
        #expect(decoded == settings)
        #expect(try decoded.options().continuumStart == .plainFit)
        let old = Data(#"{"loss":"soft_l1:3","continuumDegree":2,"continuumRounds":2}"#.utf8)
        let legacy = try JSONDecoder().decode(PredictionSettings.self, from: old)
        #expect(legacy.continuumStart == "plain_fit" && legacy.continuumRounds == 2)
        settings.continuumStart = "template"
        #expect(throws: PredictionError.self) { try settings.options() }
    }

    @Test func storedSettingsWithoutTheKeyHadNoContinuumCorrection() throws {
        let old = Data(#"{"loss":"soft_l1:3","robustSolver":"transform","starts":1}"#.utf8)
        let decoded = try JSONDecoder().decode(PredictionSettings.self, from: old)
        #expect(decoded.continuumDegree == nil)
        #expect(try decoded.options().continuumDegree == nil)
    }

    @Test func defaultsAreTheCataloguesWithTheContinuumCorrection() {
        #expect(PredictionSettings().continuumDegree == 2)
        #expect(PredictionSettings().continuumRounds == PredictionOptions().continuumRounds)
        #expect(PredictionOptions().continuumDegree == nil)
        #expect(PredictionSettings() == PredictionSettings(.catalogue))
    }

    @Test func estimateRoundTripsAndStoredSettingsWithoutItPublishedTheFit() throws {
        var settings = PredictionSettings()
        settings.estimate = "posterior_mean:2"
        let decoded = try JSONDecoder().decode(PredictionSettings.self, from: JSONEncoder().encode(settings))
        #expect(decoded == settings)
        #expect(try decoded.options().estimate == .posteriorMean(likelihoodScale: 2))
        let old = try JSONDecoder().decode(PredictionSettings.self, from: Data(#"{"loss":"soft_l1:3","continuumDegree":2}"#.utf8))
        #expect(old.estimate == "ml")
        #expect(try old.options().estimate == .maximumLikelihood)
        settings.estimate = "median"
        #expect(throws: PredictionError.self) { try settings.options() }
    }

    @Test func theCataloguePublishesThePosteriorMean() {
        #expect(PredictionOptions().estimate == .maximumLikelihood)
        #expect(PredictionSettings().estimate == PredictionOptions.catalogue.estimate.name)
        guard case .posteriorMean = PredictionOptions.catalogue.estimate else {
            Issue.record("catalogue estimate \(PredictionOptions.catalogue.estimate)"); return
        }
    }
}
