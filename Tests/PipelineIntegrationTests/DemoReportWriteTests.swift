import Foundation
import Logging
import Demo
import Pipeline
import Report
import Store
import StoreTestSupport
import Testing

/// The demo's HTML report after a small demo run: every section, one `<svg>` per plot, self-contained.
@Suite("Demo HTML report", .serialized)
struct DemoReportWriteTests {
    @Test func smallDemoWritesASelfContainedReportWithEverySection() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await TestDatabase.withFresh { db in
            let factory = db.factory
            let settings = DemoSettings(stars: 300, seed: 5, output: dir, hyperparameters: DemoSettings.defaultFixed, folds: 2)
            let result = try await DemoRunner(settings: settings, database: factory, logger: PipelineEndToEndTests.quietLogger("test.report"))
                .run(say: { _ in }, follow: PipelineEndToEndTests.follow(factory))
            let url = try await DemoReport.write(result: result, settings: settings, seconds: 1, database: factory)
            #expect(url.lastPathComponent == "report.html")
            let html = try String(contentsOf: url, encoding: .utf8)
            if let keep = ProcessInfo.processInfo.environment["SLAM_KEEP_REPORT"] {
                try? html.write(toFile: keep, atomically: true, encoding: .utf8)
            }

            #expect(html.hasPrefix("<!DOCTYPE html>"))
            #expect(html.hasSuffix("</html>\n"))
            for id in ["precision", "one-to-one", "residuals", "kiel", "alpha-metallicity", "training-balance", "hyperparameters", "example-spectrum", "error-calibration", "timings", "machine"] {
                #expect(html.contains("<h2 id=\"\(id)\">"), "section \(id)")
            }
            // One-to-one and residuals per label, Kiel, alpha-metallicity, four pixel plots, spectrum and residuals,
            // then the example fits as `slam show` draws them.
            let labels = result.crossValidation.labelNames.count
            #expect(labels == 6)
            let fits = html.components(separatedBy: "<div class=\"fit\">").count - 1
            #expect(fits >= 1)
            let opened = html.components(separatedBy: "<svg").count - 1
            #expect(opened >= 2 * labels + 2 + 4 + 2 + fits)
            #expect(html.components(separatedBy: "</svg>").count - 1 == opened)
            #expect(html.contains("Error calibration from repeat observations"))
            #expect(result.truth.estimators != nil)
            #expect(html.contains("<h3>Published labels, ML fit and first guess − true labels"))
            // The training set's reference labels against the truth: every member has a true label in the mock
            // survey; the mock APOGEE labels are the truth plus noise, so no offset beyond it.
            let offset = try #require(result.truth.estimators?.referenceOffset)
            #expect(offset.count >= 50)
            #expect(abs(offset.cells[0].median) < offset.cells[0].robustScatter, "Teff offset \(offset.cells[0])")
            #expect(html.contains("<td class=\"l\">training members</td><td>\(offset.count)</td>"))
            let balance = try #require(result.balance)
            #expect(balance.plainModelID == result.modelID && balance.weightedModelID != result.modelID)
            #expect(balance.rows.map(\.count).reduce(0, +) > 0)
            #expect(html.contains("inverse density"))
            for external in ["http", "<script", "<link", "src=", "url("] {
                #expect(!html.contains(external), "external reference \(external)")
            }
            // The paper's figures sit beside the tables; every stage has a timing row.
            #expect(html.contains("scatter 49"))
            #expect(html.contains("scatter 0.106"))
            for stage in result.stages { #expect(html.contains("<td class=\"l\">\(stage.name)</td>")) }
            #expect(html.contains("The predicted spectrum with S/N_g closest to 100"))
        }
    }
}
