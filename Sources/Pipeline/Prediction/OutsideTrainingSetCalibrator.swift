import Catalogue
import Foundation
import SLAMNumerics
import Store

/// Calibrates a model's `outside_training_set` decision (issue 20; `OutsideTrainingSetRule`, flag bit 12)
/// on inside fits, without any truth of the survey: the training set's held-out members (never trained
/// on), each predicted by the model as observed and as noisier copies at the S/N of every lower S/N bin
/// (`SpectrumDegrader`; each copy normalised again by the preprocessor, so that it carries the continuum
/// error of its S/N), since training stars are bright and survey spectra are not. The thresholds are
/// the inside quantiles that flag at most `targetRate` of these fits per S/N bin.
///
/// When the set has fewer than `minimumHeldOut` held-out members with spectra, training members make up
/// the number; the model has seen those, so each gets noise of the model's own CV MSE per pixel first
/// (`SpectrumDegrader.withModelError`), the error an unseen star's fit has. At most `maximumSpectra`
/// members are used (a seeded choice).
public struct OutsideTrainingSetCalibrator: Sendable {
    /// Seed of the member choice and of the degradation noise.
    public var seed: UInt64 = 20
    /// Held-out members wanted before training members are added.
    public var minimumHeldOut = 100
    /// Most member spectra used (each gives up to one fit per S/N bin).
    public var maximumSpectra = 300
    /// The false-flag rate aimed at per S/N bin.
    public var targetRate = 0.05

    public init() {}

    /// The method text stored with the rule.
    public var method: String {
        "slam-outside/\(OutsideTrainingSetRule.currentVersion) neighbour_distance floored at the support threshold; held-out members (training members when fewer than \(minimumHeldOut)), "
            + "at most \(maximumSpectra), training members with CV-MSE noise added and their own label left out of neighbour_distance, each also degraded to one S/N per lower bin "
            + "(log-uniform, >= \(Int(SpectrumDegrader.lowestSNR)), normalised again); "
            + "seed \(seed); statistics \(OutsideTrainingSetRule.defaultStatistics.joined(separator: ","))"
    }

    /// The calibrated rule of the model `loaded` and the row to store, predicting with `predictor` and
    /// `templates` (the ones the prediction uses). Throws ``PredictionError`` for an unknown model or an
    /// inference problem of the whole batch.
    public func calibrate(_ loaded: ModelStore.LoadedModel, predictor: SLAMPredictor, templates: TemplateLibrary,
                          db: PostgresConnection) throws -> (rule: OutsideTrainingSetRule, row: OutsideTrainingSetRow) {
        guard let model = try ModelQueries.model(id: loaded.modelID, db: db) else {
            throw PredictionError.unknownModel(String(loaded.modelID))
        }
        let p = loaded.model.pixelCount
        typealias Member = (flux: [Float], ivar: [Float], trained: Bool)
        // The choice is made on obsids; only the chosen members' spectra are read (a survey-sized set holds
        // hundreds of thousands of members).
        var heldOut = try TrainingSetMemberQueries.memberObsids(trainingSetID: model.trainingSetID, preprocessingID: loaded.preprocessingID,
                                                                heldOut: true, db: db)
        var trained = try TrainingSetMemberQueries.memberObsids(trainingSetID: model.trainingSetID, preprocessingID: loaded.preprocessingID,
                                                                heldOut: false, db: db)
        var rng = SplitMix64(seed: seed)
        heldOut.shuffle(using: &rng)
        trained.shuffle(using: &rng)
        var chosenIDs = heldOut.prefix(maximumSpectra).map { (obsid: $0, trained: false) }
        if chosenIDs.count < minimumHeldOut {
            chosenIDs += trained.prefix(min(maximumSpectra, minimumHeldOut) - chosenIDs.count).map { (obsid: $0, trained: true) }
        }
        var spectra: [Int64: (flux: [Float], ivar: [Float])] = [:]
        try TrainingSetMemberQueries.membersWithSpectra(trainingSetID: model.trainingSetID, preprocessingID: loaded.preprocessingID,
                                                        obsids: chosenIDs.map(\.obsid), db: db) { member in
            guard member.flux.count == p, member.ivar.count == p else { return }
            spectra[member.obsid] = (member.flux, member.ivar)
        }
        let chosen: [Member] = chosenIDs.compactMap { id in spectra[id.obsid].map { ($0.flux, $0.ivar, id.trained) } }

        let edges = OutsideTrainingSetRule.defaultSNREdges
        let m = loaded.model
        let renormaliser = try? SpectrumPreprocessor()
        let wavelength = m.wavelength
        var flux: [Float] = [], ivar: [Float] = []
        var count = 0
        var fromTrained: [Bool] = []
        for member in chosen {
            // A member the model was trained on gets the model's own error, as an unseen star has it.
            let own = member.trained
                ? SpectrumDegrader.withModelError(flux: member.flux, mse: m.crossValidatedMSE, scale: m.fluxScaler.scale, rng: &rng)
                : member.flux
            flux += own
            ivar += member.ivar
            count += 1
            fromTrained.append(member.trained)
            let snr = SpectrumDegrader.snr(flux: member.flux[...], ivar: member.ivar[...])
            for target in SpectrumDegrader.targets(snr: snr, edges: edges, rng: &rng) {
                var copy = SpectrumDegrader.degrade(flux: own[...], ivar: member.ivar[...], sigmaFactor: snr / target, rng: &rng)
                if let renormaliser, let again = SpectrumDegrader.renormalised(flux: copy.flux, ivar: copy.ivar, wavelength: wavelength,
                                                                                preprocessor: renormaliser) {
                    copy = again
                }
                flux += copy.flux
                ivar += copy.ivar
                count += 1
                fromTrained.append(member.trained)
            }
        }
        let (inside, rule) = try Self.insideFits(flux: flux, ivar: ivar, count: count, trained: fromTrained, predictor: predictor,
                                                 templates: templates, edges: edges, targetRate: targetRate)
        let rate = OutsideTrainingSetRule.falseFlagRate(of: rule, inside: inside)
        let row = OutsideTrainingSetRow(
            modelID: loaded.modelID, version: rule.version, rule: try JSONB(encoding: rule), insideSpectra: chosen.count,
            insideFits: inside.count, falseFlagRate: rate.isFinite ? rate : nil, targetRate: targetRate, method: method)
        return (rule, row)
    }

