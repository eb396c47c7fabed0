import Catalogue
import Demo
import Foundation
import Logging
import Store

extension ScaleQueriesBench {
    /// Predictions per batch of the writer, as `slam predict`'s jobs write them (`--batch-size` 500).
    static let writerBatch = 500

    /// The users' queries and an export of the current model's labels (the export's REPEATABLE READ cursor)
    /// while a new, unpromoted model version's predictions of every spectrum are written, one committed
    /// batch of ``writerBatch`` at a time, on another connection: what a survey sees during a retraining's
    /// prediction run. Prints the queries' latencies beside those measured before, and both rates.
    func measureWhileWriting(_ n: Int, catalogue: FilledCatalogue, before: [ScaleQueryTiming],
                             configuration: PostgresConfiguration, logger: Logger) async throws {
        let exportBefore = try await BlockingThread.run(name: "bench-export") {
            try Self.exportCurrentLabels(modelID: catalogue.currentModelID, configuration: configuration, logger: logger)
        }
        let runs = queryRuns
        async let written = BlockingThread.run(name: "bench-writer") { () throws -> (rows: Int, seconds: Double) in
            try Self.writeNewVersion(n, catalogue: catalogue, configuration: configuration, logger: logger)
        }
        let (during, exportDuring) = try await BlockingThread.run(name: "bench-reader") {
            () throws -> ([ScaleQueryTiming], (rows: Int, seconds: Double)) in
            // Let the writer start its first batches.
            Thread.sleep(forTimeInterval: 1)
            let db = try PostgresConnection(configuration: configuration, logger: logger)
            let timed = try ScaleQueryTiming.measureAll(runs: runs, db: db)
            return (timed, try Self.exportCurrentLabels(modelID: catalogue.currentModelID, configuration: configuration, logger: logger))
        }
        let writer = try await written
        print("\n| query while a new version's predictions are written (N = \(n)) | median ms | p95 ms | median ms before |")
        print("|---|---:|---:|---:|")
        for (q, timing) in during.enumerated() {
            print(String(format: "| %@ | %.2f | %.2f | %.2f |", timing.query.rawValue, timing.medianMilliseconds, timing.p95Milliseconds,
                         before[q].medianMilliseconds))
        }
        print(String(format: "| export of the current model's %d labels (cursor), s | %.1f | | %.1f |", exportDuring.rows,
                     exportDuring.seconds, exportBefore.seconds))
        print(String(format: "writer: %d predictions of a new version in batches of %d in %.1f s (%.0f predictions/s), "
                     + "the reads above running beside it", writer.rows, Self.writerBatch, writer.seconds,
                     Double(writer.rows) / max(writer.seconds, 1e-9)))
    }

    /// Reads every label of model `modelID` through the export's cursor, 10,000 rows a fetch, in one
    /// REPEATABLE READ snapshot; returns the rows and the seconds it took.
    static func exportCurrentLabels(modelID: Int, configuration: PostgresConfiguration,
                                    logger: Logger) throws -> (rows: Int, seconds: Double) {
        let db = try PostgresConnection(configuration: configuration, logger: logger)
        let clock = ContinuousClock()
        let start = clock.now
        let rows = try db.transaction { db throws -> Int in
            try CatalogueExportQueries.beginSnapshot(db: db)
            try CatalogueExportQueries.openCursor(modelID: modelID, matching: .all, db: db)
            var rows = 0
            while true {
                let chunk = try CatalogueExportQueries.fetch(rows: 10_000, db: db).rows.count
                if chunk == 0 { break }
                rows += chunk
            }
            try CatalogueExportQueries.closeCursor(db: db)
            return rows
        }
        return (rows, (clock.now - start).seconds)
    }

    /// A new ready model version (not promoted) and its predictions of spectra 1...`n`, one committed batch
    /// of ``writerBatch`` at a time; returns the predictions written and the seconds it took.
    static func writeNewVersion(_ n: Int, catalogue: FilledCatalogue, configuration: PostgresConfiguration,
                                logger: Logger) throws -> (rows: Int, seconds: Double) {
        let db = try PostgresConnection(configuration: configuration, logger: logger)
        let clock = ContinuousClock()
        let start = clock.now
        let model = try SyntheticCatalogueQueries.readyModel(
            labelSet: "bench", trainingSetID: catalogue.trainingSetID, labelNames: SyntheticCatalogueQueries.labelNames,
            preprocessingID: catalogue.preprocessingID, pixels: 1901, db: db)
        var rows = 0
        for first in stride(from: 1, through: n, by: writerBatch) {
            rows += try SyntheticCatalogueQueries.fillPredictions(
                modelID: model, obsids: Int64(first)...Int64(min(first + writerBatch - 1, n)), db: db)
        }
        return (rows, (clock.now - start).seconds)
    }
}
