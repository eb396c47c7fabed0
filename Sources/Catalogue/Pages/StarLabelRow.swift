import Foundation
import Store

/// One prediction of a spectrum as a star page shows it: the model, the labels with their published
/// errors, the flags, and whether the model is its label set's current one.
public struct StarLabelRow: Sendable, Equatable {
    public var obsid: Int64
    public var labelSet: String
    public var modelID: Int
    /// Whether `modelID` is the current model of `labelSet` (`model_current`).
    public var isCurrent: Bool
    /// Label names, L entries; labels in label units (K, dex).
    public var labelNames: [String]
    public var labels: [Double]
    /// Formal 1-sigma errors, label units, L entries.
    public var formalErrors: [Double]
    /// Calibrated 1-sigma errors, label units, L entries (nil where none); empty when not calibrated.
    public var calibratedErrors: [Double?]
    /// `prediction.flags` (bits of `flag_bits`).
    public var flags: Int
    public var reducedChi2: Double?
    /// `converged`, `failed`, ...
    public var status: String
    public var createdAt: Date

    static let columns: SQL = """
        pr.obsid, m.label_set, pr.model_id, (mc.model_id IS NOT NULL) AS is_current, m.label_names, pr.labels, pr.formal_errors,
        pr.calibrated_errors, pr.flags, pr.reduced_chi2::float8 AS reduced_chi2, pr.status, pr.created_at
        """

    init(row: PostgresRow) throws(PostgresError) {
        obsid = try row.decode(Int64.self, "obsid")
        labelSet = try row.decode(String.self, "label_set")
        modelID = try row.decode(Int.self, "model_id")
        isCurrent = try row.decode(Bool.self, "is_current")
        labelNames = try row.decode([String].self, "label_names")
        labels = try row.decode([Float].self, "labels").map(Double.init)
        formalErrors = try row.decode([Float].self, "formal_errors").map(Double.init)
        calibratedErrors = try row.decode([Float]?.self, "calibrated_errors")?.map { $0.isFinite ? Double($0) : nil } ?? []
        flags = try row.decode(Int.self, "flags")
        reducedChi2 = try row.decode(Double?.self, "reduced_chi2")
        status = try row.decode(String.self, "status")
        createdAt = try row.decode(Date.self, "created_at")
    }

    /// The published 1-sigma error of label `index`: calibrated when there is one, else formal; and whether
    /// it is calibrated.
    public func publishedError(_ index: Int) -> (value: Double, calibrated: Bool) {
        if index < calibratedErrors.count, let calibrated = calibratedErrors[index] { return (calibrated, true) }
        return (formalErrors[index], false)
    }
}