    /// The floors of the rule's statistics: `neighbour_distance` never flags within the training set's
    /// support, by the test of `far_from_training_set` (bit 7: the distance to the k-th nearest training
    /// label beyond `farFromTrainingFactor` x its `farFromTrainingQuantile` among the members). The
    /// calibration stars are training-like, a survey's inside stars are not: a quantile of the former
    /// flagged survey stars on the edge of the support (most of the demo's false flags from S/N_g 40 to 100).
    static func floors(_ predictor: SLAMPredictor) -> [String: Double] {
        let threshold = predictor.neighbourhood.threshold
        return threshold.isFinite ? ["neighbour_distance": threshold] : [:]
    }

    /// The inside fits' statistics (failed fits left out) and the rule calibrated on them. `trained`: per
    /// spectrum, whether it is a training member's (its `neighbour_distance` is then the leave-one-out
    /// distance, `SLAMTrainingNeighbourhood.leaveOneOutDistance`). Throws ``PredictionError/inference(_:)``
    /// for a problem of the whole batch.
    static func insideFits(flux: [Float], ivar: [Float], count: Int, trained: [Bool], predictor: SLAMPredictor,
                           templates: TemplateLibrary, edges: [Double], targetRate: Double) throws(PredictionError)
        -> (inside: [OutsideTrainingSetStatistics], rule: OutsideTrainingSetRule)
    {
        do {
            var fits: [Result<LabelFit, InferenceError>] = []
            if count > 0 { fits = try predictor.predict(flux: flux, ivar: ivar, count: count, templates: templates) }
            var statistics = try predictor.outsideStatistics(fits: fits, flux: flux, ivar: ivar)
            // A training member's fit lies next to its own training label, which an unseen star's does
            // not have: its neighbour distance leaves that label out.
            for k in statistics.indices where trained[k] {
                guard case let .success(fit) = fits[k] else { continue }
                statistics[k]?.neighbourDistance = predictor.neighbourhood.leaveOneOutDistance(fit.standardisedLabels)
            }
            let inside = statistics.compactMap { $0 }
            return (inside, try OutsideTrainingSetRule.calibrate(inside: inside, snrEdges: edges, targetRate: targetRate,
                                                                 floors: Self.floors(predictor)))
        } catch {
            throw .inference(error)
        }
    }
}
