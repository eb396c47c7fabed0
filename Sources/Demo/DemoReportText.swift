import Foundation
import Pipeline

/// The demo's plain-text report: stage timings, the cross-validated precision table beside the paper's
/// figures, and the precision against the mock survey's truth.
public enum DemoReportText {
    public static func render(_ result: DemoResult, settings: DemoSettings, seconds: Double) -> String {
        var lines = ["SLAM demo: \(settings.stars) stars, seed \(settings.seed), model \(result.modelID)", "",
                     "Stages (wall-clock seconds):"]
        func pad(_ text: String) -> String { text.padding(toLength: 14, withPad: " ", startingAt: 0) }
        for s in result.stages { lines.append("  " + pad(s.name) + String(format: "%8.1f  ", s.seconds) + s.detail) }
        lines.append("  " + pad("total") + String(format: "%8.1f", seconds))
        let applications = result.applications.isEmpty
            ? [nil] : result.applications.map { Optional($0) }
        for (k, application) in applications.enumerated() {
            guard let application else {
                lines += ["", "Cross-validated precision, SLAM - APOGEE (bias ± scatter), with the paper's scatter at S/N ~ 100:",
                          result.crossValidation.text, "",
                          "SLAM - true labels of the mock survey (spectra inside the training label ranges):", result.truth.text,
                          "", outsideFlagsHeading, result.truth.outsideFlags.text]
                    + estimatorLines(result.truth)
                continue
            }
            lines += ["", "Application \(k + 1): \(application.title) (label set \(application.labelSet), model \(application.modelID), "
                          + "\(application.trainingSet.members) training spectra)",
                      "Cross-validated precision, SLAM - \(application.referenceName) (bias ± scatter):",
                      crossValidationText(application),
                      "SLAM - true labels of the mock survey (spectra inside the training label ranges):", application.truth.text,
                      outsideFlagsHeading, application.truth.outsideFlags.text]
                + estimatorLines(application.truth)
        }
        lines += ["",
                  "Machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory >> 30) GiB, \(ProcessInfo.processInfo.operatingSystemVersionString)"]
        return lines.joined(separator: "\n")
    }

    /// Heading of the flag table: what recall and false-flag rate mean here.
    static let outsideFlagsHeading = "Stars unlike the training set: recall (outside spectra flagged) and false-flag rate (inside spectra flagged) "
        + "per S/N_g, outside = true labels beyond the training set's label ranges, inside = on its support (within the ranges "
        + "and near training stars); off support = within the ranges but far from every training star (bit 7's test on the "
        + "true labels), counted apart:"

    /// The published labels beside the maximum-likelihood fit and the first guess against the truth (median /
    /// robust scatter), when computed.
    static func estimatorLines(_ evaluation: DemoEvaluation) -> [String] {
        guard let table = evaluation.estimators else { return [] }
        let estimates = table.showsMaximumLikelihood
            ? "Published labels (posterior mean under the training set's label density), ML fit (with the continuum correction)"
            : "Published labels (ML fit with the continuum correction)"
        let reference = table.referenceOffset == nil ? ""
            : "; last line: the training set's reference labels - truth, the offset of the scale the model learns"
        return [estimates + " and first guess (nearest template) - truth, median / robust scatter" + reference + ":", table.text]
    }

    /// The application's cross-validation table, its last line the paper's scatter for this application.
    static func crossValidationText(_ application: DemoApplication) -> String {
        var lines = application.crossValidation.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if application.kind != .apogee, let last = lines.last, last.hasPrefix("paper") {
            lines[lines.count - 1] = (["paper", "S/N>100"] + application.crossValidation.labelNames.map { name in
                application.paperScatter[name].map { String(format: $0 >= 1 ? "%.0f" : "%.3f", $0) } ?? "-"
            }).joined(separator: "\t")
        }
        return lines.joined(separator: "\n")
    }
}
