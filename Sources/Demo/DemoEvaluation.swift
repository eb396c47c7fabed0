import Catalogue
import Formats
import Foundation
import Pipeline
import Report
import SLAMNumerics
import Store

/// SLAM labels against the mock survey's true labels, per S/N_g bin, for spectra whose true labels lie
/// inside the training set's label ranges (where the model is meant to be used; `DemoTrainingSupport`),
/// and how well the flags tell those from the spectra outside them (`OutsideFlagRates`).
public struct DemoEvaluation: Sendable {
    public var labelNames: [String]
    public var statistics: PrecisionStatistics
    public var count: Int
    /// Recall and false-flag rate of `outside_training_set` (bit 12), bit 7 and bit 3 per S/N_g bin.
    public var outsideFlags: OutsideFlagRates
    /// Published labels and first guess against the truth, per S/N_g bin (median and robust scatter);
    /// nil: not computed.
    public var estimators: EstimatorComparison? = nil

    static func evaluate(modelID: Int, truth: CatalogueTable, db: PostgresConnection) throws -> DemoEvaluation {
        guard let obsids = truth.int64s("obsid") else { throw PredictionError.unknownModel("truth.csv has no obsid column") }
        guard let names = try ModelQueries.model(id: modelID, db: db)?.labelNames else {
            throw PredictionError.unknownModel(String(modelID))
        }
        let l = names.count
        var truthByObsid: [Int64: [Double]] = [:]
        let columns = names.map { truth.doubles(truthColumn($0)) }
        for (i, id) in obsids.enumerated() {
            guard let id else { continue }
            let values = columns.map { $0?[i] ?? nil }
            if values.allSatisfy({ $0 != nil }) { truthByObsid[id] = values.map { $0! } }
        }
        let members = try EvaluationQueries.trainingSetMembers(modelID: modelID, db: db)
        let support = DemoTrainingSupport(members: members.map { $0.labels.map(Double.init) }, labelCount: l)
        // The reference labels the model learned against the truth, over the members that have one.
        let compared = members.compactMap { m in truthByObsid[m.obsid].map { (m.labels.map(Double.init), $0) } }
        let referenceOffset = EstimatorComparison.ReferenceOffset(reference: compared.flatMap(\.0), truth: compared.flatMap(\.1),
                                                                  labelCount: l)
        var predicted: [Double] = [], reference: [Double] = [], errors: [Double] = [], snr: [Double] = []
        var flagSNR: [Double] = [], flagRegions: [OutsideFlagRates.TrueRegion] = [], flags: [Int] = []
        var firstGuess: [Double] = [], maximumLikelihood: [Double] = [], anyMaximumLikelihood = false
        for r in try EvaluationQueries.predictions(modelID: modelID, db: db) {
            guard let t = truthByObsid[r.obsid] else { continue }
            let region = support.region(t)
            let inside = region != .outsideRanges
            flagSNR.append(r.snrg ?? .nan)
            flagRegions.append(region)
            flags.append(r.flags)
            guard inside else { continue }
            predicted += r.labels
            firstGuess += r.firstGuess.flatMap { $0.count == l ? $0 : nil } ?? [Double](repeating: .nan, count: l)
            // No ml_labels: the published labels are the fit itself.
            maximumLikelihood += r.maximumLikelihood.flatMap { $0.count == l ? $0 : nil } ?? r.labels
            anyMaximumLikelihood = anyMaximumLikelihood || r.maximumLikelihood != nil
            errors += r.formalErrors
            reference += t
            snr.append(r.snrg ?? 0)
        }
        let edges = ModelTrainingSettings().snrBinEdges
        let statistics = try PrecisionStatistics(predicted: predicted, reference: reference, formalErrors: errors, snr: snr,
                                                 count: snr.count, labelCount: l, binEdges: edges + [ModelTrainingSettings.openUpperEdge])
        let rates = OutsideFlagRates(snr: flagSNR, regions: flagRegions, flags: flags, edges: edges)
        if rates.overall.outside > 0 {
            try OutsideTrainingSetQueries.recordRecall(
                modelID: modelID, recall: rates.overall.recall(0),
                note: "demo mock survey: \(rates.overall.outside) spectra with true labels outside the training set's label ranges "
                    + "(DemoTrainingSupport); false-flag rate on the \(rates.overall.inside) on its support: "
                    + OutsideFlagRates.percent(rates.overall.falseFlagRate(0)) + "; flagged among the \(rates.overall.offSupport) "
                    + "inside the ranges but far from every training star: " + OutsideFlagRates.percent(rates.overall.offSupportRate(0)),
                db: db)
        }
        var estimators = EstimatorComparison(labelNames: names, published: predicted,
                                             maximumLikelihood: anyMaximumLikelihood ? maximumLikelihood : nil,
                                             firstGuess: firstGuess, truth: reference,
                                             snr: snr, binEdges: edges + [ModelTrainingSettings.openUpperEdge])
        estimators.referenceOffset = referenceOffset.count > 0 ? referenceOffset : nil
        return DemoEvaluation(labelNames: names, statistics: statistics, count: snr.count, outsideFlags: rates,
                              estimators: estimators)
    }

    /// The truth column of a label: the mock survey has one metallicity, so LASP's [Fe/H] is compared
    /// with the true [M/H].
    static func truthColumn(_ label: String) -> String {
        label == "feh" || label == "fe_h" ? "m_h" : label
    }

    /// Plain-text table: bias ± scatter per label and S/N bin, then all spectra; `-` where a bin cannot
    /// give both (one spectrum has no scatter), as in the cross-validation table.
    public var text: String {
        func line(_ range: String, _ bin: PrecisionStatistics.Bin) -> String {
            let cells = zip(labelNames, bin.labels).map { name, s in
                s.bias.isFinite && s.scatter.isFinite
                    ? String(format: name == "teff" ? "%.0f ± %.0f" : "%.3f ± %.3f", s.bias, s.scatter) : "-"
            }
            return ([range, String(bin.count)] + cells).joined(separator: "\t")
        }
        var lines = [(["S/N_g", "n"] + labelNames).joined(separator: "\t")]
        for bin in statistics.bins where bin.count > 0 {
            lines.append(line(bin.upperSNR < ModelTrainingSettings.openUpperEdge ? String(format: "%.0f-%.0f", bin.lowerSNR, bin.upperSNR)
                                                    : String(format: ">= %.0f", bin.lowerSNR), bin))
        }
        lines.append(line("all", statistics.overall))
        return lines.joined(separator: "\n")
    }
}
