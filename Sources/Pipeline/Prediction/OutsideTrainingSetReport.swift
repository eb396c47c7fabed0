import Catalogue
import Foundation
import SLAMNumerics
import Store

/// A model's stored `outside_training_set` decision (`model_outside_training_set`) as text, for
/// `slam model show`.
public enum OutsideTrainingSetReport {
    /// The decision's inside sample and rates, then per S/N bin (per pixel) the inside fits, the
    /// false-flag rate on them and the thresholds; nil when the model has no decision yet (it is
    /// calibrated by the model's first prediction batch). Throws ``PredictionError/corruptModel(_:reason:)``
    /// for a stored rule that does not decode.
    public static func load(modelID: Int, db: PostgresConnection) throws -> String? {
        guard let row = try OutsideTrainingSetQueries.rule(modelID: modelID, db: db) else { return nil }
        let rule: OutsideTrainingSetRule
        do { rule = try row.rule.decode(OutsideTrainingSetRule.self) } catch {
            throw PredictionError.corruptModel(modelID, reason: "model_outside_training_set.rule: \(error)")
        }
        return text(row, rule: rule)
    }

    /// The text of `row` with its decoded `rule`.
    static func text(_ row: OutsideTrainingSetRow, rule: OutsideTrainingSetRule) -> String {
        func percent(_ x: Double?) -> String { x.map { String(format: "%.1f%%", 100 * $0) } ?? "-" }
        var lines = [
            "outside_training_set (flag bit 12, rule version \(row.version)): \(row.insideFits) inside fits from \(row.insideSpectra) "
                + "member spectra, false-flag rate \(percent(row.falseFlagRate)) (aim \(percent(row.targetRate)) per S/N bin); "
                + "recall \(row.recall.map { percent($0) + " (" + (row.recallNote ?? "") + ")" } ?? "not measured (needs a truth: slam demo)")",
            (["S/N", "inside", "false"] + rule.statistics).joined(separator: "\t"),
        ]
        for bin in rule.bins {
            let range = bin.snrMax.map { String(format: "%.0f-%.0f", bin.snrMin, $0) } ?? String(format: ">= %.0f", bin.snrMin)
            lines.append(([range, String(bin.insideFits) + (bin.borrowed ? "*" : ""), percent(bin.falseFlagRate)]
                          + bin.thresholds.map { $0.map { String(format: "%.3g", $0) } ?? "-" }).joined(separator: "\t"))
        }
        if rule.bins.contains(where: \.borrowed) { lines.append("* too few inside fits: thresholds of the nearest bin with enough") }
        return lines.joined(separator: "\n")
    }
}
