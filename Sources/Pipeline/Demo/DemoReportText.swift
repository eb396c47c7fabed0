import Foundation

/// The demo's plain-text report: stage timings, the cross-validated precision table beside the paper's
/// figures, and the precision against the mock survey's truth.
public enum DemoReportText {
    public static func render(_ result: DemoResult, settings: DemoSettings, seconds: Double) -> String {
        var lines = ["SLAM demo: \(settings.stars) stars, seed \(settings.seed), model \(result.modelID)", "",
                     "Stages (wall-clock seconds):"]
        func pad(_ text: String) -> String { text.padding(toLength: 14, withPad: " ", startingAt: 0) }
        for s in result.stages { lines.append("  " + pad(s.name) + String(format: "%8.1f  ", s.seconds) + s.detail) }
        lines.append("  " + pad("total") + String(format: "%8.1f", seconds))
        lines += ["", "Cross-validated precision, SLAM - APOGEE (bias ± scatter), with the paper's scatter at S/N ~ 100:",
                  result.crossValidation.text, "",
                  "SLAM - true labels of the mock survey (spectra inside the training label ranges):",
                  result.truth.text, "",
                  "Machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory >> 30) GiB, \(ProcessInfo.processInfo.operatingSystemVersionString)"]
        return lines.joined(separator: "\n")
    }
}
