import Catalogue
import Pipeline
import Report
import Store

extension StarPageData {
    /// Loads the page of spectrum `obsid`: a handful of indexed lookups, and the fit of the current model
    /// (stored, or recomputed from the model, decoded once per process through `models`).
    /// - Throws: ``PageError/notFound(_:)`` when `obsid` is not ingested; database errors.
    public static func load(obsid: Int64, db: PostgresConnection, models: ModelStore) throws -> StarPageData {
        guard let header = try StarPageQueries.header(obsid: obsid, db: db) else {
            throw PageError.notFound("no spectrum with obsid \(obsid) is in the catalogue")
        }
        let repeats = try StarPageQueries.repeats(of: header, db: db)
        let all = try StarPageQueries.predictions(obsids: [obsid] + repeats.map(\.obsid), db: db)
        var fit: FitPlotData?, problem: String?
        if all.contains(where: { $0.obsid == obsid }) {
            do {
                fit = try FitPlotData.load(obsid: obsid, modelID: nil, db: db, models: models)
            } catch let error as PostgresError {
                throw error
            } catch {
                problem = "\(error)"
            }
        }
        return StarPageData(
            header: header, predictions: all.filter { $0.obsid == obsid }, fit: fit, fitProblem: problem, repeats: repeats,
            repeatPredictions: all.filter { $0.obsid != obsid && $0.isCurrent },
            references: try StarPageQueries.references(of: header, db: db),
            trainingSets: try StarPageQueries.trainingSets(obsid: obsid, db: db),
            posteriors: try StarPageQueries.posteriors(obsid: obsid, db: db),
            flagBits: try StarPageQueries.flagBits(db: db))
    }
}
