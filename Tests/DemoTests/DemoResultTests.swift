import Foundation
@testable import Demo
import Report
import Testing

/// What a demo run produced: its first application is the result's own model and tables, any further
/// application gets a section of its own in the report.
@Suite struct DemoResultTests {
    static func result(applications: [DemoApplication] = []) throws -> DemoResult {
        var result = DemoResult(modelID: 3, stages: [DemoStage(name: "ingest", detail: "12 files", seconds: 1.5)],
                                crossValidation: DemoFactories.precisionTable(), truth: try DemoFactories.evaluation())
        result.applications = applications
        return result
    }

    @Test func aResultStartsWithoutFurtherApplicationsOrBalance() throws {
        let result = DemoResult(modelID: 3, stages: [], crossValidation: DemoFactories.precisionTable(),
                                truth: try DemoFactories.evaluation())
        #expect(result.applications.isEmpty)
        #expect(result.balance == nil)
    }

    @Test func theReportShowsTheFirstApplicationAsTheResultAndTheOthersAsSections() throws {
        let result = try Self.result(applications: [
            DemoFactories.application(.apogee, modelID: 3, labels: ["teff", "logg", "m_h"], members: 250),
            DemoFactories.application(.lasp, modelID: 4, labels: ["teff", "logg", "feh"], members: 120),
        ])
        let settings = DemoSettings(stars: 300, seed: 7, output: URL(fileURLWithPath: "/demo"), hyperparameters: DemoSettings.defaultFixed)
        let run = DemoReportRun(result: result, settings: settings, seconds: 95)
        #expect((run.modelID, run.stars, run.seed, run.folds, run.seconds) == (3, 300, 7, 5, 95))
        #expect(run.applications.map(\.id) == ["lasp"])
        #expect(run.applications.map(\.modelID) == [4])
        #expect(run.stages.map(\.name) == ["ingest"])
        #expect(run.crossValidation.labelNames == ["teff", "logg", "m_h"])
    }

    @Test func theEstimatorTablesOfEachApplicationReachTheReport() throws {
        let table = EstimatorComparison(labelNames: ["teff", "m_h"], published: [4510, -0.4], firstGuess: [4400, -0.6],
                                        truth: [4500, -0.5], snr: [15], binEdges: [10, 20])
        var result = try Self.result(applications: [
            DemoFactories.application(.apogee, modelID: 3, labels: ["teff", "logg", "m_h"], members: 250),
            DemoFactories.application(.lasp, modelID: 4, labels: ["teff", "logg", "feh"], members: 120),
        ])
        result.truth.estimators = table
        result.applications[1].truth.estimators = table
        let settings = DemoSettings(stars: 300, seed: 7, output: URL(fileURLWithPath: "/demo"), hyperparameters: DemoSettings.defaultFixed)
        let run = DemoReportRun(result: result, settings: settings, seconds: 95)
        #expect(run.estimators == table)
        #expect(run.applications.map(\.estimators) == [table])
        let without = DemoReportRun(result: try Self.result(), settings: settings, seconds: 95)
        #expect(without.estimators == nil)
    }
}
