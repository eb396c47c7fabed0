import Store

/// One `model_precision` row: the cross-validated precision of one label in one S/N_g bin (`bin`) or over
/// all S/N (`all`).
public struct ModelPrecisionRow: Sendable, Equatable {
    public var label: String
    /// `bin` or `all`.
    public var scope: String
    /// S/N_g edges, [lower, upper) (stored as `real`).
    public var snrMin: Double
    public var snrMax: Double
    /// Cross-validation predictions in the bin.
    public var count: Int
    /// Mean and standard deviation of SLAM - reference, 1.4826 MAD of the same, label units; nil when not finite.
    public var bias: Double?
    public var scatter: Double?
    public var robustScatter: Double?
    /// Scatter of (SLAM - reference) / formal error, dimensionless: the provisional error inflation.
    public var errorCalibration: Double?

    public init(label: String, scope: String, snrMin: Double, snrMax: Double, count: Int, bias: Double?, scatter: Double?,
                robustScatter: Double?, errorCalibration: Double?) {
        self.label = label
        self.scope = scope
        self.snrMin = snrMin
        self.snrMax = snrMax
        self.count = count
        self.bias = bias
        self.scatter = scatter
        self.robustScatter = robustScatter
        self.errorCalibration = errorCalibration
    }

    /// The select list of ``init(row:)``.
    public static let columns: SQL = """
        label, scope, snr_min::float8 AS snr_min, snr_max::float8 AS snr_max, n, bias, scatter, robust_scatter, error_calibration
        """

    public init(row: PostgresRow) throws(PostgresError) {
        label = try row.decode(String.self, "label")
        scope = try row.decode(String.self, "scope")
        snrMin = try row.decode(Double.self, "snr_min")
        snrMax = try row.decode(Double.self, "snr_max")
        count = try row.decode(Int.self, "n")
        bias = try row.decode(Double?.self, "bias")
        scatter = try row.decode(Double?.self, "scatter")
        robustScatter = try row.decode(Double?.self, "robust_scatter")
        errorCalibration = try row.decode(Double?.self, "error_calibration")
    }
}

/// The cross-validated precision table of a model (`model_precision`).
public enum ModelPrecisionQueries {
    /// Model `modelID`'s rows: the bins (by S/N), then `all`.
    public static func rows(modelID: Int, db: PostgresConnection) throws(PostgresError) -> [ModelPrecisionRow] {
        var rows: [ModelPrecisionRow] = []
        for row in try db.query("""
            SELECT \(ModelPrecisionRow.columns) FROM model_precision WHERE model_id = \(modelID) ORDER BY scope DESC, snr_min
            """, name: "model_precision_rows").rows {
            rows.append(try ModelPrecisionRow(row: row))
        }
        return rows
    }

    /// The distinct S/N_g bins [lower, upper) of model `modelID`, by lower edge.
    public static func binEdges(modelID: Int, db: PostgresConnection) throws(PostgresError) -> [(Double, Double)] {
        var edges: [(Double, Double)] = []
        for row in try db.query("""
            SELECT DISTINCT snr_min::float8, snr_max::float8 FROM model_precision
            WHERE model_id = \(modelID) AND scope = 'bin' ORDER BY 1
            """, name: "model_precision_bin_edges").rows {
            edges.append((try row.decode(Double.self, at: 0), try row.decode(Double.self, at: 1)))
        }
        return edges
    }

    /// Writes `rows` of model `modelID` (binary COPY; S/N edges as `real`), in the caller's transaction.
    public static func write(modelID: Int, _ rows: [ModelPrecisionRow], db: PostgresConnection) throws {
        _ = try db.copyIn(table: "model_precision", columns: ["model_id", "label", "scope", "snr_min", "snr_max", "n", "bias",
                                                              "scatter", "robust_scatter", "error_calibration"]) { copy in
            for r in rows {
                try copy.append([modelID, r.label, r.scope, Float(r.snrMin), Float(r.snrMax), r.count, r.bias, r.scatter,
                                 r.robustScatter, r.errorCalibration])
            }
        }
    }
}
