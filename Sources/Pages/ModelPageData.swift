import Catalogue
import Report
import Store

/// Everything a model's page (`/models/ID`) shows.
public struct ModelPageData: Sendable {
    public var detail: ModelDetailRow
    /// Per-pixel hyperparameters and CV MSE, in pixel order.
    public var pixels: DemoReportData.Pixels
    /// The precision table against S/N (cross-validation).
    public var precision: [ModelPrecisionRow]
    /// The error calibration from repeat observations and validation.
    public var calibration: [ErrorInflationRow]
    /// The promotions that made it current or replaced it.
    public var promotions: [ModelPromotionRow]
    /// Another model compared with it on the same spectra, when asked.
    public var comparison: ModelComparison?

    /// Loads model `modelID` (and its comparison with `compareWith`).
    /// - Throws: ``PageError/notFound(_:)`` for a model (or compared model) that does not exist.
    public static func load(modelID: Int, compareWith other: Int?, db: PostgresConnection) throws -> ModelPageData {
        guard let detail = try ModelPageQueries.detail(modelID: modelID, db: db) else {
            throw PageError.notFound("there is no model \(modelID)")
        }
        var comparison: ModelComparison?
        if let other {
            guard let compared = try ModelPageQueries.compare(modelID, other, db: db) else {
                throw PageError.notFound("there is no model \(other) to compare with")
            }
            comparison = compared
        }
        return ModelPageData(
            detail: detail, pixels: try DemoReportQueries.pixels(modelID: modelID, db: db),
            precision: try ModelPrecisionQueries.rows(modelID: modelID, db: db),
            calibration: try ErrorInflationQueries.reportRows(modelID: modelID, db: db),
            promotions: try ModelPageQueries.promotions(db: db).filter { $0.modelID == modelID || $0.previousModelID == modelID },
            comparison: comparison)
    }
}
