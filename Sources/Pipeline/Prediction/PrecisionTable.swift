import Catalogue
import Foundation
import Store

/// A model's cross-validated precision table (bias and scatter of SLAM - reference per label and S/N_g
/// bin), in the paper's form, read from `model_precision`.
public struct PrecisionTable: Sendable {
    public struct Row: Sendable {
        public var snrMin: Double
        public var snrMax: Double
        public var count: Int
        /// Per label: (bias, scatter, robust scatter), label units.
        public var values: [(Double?, Double?, Double?)]
    }
    public var labelNames: [String]
    public var rows: [Row]
    public var overall: Row?

    /// The paper's cross-validated scatter at S/N_g ~ 100 for the K-giant labels (Zhang, Liu & Deng 2020).
    public static let paperScatter: [String: Double] = [
        "teff": 49, "logg": 0.10, "m_h": 0.037, "alpha_m": 0.026, "c_m": 0.058, "n_m": 0.106,
    ]

    public static func load(modelID: Int, db: PostgresConnection) throws -> PrecisionTable {
        guard let names = try ModelQueries.model(id: modelID, db: db)?.labelNames else {
            throw PredictionError.unknownModel(String(modelID))
        }
        var bins: [String: Row] = [:]
        var order: [String] = []
        for r in try ModelPrecisionQueries.rows(modelID: modelID, db: db) {
            let key = r.scope + ":" + String(r.snrMin)
            if bins[key] == nil {
                order.append(key)
                bins[key] = Row(snrMin: r.snrMin, snrMax: r.snrMax, count: r.count, values: Array(repeating: (nil, nil, nil), count: names.count))
            }
            guard let j = names.firstIndex(of: r.label) else { continue }
            bins[key]?.values[j] = (r.bias, r.scatter, r.robustScatter)
        }
        return PrecisionTable(labelNames: names, rows: order.filter { $0.hasPrefix("bin:") }.compactMap { bins[$0] },
                              overall: order.first { $0.hasPrefix("all:") }.flatMap { bins[$0] })
    }

    /// Plain-text rendering: one line per S/N bin, `bias ± scatter` per label, and the paper's figures.
    public var text: String {
        func cell(_ v: (Double?, Double?, Double?), _ name: String) -> String {
            guard let b = v.0, let s = v.1 else { return "-" }
            let digits = name == "teff" ? "%.0f" : "%.3f"
            return String(format: "\(digits) ± \(digits)", b, s)
        }
        func range(_ r: Row) -> String {
            r.snrMax < ModelTrainingSettings.openUpperEdge ? String(format: "%.0f-%.0f", r.snrMin, r.snrMax) : String(format: ">= %.0f", r.snrMin)
        }
        var lines = [(["S/N_g", "n"] + labelNames).joined(separator: "\t")]
        for r in rows where r.count > 0 {
            lines.append(([range(r), String(r.count)] + labelNames.indices.map { cell(r.values[$0], labelNames[$0]) }).joined(separator: "\t"))
        }
        if let o = overall {
            lines.append((["all", String(o.count)] + labelNames.indices.map { cell(o.values[$0], labelNames[$0]) }).joined(separator: "\t"))
        }
        lines.append((["paper", "S/N~100"] + labelNames.map { Self.paperScatter[$0].map { String(format: $0 >= 1 ? "%.0f" : "%.3f", $0) } ?? "-" }).joined(separator: "\t"))
        return lines.joined(separator: "\n")
    }
}
