import Catalogue
import Foundation
import Primitives
import SLAMNumerics
import Store

/// Loads trained models from the database (chunks concatenated, SHA-256 checked, decoded) and keeps the
/// decoded models of one worker process in memory, so consecutive prediction batches of one model do
/// not reload it.
public final class ModelStore: Sendable {
    private let cache = LockedValue([Int: LoadedModel]())
    private let templateCache = LockedValue([Int: TemplateLibrary]())
    private let outsideCache = LockedValue([Int: OutsideTrainingSetRule]())

    public init() {}

    /// A decoded model with its registry row.
    public struct LoadedModel: Sendable {
        public var modelID: Int
        public var labelSet: String
        public var preprocessingID: Int
        public var model: SLAMModel
        /// Empirical errors per S/N_g bin: (lower edge, upper edge, scatter per label), from cross-validation.
        public var empiricalScatter: [(Double, Double, [Double?])]
    }

    /// Returns model `modelID`, from the cache or the database; throws ``PredictionError`` for an unknown
    /// model, one that is not ready, or a corrupt blob.
    public func load(_ modelID: Int, db: PostgresConnection) throws -> LoadedModel {
        if let hit = cache.withLock({ $0[modelID] }) { return hit }
        guard let row = try ModelQueries.model(id: modelID, db: db) else { throw PredictionError.unknownModel(String(modelID)) }
        guard ModelUse.reading.allows(row.status) else { throw PredictionError.modelNotReady(modelID, status: row.status.rawValue) }
        let blob = try ModelBlobQueries.blob(modelID: modelID, db: db)
        guard SHA256Digest.hex(blob) == row.blobSHA256 else { throw PredictionError.corruptModel(modelID, reason: "SHA-256 mismatch") }
        let model: SLAMModel
        do { model = try SLAMModel(serialized: blob) } catch {
            throw PredictionError.corruptModel(modelID, reason: error.description)
        }
        let names = row.labelNames
        var bins: [Double: (Double, [Double?])] = [:]
        for p in try ModelPrecisionQueries.rows(modelID: modelID, db: db) where p.scope == "bin" {
            guard let j = names.firstIndex(of: p.label) else { continue }
            var entry = bins[p.snrMin] ?? (p.snrMax, [Double?](repeating: nil, count: names.count))
            entry.1[j] = p.scatter
            bins[p.snrMin] = entry
        }
        let loaded = LoadedModel(
            modelID: modelID, labelSet: row.labelSet, preprocessingID: row.preprocessingID, model: model,
            empiricalScatter: bins.keys.sorted().compactMap { lo in bins[lo].map { (lo, $0.0, $0.1) } })
        cache.withLock { $0[modelID] = loaded }
        return loaded
    }
}

extension ModelStore {
    /// The template library of model `modelID`, built by `make` on first use.
    func templates(_ modelID: Int, make: () throws -> TemplateLibrary) throws -> TemplateLibrary {
        if let hit = templateCache.withLock({ $0[modelID] }) { return hit }
        let library = try make()
        templateCache.withLock { $0[modelID] = library }
        return library
    }
}

extension ModelStore {
    /// The `outside_training_set` rule of model `modelID` once this process has read or calibrated it.
    func cachedOutsideRule(_ modelID: Int) -> OutsideTrainingSetRule? { outsideCache.withLock { $0[modelID] } }

    /// Keeps `rule` as model `modelID`'s rule for this process.
    func cacheOutsideRule(_ rule: OutsideTrainingSetRule, modelID: Int) { outsideCache.withLock { $0[modelID] = rule } }
}

extension ModelStore.LoadedModel {
    /// Empirical 1-sigma errors at S/N_g `snr`: the cross-validated scatter of the S/N bin holding it.
    func empiricalErrors(snr: Double?) -> [Double?]? {
        guard let snr, snr.isFinite else { return nil }
        return empiricalScatter.first { snr >= $0.0 && snr < $0.1 }?.2
    }
}
