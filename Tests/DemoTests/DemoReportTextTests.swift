import Foundation
@testable import Demo
import Report
import Testing

/// The demo's plain-text report: the run, stage timings in aligned columns, each application's tables
/// (with the paper's scatter of that application), and the machine.
@Suite struct DemoReportTextTests {
    static let settings = DemoSettings(stars: 300, seed: 7, output: URL(fileURLWithPath: "/demo"),
                                       hyperparameters: DemoSettings.defaultFixed)
    static let stages = [DemoStage(name: "ingest", detail: "300 files", seconds: 12.34),
                         DemoStage(name: "train", detail: "model 3", seconds: 456.78)]

    static func lines(applications: [DemoApplication]) throws -> [String] {
        let result = DemoResult(modelID: 3, stages: stages, crossValidation: DemoFactories.precisionTable(),
                                truth: try DemoFactories.evaluation(), applications: applications)
        return DemoReportText.render(result, settings: settings, seconds: 470.05).components(separatedBy: "\n")
    }

    @Test func theRunAndItsStagesComeFirstInAlignedColumns() throws {
        let lines = try Self.lines(applications: [])
        #expect(Array(lines.prefix(6)) == [
            "SLAM demo: 300 stars, seed 7, model 3",
            "",
            "Stages (wall-clock seconds):",
            "  ingest            12.3  300 files",
            "  train            456.8  model 3",
            "  total            470.1",
        ])
        #expect(lines.last?.hasPrefix("Machine: ") == true)
        #expect(lines.last?.contains(" cores, ") == true)
    }

    @Test func withoutApplicationsTheResultsOwnTablesAreShownAgainstAPOGEE() throws {
        let lines = try Self.lines(applications: [])
        let body = lines.dropFirst(6).dropLast().joined(separator: "\n")
        #expect(body == """

            Cross-validated precision, SLAM - APOGEE (bias ± scatter), with the paper's scatter at S/N ~ 100:
            \(DemoFactories.precisionTable().text)

            SLAM - true labels of the mock survey (spectra inside the training label ranges):
            \(try DemoFactories.evaluation().text)

            \(DemoReportText.outsideFlagsHeading)
            \(DemoFactories.outsideFlags().text)

            """)
    }

    @Test func eachApplicationHasItsSectionWithItsReferenceAndThePapersScatter() throws {
        let kGiants = try DemoFactories.application(.apogee, modelID: 3, labels: ["teff", "logg", "m_h"], members: 250)
        let afgk = try DemoFactories.application(.lasp, modelID: 4, labels: ["teff", "logg", "feh"], members: 120)
        let body = try Self.lines(applications: [kGiants, afgk]).dropFirst(6).dropLast().joined(separator: "\n")
        let laspTable = afgk.crossValidation.text.components(separatedBy: "\n").dropLast().joined(separator: "\n")
        #expect(body == """

            Application 1: K giants with APOGEE DR15 labels (label set apogee-dr17, model 3, 250 training spectra)
            Cross-validated precision, SLAM - APOGEE (bias ± scatter):
            \(kGiants.crossValidation.text)
            SLAM - true labels of the mock survey (spectra inside the training label ranges):
            \(kGiants.truth.text)
            \(DemoReportText.outsideFlagsHeading)
            \(kGiants.truth.outsideFlags.text)

            Application 2: AFGK stars with LAMOST LASP labels (label set lasp-dr5, model 4, 120 training spectra)
            Cross-validated precision, SLAM - LASP (bias ± scatter):
            \(laspTable)
            paper\tS/N>100\t50\t0.090\t0.070
            SLAM - true labels of the mock survey (spectra inside the training label ranges):
            \(afgk.truth.text)
            \(DemoReportText.outsideFlagsHeading)
            \(afgk.truth.outsideFlags.text)

            """)
    }

    @Test func theKGiantTableKeepsThePapersLineAtSignalToNoise100() throws {
        let kGiants = try DemoFactories.application(.apogee, modelID: 3, labels: ["teff", "logg", "m_h"], members: 250)
        let text = DemoReportText.crossValidationText(kGiants)
        #expect(text == kGiants.crossValidation.text)
        #expect(text.hasSuffix("\npaper\tS/N~100\t49\t0.100\t0.037"))
    }

    @Test func aLASPLabelWithoutAPaperFigureShowsADash() throws {
        let afgk = try DemoFactories.application(.lasp, modelID: 4, labels: ["teff", "vsini", "feh"], members: 120)
        #expect(DemoReportText.crossValidationText(afgk).hasSuffix("\npaper\tS/N>100\t50\t-\t0.070"))
    }

    /// The estimator table's heading names its last line when the training set's reference offset is shown.
    @Test func theEstimatorTableSaysWhatItsMembersLineIs() throws {
        var evaluation = try DemoFactories.evaluation()
        var table = EstimatorComparison(labelNames: ["teff"], published: [4510], firstGuess: [4400], truth: [4500], snr: [15],
                                        binEdges: [10, 20])
        evaluation.estimators = table
        #expect(DemoReportText.estimatorLines(evaluation).first?.hasSuffix("median / robust scatter:") == true)
        table.referenceOffset = EstimatorComparison.ReferenceOffset(reference: [4540], truth: [4500], labelCount: 1)
        evaluation.estimators = table
        let lines = DemoReportText.estimatorLines(evaluation)
        #expect(lines.first?.hasSuffix("; last line: the training set's reference labels - truth, the offset of the scale the model learns:") == true)
        #expect(lines.last?.hasSuffix("\nmembers\t1\treference\t+40 / 0") == true)
    }
}
