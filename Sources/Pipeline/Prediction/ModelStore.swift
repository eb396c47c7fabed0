import Foundation
import Numerics
import Primitives
import Store

/// Loads trained models from the database (chunks concatenated, SHA-256 checked, decoded) and keeps the
/// decoded models of one worker process in memory, so consecutive prediction batches of one model do
/// not reload it.
public final class ModelStore: Sendable {
    private let cache = LockedValue([Int: LoadedModel]())
    private let templateCache = LockedValue([Int: TemplateLibrary]())

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
        guard let row = try db.query("""
            SELECT label_set, preprocessing_id, status, blob_sha256, label_names FROM model WHERE model_id = $1
            """, [modelID]).first else { throw PredictionError.unknownModel(String(modelID)) }
        let status = try row.decode(String.self, "status")
        guard status == "ready" || status == "retired" else { throw PredictionError.modelNotReady(modelID, status: status) }
        var blob: [UInt8] = []
        for chunk in try db.query("SELECT bytes FROM model_blob_chunk WHERE model_id = $1 ORDER BY chunk_no", [modelID]).rows {
            blob.append(contentsOf: try chunk.decode(Data.self, at: 0))
        }
        let expected = try row.decode(String.self, "blob_sha256")
        guard SHA256Digest.hex(blob) == expected else { throw PredictionError.corruptModel(modelID, reason: "SHA-256 mismatch") }
        let model: SLAMModel
        do { model = try SLAMModel(serialized: blob) } catch {
            throw PredictionError.corruptModel(modelID, reason: error.description)
        }
        let names = try row.decode([String].self, "label_names")
        var bins: [Double: (Double, [Double?])] = [:]
        for p in try db.query("""
            SELECT snr_min::float8, snr_max::float8, label, scatter FROM model_precision WHERE model_id = $1 AND scope = 'bin'
            """, [modelID]).rows {
            let lo = try p.decode(Double.self, at: 0), hi = try p.decode(Double.self, at: 1)
            guard let j = names.firstIndex(of: try p.decode(String.self, at: 2)) else { continue }
            var entry = bins[lo] ?? (hi, [Double?](repeating: nil, count: names.count))
            entry.1[j] = try p.decode(Double?.self, at: 3)
            bins[lo] = entry
        }
        let loaded = LoadedModel(
            modelID: modelID, labelSet: try row.decode(String.self, "label_set"),
            preprocessingID: try row.decode(Int.self, "preprocessing_id"), model: model,
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

extension ModelStore.LoadedModel {
    /// Empirical 1-sigma errors at S/N_g `snr`: the cross-validated scatter of the S/N bin holding it.
    func empiricalErrors(snr: Double?) -> [Double?]? {
        guard let snr, snr.isFinite else { return nil }
        return empiricalScatter.first { snr >= $0.0 && snr < $0.1 }?.2
    }
}
