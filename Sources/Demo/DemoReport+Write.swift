import Foundation
import Pipeline
import Report
import Simulator
import Store

extension DemoReport {
    /// Gathers the data of model `result.modelID`, renders the report and writes it to
    /// `settings.output/report.html`; returns its URL.
    public static func write(result: DemoResult, settings: DemoSettings, seconds: Double,
                             database: PostgresConnectionFactory) async throws -> URL {
        let truthFile = settings.output.appendingPathComponent("survey").appendingPathComponent(MockSurvey.truthFile)
        let modelID = result.modelID
        let data = try await database.withConnection { try DemoReportData.load(modelID: modelID, truthFile: truthFile, db: $0) }
        let url = settings.output.appendingPathComponent(fileName)
        try render(data, result: result, settings: settings, seconds: seconds).write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// The whole HTML document of a demo run.
    public static func render(_ data: DemoReportData, result: DemoResult, settings: DemoSettings, seconds: Double) -> String {
        render(data, run: DemoReportRun(result: result, settings: settings, seconds: seconds))
    }
}
